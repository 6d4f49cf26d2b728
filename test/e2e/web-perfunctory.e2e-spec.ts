import { gql, tokenFor } from './helpers';
import * as L from './lifecycle-fixtures';
import { expectCleanPage, openPage, shot, webUrl, type WebPage } from './web-browser';
import { dataOf, done, useBrowser } from './web-flows';

const CHECK = `query($c: String!, $d: PerfunctoryDraftInput!, $s: Int) {
  checkPerfunctoryDraft(commitmentId: $c, draft: $d, secondsSpent: $s) {
    score flagged outsideScope reasons { code message } similar { similarity sameAuthor text { commitmentId } } } }`;
const TEXTS = `query($c: String!, $o: String) { perfunctoryTexts(campaignId: $c, orgPath: $o, kind: "review") {
  total items { commitmentId sameAuthorCopies reasons { message } } } }`;
const PHRASES = `query { stockPhrases { phrase builtIn } }`;
const ADD = `mutation($p: String!) { addStockPhrase(phrase: $p) { phrase builtIn } }`;
const KEYS = ['Q0', 'Q1', 'Q2', 'Q3'];

/** The reviewer's one text for every member: a shortcoming, a cause and a measure pasted unchanged. */
const PASTE = {
  shortcoming: '服务群众的意识还不够强，遇到困难有畏难情绪，对分管工作抓得不够细，落实上级部署有时打折扣。',
  causes: '对自身要求有所放松，主观能动性发挥不够。',
  target: '进一步增强服务意识，切实改进工作作风',
  measures: '严格要求自己，认真抓好落实，今后加以改进',
};
const review = (ownerId: string) => ({
  mode: 'talk',
  achievements: '能够按时参加组织生活，较好完成了承诺事项。',
  shortcomings: [PASTE.shortcoming],
  causes: PASTE.causes,
  measures: [{ ownerId, target: PASTE.target, measures: PASTE.measures, deadline: '2026-12-31' }],
  grade: 'good',
});
const draftOf = (target: string, measures: string) => ({
  shortcomings: [PASTE.shortcoming],
  causes: PASTE.causes,
  measures: [{ target, measures }],
});

/** Runs a page's steps; when one fails, the page as it was is saved (…-failed.png) before the failure is reported. */
async function onPage(w: WebPage, name: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (e) {
    await shot(w.page, `${name}-failed`).catch(() => undefined);
    throw e;
  } finally {
    await w.context.close();
  }
}

/**
 * 防走过场 in the browser (issue 21): the reviewer who pasted one review into three members' sees the flags with the
 * reasons and the similar texts on the 工作台, checks the fourth review's draft before sending it (the form sends the
 * seconds spent with it); the administrator sees the reviewer flagged at the node, opens the evidence side by side and
 * sends one review to redo from the flag; a prefecture administrator adds a stock phrase that scoring uses from then on.
 */
