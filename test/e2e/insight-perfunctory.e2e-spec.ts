import { gql, tokenFor } from './helpers';
import * as L from './lifecycle-fixtures';

const TEXT = `id kind commitmentId subjectName orgPath authorId authorName score flagged current
  reasons { code message weight } sameAuthorCopies otherCopies text`;
const TEXTS = `query($c: String!, $o: String, $k: String) {
  perfunctoryTexts(campaignId: $c, orgPath: $o, kind: $k, limit: 100) { total items { ${TEXT} } } }`;
const DETAIL = `query($id: String!) { perfunctoryText(id: $id) { outsideScope text { ${TEXT} }
  similar { similarity sameAuthor text { ${TEXT} } } } }`;
const AUTHORS = `query($c: String!, $o: String) { perfunctoryAuthors(campaignId: $c, orgPath: $o, kind: "review") {
  total items { authorId authorName kind flagged texts maxScore } } }`;
const MINE = `query($c: String!) { myPerfunctoryFlags(campaignId: $c) { ${TEXT} } }`;
const LEAD = `mutation($id: ID!, $r: LeadershipReviewInputType!) { submitLeadershipReview(commitmentId: $id, review: $r) { ok } }`;

const SETTINGS = L.fastSettings(
  Object.fromEntries(
    ['draftDays', 'acceptanceDays', 'publicityDays', 'fulfilmentDays', 'selfEvaluationDays']
      .concat(['mutualReviewDays', 'leadershipReviewDays', 'massEvaluationDays', 'rectificationDays'])
      .concat(['followUpDays', 'outcomeDays', 'escalationGraceDays'])
      .map((k) => [k, 3000]),
  ),
);
const KEYS = Array.from({ length: 10 }, (_, i) => `Q${i}`);

/** The one shortcoming, cause and measure a reviewer pastes into every member's review. */
const PASTED = (ownerId: string) => ({
  mode: 'talk',
  achievements: '能够按时参加组织生活，较好完成了承诺事项。',
  shortcomings: ['理论学习不够深入，联系群众不够紧密，工作作风不够扎实，开展批评与自我批评不够经常。'],
  causes: '思想认识不到位，对自身要求不够严格。',
  measures: [
    {
      ownerId,
      target: '进一步加强理论学习，切实提高思想认识',
      measures: '认真落实学习制度，严格要求自己，今后加以改进',
      deadline: '2026-12-31',
    },
  ],
  grade: 'good',
});

const PLACES = ['巴彦宝力格嘎查', '乌兰哈达村', '白音华苏木', '查干淖尔社区', '新胜村', '团结嘎查'];
const TOPICS = [
  '垃圾收运',
  '草场确权',
  '低保评定',
  '党费收缴',
  '饮水安全',
  '防火巡查',
  '村务公开',
  '危房改造',
];
const NAMES = ['王红', '乌云', '巴特尔', '李建国', '张丽', '其木格', '陈涛', '刘芳', '赵磊', '苏和'];

/** A specific review of member `i`: its own place, topic, people, numbers and dates. */
const SPECIFIC = (ownerId: string, i: number) => {
  const place = PLACES[i % PLACES.length]!;
  const topic = TOPICS[(i * 3) % TOPICS.length]!;
  const other = TOPICS[(i * 5 + 1) % TOPICS.length]!;
  return {
    mode: 'talk',
    achievements: `${NAMES[i]}同志今年牵头${topic}，${place}${12 + i * 7}户受益，群众评议满意。`,
    shortcomings: [
      `${place}${topic}台账${i + 2}月至${i + 4}月空白，${NAMES[(i + 3) % 10]}等${i + 3}户反映${other}没有回音。`,
    ],
    causes: `${NAMES[i]}同时兼管${other}，${place}没有固定的${topic}公开日。`,
    measures: [
      {
        ownerId,
        target: `2027年${(i % 12) + 1}月底前${place}${topic}台账补齐并张贴公开`,
        measures: `每月${i + 3}日由${NAMES[(i + 5) % 10]}整理上月${other}记录，${NAMES[i]}签字后在${place}公开栏张贴`,
        deadline: '2027-06-30',
      },
    ],
    grade: 'good',
  };
};