describe('web: 防走过场 — the reviewer’s own flags, the draft check, the administrator’s node page', () => {
  const ctx = L.useWorld();
  const b = useBrowser();
  const ids: Record<string, string> = {};
  const campaign = () => `${ctx.w.p}-wpf`;
  const names = () => [...dataOf(ctx.w), ...Object.values(ctx.w.unit).map((u) => u.path), campaign()];

  beforeAll(async () => {
    const w = ctx.w;
    for (const k of KEYS) {
      await w.addMember(k, 'B');
      w.people[k]!.token = await tokenFor(['member'], w.unit['B']!.path, w.person(k).id);
    }
    const days = ['draftDays', 'acceptanceDays', 'publicityDays', 'fulfilmentDays', 'selfEvaluationDays']
      .concat(['mutualReviewDays', 'leadershipReviewDays', 'massEvaluationDays', 'rectificationDays'])
      .map((k) => [k, 3000]);
    const settings = {
      ...L.fastSettings(Object.fromEntries(days)),
      schedules: { monthlyReport: 'off', quarterlyReport: 'off', spotCheck: 'off' },
    };
    await L.must(
      `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId } }`,
      {
        i: {
          id: campaign(),
          name: '防走过场（浏览器）',
          year: 2026,
          scopePath: w.unit['P']!.path,
          settingsJson: JSON.stringify(settings),
          subjects: KEYS.map((k) => ({ kind: 'member', id: w.person(k).id })),
        },
      },
      w.admin,
    );
    await L.eventually('the commitments opened', async () => {
      const { rows } = await ctx.pg.query(
        `select id, subject_id from commitment.commitment where campaign_id = $1 and reviewer_id is not null`,
        [campaign()],
      );
      for (const r of rows) ids[KEYS.find((k) => w.person(k).id === r.subject_id)!] = r.id;
      return rows.length === KEYS.length;
    });
    const sB = w.person('sB').token;
    for (const k of KEYS.slice(0, 3))
      await L.driveToMassEvaluation(ids[k]!, w.person(k).token, sB, review(w.person(k).id));
    await L.driveToMutualReview(ids['Q3']!, w.person('Q3').token, sB);
    await L.must(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id: ids['Q3'] }, sB);
    await L.eventually(
      'the three pasted reviews flagged',
      async () => {
        const t = await L.must<{
          perfunctoryTexts: { total: number; items: { sameAuthorCopies: number }[] };
        }>(TEXTS, { c: campaign(), o: w.unit['P']!.path }, w.admin);
        return (
          t.perfunctoryTexts.total === 3 && t.perfunctoryTexts.items.every((x) => x.sameAuthorCopies === 2)
        );
      },
      120_000,
    );
  }, 600_000);

  it('scores a draft without storing it, within the caller’s scope', async () => {
    const w = ctx.w;
    const r = await L.must<{ checkPerfunctoryDraft: any }>(
      CHECK,
      { c: ids['Q3'], d: draftOf(PASTE.target, PASTE.measures), s: 20 },
      w.person('sB').token,
    );
    const d = r.checkPerfunctoryDraft;
    expect(d.flagged).toBe(true);
    expect(d.reasons.map((x: any) => x.message)).toEqual(
      expect.arrayContaining(['与该点评人其他 3 份点评高度相似', '打开后 20 秒即提交']),
    );
    expect(new Set(d.similar.map((s: any) => s.text.commitmentId))).toEqual(
      new Set(KEYS.slice(0, 3).map((k) => ids[k])),
    );
    const stored = await ctx.pg.query(
      `select 1 from insight.perf_text where commitment_id = $1 and kind = 'review'`,
      [ids['Q3']],
    );
    expect(stored.rowCount).toBe(0);
    const other = await tokenFor(['county_admin'], `${w.p}ZZ`);
    const out = await gql(CHECK, { c: ids['Q3'], d: draftOf('甲', '乙') }, { token: other });
    expect(L.code(out)).toBe('NOT_FOUND');
  }, 60_000);

  it('the reviewer sees their flags with the reasons, checks the next draft, and the form sends the time spent', async () => {
    const w = ctx.w;
    const sB = await openPage(b.browser, { token: w.person('sB').token });
    await onPage(sB, 'perfunctory-reviewer', async () => {
      await sB.page.goto(webUrl('/workbench'));
      const card = sB.page.getByLabel('我的防走过场提示');
      await card.getByText('与该点评人其他 2 份点评高度相似').first().waitFor();
      await expect(card.locator('[data-my-flag]').count()).resolves.toBe(3);
      await card.getByText('查看高度相似的文本').first().click();
      await card
        .getByText(/相似度 \d+%/)
        .first()
        .waitFor();
      await expect(card.locator('[data-evidence] [data-perf-text]').count()).resolves.toBe(3);
      await expectCleanPage(sB, { data: names() });
      await shot(sB.page, 'perfunctory-my-flags');

      await sB.page.goto(webUrl(`/commitments/${ids['Q3']}/review`));
      await sB.page.getByLabel('肯定成绩').fill('能够按时参加组织生活，较好完成了承诺事项。');
      await sB.page.getByLabel('指出不足（第 1 条）').fill(PASTE.shortcoming);
      await sB.page.getByLabel('分析原因').fill(PASTE.causes);
      await sB.page.getByRole('button', { name: '增加整改意见' }).click();
      await sB.page.getByLabel('定目标').fill(PASTE.target);
      await sB.page.getByLabel('定措施').fill(PASTE.measures);
      await sB.page.getByLabel('定时限').fill('2026-12-31');
      await sB.page.getByRole('button', { name: '检查点评是否走过场' }).click();
      const status = sB.page.getByRole('status').filter({ hasText: '提交后将被提示为可能走过场' });
      await status.getByText('与该点评人其他 3 份点评高度相似').waitFor();
      await sB.page
        .getByLabel('高度相似的文本')
        .getByText(/相似度 \d+%/)
        .first()
        .waitFor();
      await expectCleanPage(sB, { data: names() });
      await shot(sB.page, 'perfunctory-draft-check');
      // Nothing is refused for it: sent as it is, with the seconds since the form opened.
      await sB.page.getByRole('button', { name: '提交点评' }).click();
      await done(sB, '点评已通过并提交');
      const row = await L.eventually('the sent review scored', async () => {
        const r = await ctx.pg.query(
          `select seconds_spent, reasons from insight.perf_text where commitment_id = $1 and current and kind = 'review'`,
          [ids['Q3']],
        );
        return r.rows[0];
      });
      expect(row.seconds_spent).toEqual(expect.any(Number));
      expect(row.seconds_spent).toBeLessThan(120);
      expect(row.reasons.map((x: any) => x.message)).toContain(`打开后 ${row.seconds_spent} 秒即提交`);
    });
  }, 180_000);

  it('the administrator sees the reviewer flagged at the node, opens the evidence and orders a redo from the flag', async () => {
    const w = ctx.w;
    const admin = await openPage(b.browser, { token: w.admin });
    await onPage(admin, 'perfunctory-admin', async () => {
      const node = `/dashboard/${encodeURIComponent(campaign())}/${encodeURIComponent(w.unit['P']!.path)}`;
      await admin.page.goto(webUrl(node));
      await admin.page.getByRole('button', { name: '防走过场' }).click();
      const authors = admin.page.getByLabel('有提示的点评人');
      await authors.getByRole('row').filter({ hasText: '党员sB' }).filter({ hasText: '4 / 4' }).waitFor();
      const texts = admin.page.getByLabel('有提示的点评与自评');
      await texts.getByText('与该点评人其他 3 份点评高度相似').first().waitFor();
      await expectCleanPage(admin, { data: names() });
      await shot(admin.page, 'perfunctory-node');

      const first = texts.getByRole('row').filter({ hasText: '党员Q0' }).filter({ hasText: '领导点评' });
      await first.getByRole('button', { name: '证据与处理' }).click();
      const drawer = admin.page.locator('.ant-drawer');
      await drawer
        .locator('[data-evidence]')
        .getByText(/相似度 \d+%/)
        .first()
        .waitFor();
      await expect(drawer.locator('[data-evidence] [data-perf-text]').count()).resolves.toBe(4);
      // 送督查 in one step: the flag's review becomes an inspection task (listed on the 督查抽查 page).
      await drawer.getByRole('button', { name: '送督查', exact: true }).click();
      await drawer.getByText('已送督查：督查任务已建立，待检查').waitFor();
      await expectCleanPage(admin, { data: names() });
      await shot(admin.page, 'perfunctory-evidence');
      await drawer.getByRole('button', { name: '下达重做' }).click();
      await drawer.getByText('已退回领导点评').waitFor();
      await L.eventually(
        'Q0 back at the review',
        async () => (await L.getCommitment(w.admin, ids['Q0']!))['stage'] === 'leadership_review',
      );
      await admin.page.goto(webUrl(`/campaigns/${encodeURIComponent(campaign())}/spot-checks`));
      const sent = admin.page.getByLabel('送督查的点评');
      const task = sent
        .getByRole('row')
        .filter({ hasText: '党员Q0的领导点评' })
        .filter({ hasText: '送督查核实' });
      await task.getByRole('button', { name: '登记检查结果' }).waitFor();
      await expectCleanPage(admin, { data: names() });
      await shot(admin.page, 'perfunctory-sent-inspection');
      expect(admin.errors).toEqual([]);
    });
  }, 180_000);

  it('a prefecture administrator adds a stock phrase (audited) that scores drafts from then on, and removes it', async () => {
    const w = ctx.w;
    const digits = '零一二三四五六七八九';
    const tail = Array.from({ length: 6 }, () => digits[Math.floor(Math.random() * 10)]).join('');
    const phrase = `全面压实主体责任清单${tail}`;
    const draft = draftOf(phrase, phrase);
    const stockBefore = await L.must<{ checkPerfunctoryDraft: any }>(
      CHECK,
      { c: ids['Q3'], d: draft },
      w.admin,
    );
    const codes = (r: any) => r.checkPerfunctoryDraft.reasons.map((x: any) => x.code);
    expect(codes(stockBefore)).not.toContain('stock_measures');

    const admin = await openPage(b.browser, { token: w.admin });
    await onPage(admin, 'perfunctory-phrases-page', async () => {
      await admin.page.goto(
        webUrl(
          `/dashboard/${encodeURIComponent(campaign())}/${encodeURIComponent(w.unit['P']!.path)}/perfunctory`,
        ),
      );
      const table = admin.page.getByLabel('套话列表');
      await table.getByLabel('新增套话').fill(phrase);
      await table.getByRole('button', { name: '添加套话' }).click();
      await admin.page.getByText('已添加套话').waitFor();
      const listed = await L.must<{ stockPhrases: { phrase: string; builtIn: boolean }[] }>(
        PHRASES,
        {},
        w.admin,
      );
      expect(listed.stockPhrases).toContainEqual({ phrase, builtIn: false });
      expect(listed.stockPhrases.filter((p) => p.builtIn).length).toBeGreaterThanOrEqual(49);
      const stockAfter = await L.must<{ checkPerfunctoryDraft: any }>(
        CHECK,
        { c: ids['Q3'], d: draft },
        w.admin,
      );
      expect(codes(stockAfter)).toContain('stock_measures');
      await expectCleanPage(admin, { data: [...names(), phrase] });
      await shot(admin.page, 'perfunctory-phrases');

      // Chinese refusals; only a prefecture administrator may change the list.
      const county = await tokenFor(['county_admin'], w.unit['C']!.path);
      expect(L.code(await gql(ADD, { p: '落实到位再到位' }, { token: county }))).toBe('FORBIDDEN');
      const short = await gql(ADD, { p: '的。' }, { token: w.admin });
      expect(short.errors?.[0]?.message).toContain('套话至少 2 个字');
      const again = await gql(ADD, { p: phrase }, { token: w.admin });
      expect(again.errors?.[0]?.message).toContain('该套话已在列表中');
      const builtIn = await gql(`mutation { removeStockPhrase(phrase: "加以改进") }`, {}, { token: w.admin });
      expect(builtIn.errors?.[0]?.message).toContain('内置套话不能删除');

      await table.getByRole('row').filter({ hasText: phrase }).getByRole('button', { name: '删除' }).click();
      await admin.page.getByRole('button', { name: '删除', exact: true }).last().click();
      await admin.page.getByText('已删除套话').waitFor();
      const audit = await ctx.pg.query(
        `select action, actor_id from insight.perf_phrase_audit where phrase = $1 order by id`,
        [phrase],
      );
      expect(audit.rows).toEqual([
        { action: 'add', actor_id: `e2e-prefecture_admin-${w.p}P` },
        { action: 'remove', actor_id: `e2e-prefecture_admin-${w.p}P` },
      ]);
      expect(admin.errors).toEqual([]);
    });
  }, 180_000);
});