/** Issue 21: perfunctory reviews flagged from the review events, with reasons and evidence; nothing refused. */
describe('防走过场: perfunctory reviews (issue 21)', () => {
  const ctx = L.useWorld();
  const ids: Record<string, Record<string, string>> = { pasted: {}, specific: {} };
  const campaign = (k: string) => `${ctx.w.p}-pf-${k}`;

  /** Opens a campaign for the ten members and drives each to its leadership review by sB with `review(i)`. */
  async function reviewAll(kind: 'pasted' | 'specific', review: (ownerId: string, i: number) => unknown) {
    const w = ctx.w;
    await L.must(
      `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId } }`,
      {
        i: {
          id: campaign(kind),
          name: kind === 'pasted' ? '2025年度承诺践诺' : '2026年度承诺践诺',
          year: kind === 'pasted' ? 2025 : 2026,
          scopePath: w.unit['P']!.path,
          settingsJson: JSON.stringify(SETTINGS),
          subjects: KEYS.map((k) => ({ kind: 'member', id: w.person(k).id })),
        },
      },
      w.admin,
    );
    await L.eventually('the commitments opened', async () => {
      const { rows } = await ctx.pg.query(
        `select id, subject_id from commitment.commitment where campaign_id = $1`,
        [campaign(kind)],
      );
      for (const r of rows) ids[kind]![KEYS.find((k) => w.person(k).id === r.subject_id)!] = r.id;
      return rows.length === KEYS.length;
    });
    for (const [i, k] of KEYS.entries())
      await L.driveToMassEvaluation(ids[kind]![k]!, w.person(k).token, w.person('sB').token, {
        ...(review(w.person(k).id, i) as object),
      });
  }

  const texts = async (c: string) =>
    (
      await L.must<{ perfunctoryTexts: { total: number; items: any[] } }>(
        TEXTS,
        { c, o: ctx.w.unit['P']!.path, k: 'review' },
        ctx.w.admin,
      )
    )['perfunctoryTexts'];

  beforeAll(async () => {
    const w = ctx.w;
    for (const k of KEYS) {
      await w.addMember(k, 'B');
      w.people[k]!.token = await tokenFor(['member'], w.unit['B']!.path, w.person(k).id);
    }
    w.people['sB']!.token = await tokenFor(
      ['unit_secretary', 'reviewer'],
      w.unit['B']!.path,
      w.person('sB').id,
    );
    await reviewAll('pasted', PASTED);
    await reviewAll('specific', SPECIFIC);
  }, 900_000);

  it('flags a reviewer who pasted one shortcoming into ten reviews, with the reason and the ten linked', async () => {
    const page = await L.eventually(
      'the ten reviews scored',
      async () => {
        const p = await texts(campaign('pasted'));
        return p.total === 10 && p.items.every((t) => t.sameAuthorCopies === 9) ? p : null;
      },
      120_000,
    );
    expect(new Set(page.items.map((t) => t.commitmentId))).toEqual(new Set(Object.values(ids['pasted']!)));
    for (const t of page.items) {
      expect(t).toMatchObject({ flagged: true, current: true, authorId: ctx.w.person('sB').id });
      expect(t.reasons.map((r: any) => r.message)).toEqual(
        expect.arrayContaining(['与该点评人其他 9 份点评高度相似', '整改措施为常见套话']),
      );
      expect(t.score).toBeGreaterThanOrEqual(50);
    }
    // The evidence: the other nine side by side, each a copy by the same reviewer.
    const one = page.items[0];
    const d = (await L.must<{ perfunctoryText: any }>(DETAIL, { id: one.id }, ctx.w.admin))[
      'perfunctoryText'
    ];
    expect(d.text.id).toBe(one.id);
    expect(d.outsideScope).toBe(0);
    expect(d.similar).toHaveLength(9);
    expect(new Set([one.commitmentId, ...d.similar.map((s: any) => s.text.commitmentId)])).toEqual(
      new Set(Object.values(ids['pasted']!)),
    );
    for (const s of d.similar) {
      expect(s.sameAuthor).toBe(true);
      expect(s.similarity).toBeGreaterThanOrEqual(0.6);
      expect(s.text.text).toContain('理论学习不够深入');
    }
    // Flagged reviewers per node, and the reviewer's own flags.
    const authors = (
      await L.must<{ perfunctoryAuthors: any }>(AUTHORS, { c: campaign('pasted') }, ctx.w.admin)
    )['perfunctoryAuthors'];
    expect(authors.items).toEqual([
      expect.objectContaining({ authorId: ctx.w.person('sB').id, kind: 'review', flagged: 10, texts: 10 }),
    ]);
    const mine = (
      await L.must<{ myPerfunctoryFlags: any[] }>(MINE, { c: campaign('pasted') }, ctx.w.person('sB').token)
    )['myPerfunctoryFlags'].filter((t) => t.kind === 'review');
    expect(mine.filter((t) => t.flagged)).toHaveLength(10);
    // Nothing was refused: every pasted review passed the gate and the commitments went on.
    for (const id of Object.values(ids['pasted']!))
      expect((await L.getCommitment(ctx.w.admin, id))['stage']).toBe('mass_evaluation');
  }, 180_000);

  it('does not flag specific, different reviews of the same members', async () => {
    const mine = await L.eventually(
      'the specific reviews scored',
      async () => {
        const m = (
          await L.must<{ myPerfunctoryFlags: any[] }>(
            MINE,
            { c: campaign('specific') },
            ctx.w.person('sB').token,
          )
        )['myPerfunctoryFlags'].filter((t) => t.kind === 'review');
        return m.length === 10 ? m : null;
      },
      120_000,
    );
    for (const t of mine) {
      expect(t).toMatchObject({ flagged: false, sameAuthorCopies: 0, otherCopies: 0 });
      expect(t.score).toBeLessThan(50);
    }
    expect((await texts(campaign('specific'))).total).toBe(0);
  }, 180_000);

  it('sends a flagged review to redo from the flag; the redone review is not flagged and no longer links the others', async () => {
    const flagged = (await texts(campaign('pasted'))).items[0];
    const key = KEYS.find((k) => ids['pasted']![k] === flagged.commitmentId)!;
    await L.must(
      `mutation($ids: [ID!]!, $r: String!) { orderReviewRedo(commitmentIds: $ids, reason: $r) { ok } }`,
      { ids: [flagged.commitmentId], r: `防走过场提示：${flagged.reasons[0].message}，责令重新点评` },
      ctx.w.admin,
    );
    await L.eventually(
      'back at the review',
      async () => (await L.getCommitment(ctx.w.admin, flagged.commitmentId))['stage'] === 'leadership_review',
    );
    await L.must(
      LEAD,
      { id: flagged.commitmentId, r: SPECIFIC(ctx.w.person(key).id, KEYS.indexOf(key)) },
      ctx.w.person('sB').token,
    );
    const page = await L.eventually(
      'the redone review scored',
      async () => {
        const p = await texts(campaign('pasted'));
        return p.total === 9 && p.items.every((t) => t.sameAuthorCopies === 8) ? p : null;
      },
      120_000,
    );
    expect(page.items.map((t) => t.commitmentId)).not.toContain(flagged.commitmentId);
    const mine = (
      await L.must<{ myPerfunctoryFlags: any[] }>(MINE, { c: campaign('pasted') }, ctx.w.person('sB').token)
    )['myPerfunctoryFlags'].filter((t) => t.commitmentId === flagged.commitmentId && t.kind === 'review');
    expect(mine).toEqual([expect.objectContaining({ flagged: false, current: true })]);
  }, 240_000);

  it('shows the evidence only within the caller’s scope; a member may not read the flags', async () => {
    const one = (await texts(campaign('pasted'))).items[0];
    const other = await tokenFor(['county_admin'], `${ctx.w.p}ZZ`);
    const r = await gql(DETAIL, { id: one.id }, { token: other });
    expect(L.code(r)).toBe('NOT_FOUND');
    const m = await gql(
      TEXTS,
      { c: campaign('pasted'), o: ctx.w.unit['B']!.path },
      { token: ctx.w.person('Q1').token },
    );
    expect(L.code(m)).toBe('FORBIDDEN');
  }, 60_000);
});
