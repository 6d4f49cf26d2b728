import { gql } from './helpers';
import {
  GOOD_REVIEW,
  driveToMassEvaluation,
  expectCoverageCountersExact,
  useWorld,
  PRIOR_SUMMARY,
  code,
  eventually,
  fastSettings,
  getCommitment,
  must,
  openOne,
} from './lifecycle-fixtures';

const PUBLIC = { 'x-pingyi-channel': 'public' };
const ok = (r: { data?: Record<string, any> | undefined; errors?: unknown }) => {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
};

describe('commitment lifecycle through GraphQL on the real stack', () => {
  const ctx = useWorld({ kafka: true });
  const w = ctx.w;

  const step = (token: string, mutation: string, vars: Record<string, unknown>) =>
    gql<Record<string, { ok: boolean; failures: string[] }>>(mutation, vars, { token });
  const stageOf = async (id: string) => (await getCommitment(w.admin, id))['stage'] as string;

  it('runs one member commitment end to end: every step by the right person, refused for the wrong one', async () => {
    const M = w.person('M');
    const sB = w.person('sB');
    const X = w.person('X');
    const { campaignId, commitmentId: id } = await openOne(w, { kind: 'member', id: M.id }, fastSettings());

    // 1. Commit (定诺): the member, not the secretary; bad input changes nothing.
    const SUBMIT = `mutation($id: ID!, $items: [CommitmentItemInputType!]!) { submitCommitment(commitmentId: $id, items: $items) { ok } }`;
    const items = [
      { content: '每月为群众办一件实事', target: '全年不少于12件', dueDate: '2026-12-31' },
      { content: '带头参加组织生活', target: '全勤', dueDate: '2026-12-31' },
    ];
    expect(code(await step(sB.token, SUBMIT, { id, items }))).toBe('FORBIDDEN');
    expect(code(await step(M.token, SUBMIT, { id, items: [] }))).toBe('BAD_INPUT');
    expect(code(await step(M.token, SUBMIT, { id, items: [{ ...items[0], dueDate: '明年' }] }))).toBe(
      'BAD_INPUT',
    );
    expect((await getCommitment(w.admin, id))['timeline'].map((t: any) => t.type)).toEqual([
      'commitment.opened',
    ]);
    ok(await step(M.token, SUBMIT, { id, items }));
    expect(code(await step(M.token, SUBMIT, { id, items }))).toBe('WRONG_STAGE'); // twice
    let c = await getCommitment(w.admin, id);
    expect(c['stage']).toBe('acceptance');
    expect(c['reviewerId']).toBe(sB.id);

    // The superior sends it back with reasons, then accepts the resubmission.
    const REVIEW = `mutation($id: ID!, $d: ReviewDecision!, $r: String) { reviewCommitment(commitmentId: $id, decision: $d, reasons: $r) { ok } }`;
    expect(code(await step(M.token, REVIEW, { id, d: 'accept' }))).toBe('FORBIDDEN');
    expect(code(await step(sB.token, REVIEW, { id, d: 'send_back' }))).toBe('BAD_INPUT'); // no reasons
    ok(await step(sB.token, REVIEW, { id, d: 'send_back', r: '承诺不够具体，请量化目标' }));
    expect(await stageOf(id)).toBe('drafting');
    // The notice is written by the workflow's next activity, after the step has answered.
    const kinds = await eventually('the sent-back notice', async () => {
      const inboxM = await must<{ myInbox: { kind: string; title: string }[] }>(
        `{ myInbox { kind title } }`,
        {},
        M.token,
      );
      const k = inboxM.myInbox.map((m) => m.kind);
      return k.includes('sent_back') ? k : null;
    });
    expect(kinds).toContain('sent_back');
    ok(await step(M.token, SUBMIT, { id, items }));
    ok(await step(sB.token, REVIEW, { id, d: 'accept' }));
    expect(await stageOf(id)).toBe('publicity');

    // 2. Publicity (公示): an anonymous objection through the public channel; the reviewer ends the window.
    const OBJECT = `mutation($id: ID!, $c: String!) { raiseObjection(commitmentId: $id, content: $c) { ok } }`;
    ok(await gql(OBJECT, { id, c: '承诺的第一项往年已经完成，不算新承诺' }, { headers: PUBLIC }));
    const CLOSE = `mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`;
    expect(code(await step(M.token, CLOSE, { id }))).toBe('FORBIDDEN');
    ok(await step(sB.token, CLOSE, { id }));
    expect(await stageOf(id)).toBe('fulfilment');

    // 3. Fulfil (践诺) with evidence; 4. self-evaluation with the prior-work summary.
    const PROGRESS = `mutation($id: ID!, $i: Int!, $p: Int!, $n: String!, $e: [String!]) { reportProgress(commitmentId: $id, itemIndex: $i, percent: $p, note: $n, evidence: $e) { ok } }`;
    ok(await step(M.token, PROGRESS, { id, i: 0, p: 60, n: '已办实事7件', e: ['台账第3页'] }));
    expect(code(await step(M.token, PROGRESS, { id, i: 5, p: 10, n: '不存在的事项' }))).toBe('BAD_INPUT');
    const SELF = `mutation($id: ID!, $t: String!, $s: String!) { submitSelfEvaluation(commitmentId: $id, text: $t, priorWorkSummary: $s) { ok } }`;
    ok(
      await step(M.token, SELF, {
        id,
        t: '本人全年认真履行承诺，按期完成了为群众办实事等各项承诺事项。',
        s: PRIOR_SUMMARY,
      }),
    );
    expect(await stageOf(id)).toBe('mutual_review');

    // 5. Mutual review: face to face (named) and back to back (no reviewer kept); not on oneself.
    const MUTUAL = `mutation($id: ID!, $m: MutualReviewMode!, $o: String!) { submitMutualReview(commitmentId: $id, mode: $m, opinion: $o) { ok } }`;
    expect(code(await step(M.token, MUTUAL, { id, m: 'face_to_face', o: '自己评自己很好' }))).toBe(
      'FORBIDDEN',
    );
    ok(await step(X.token, MUTUAL, { id, m: 'face_to_face', o: '工作积极，联系群众紧密' }));
    ok(await step(X.token, MUTUAL, { id, m: 'anonymous', o: '希望多到田间地头走走' }));
    ok(await step(sB.token, CLOSE, { id }));
    expect(await stageOf(id)).toBe('leadership_review');
    const mutual = await ctx.pg.query(
      `select mode, reviewer_id from commitment.mutual_review where commitment_id = $1 order by mode`,
      [id],
    );
    expect(mutual.rows).toEqual([
      { mode: 'anonymous', reviewer_id: null },
      { mode: 'face_to_face', reviewer_id: X.id },
    ]);

    // 6. Leadership review: the three do-not-pass gate refuses a review without shortcomings and orders a redo.
    const LEAD = `mutation($id: ID!, $r: LeadershipReviewInputType!) { submitLeadershipReview(commitmentId: $id, review: $r) { ok failures } }`;
    expect(code(await step(X.token, LEAD, { id, r: GOOD_REVIEW(M.id) }))).toBe('FORBIDDEN');
    const refused = await step(sB.token, LEAD, { id, r: { ...GOOD_REVIEW(M.id), shortcomings: [] } });
    expect(code(refused)).toBe('REVIEW_NOT_PASSED');
    expect(refused.errors![0]!.message).toContain('没有指出存在的不足');
    const noFixes = await step(sB.token, LEAD, {
      id,
      r: {
        ...GOOD_REVIEW(M.id),
        measures: [{ ownerId: M.id, target: '改进', measures: '', deadline: '2026-12-31' }],
      },
    });
    expect(code(noFixes)).toBe('REVIEW_NOT_PASSED');
    c = await getCommitment(w.admin, id);
    expect(c['stage']).toBe('leadership_review');
    expect(c['redoCount']).toBe(2);
    const sbInbox = await must<{ myInbox: { kind: string }[] }>(`{ myInbox { kind } }`, {}, sB.token);
    expect(sbInbox.myInbox.filter((m) => m.kind === 'redo_ordered')).toHaveLength(2);
    ok(await step(sB.token, LEAD, { id, r: GOOD_REVIEW(M.id) }));
    c = await getCommitment(w.admin, id);
    expect(c).toMatchObject({ stage: 'mass_evaluation', grade: 'good', gradeLabel: '好' });
    expect(c['reviews'].map((r: any) => r.passed)).toEqual([false, false, true]);

    // 7. Mass evaluation with single-use anonymous tokens.
    const ISSUE = `mutation($id: ID!, $c: EvaluatorCategory!, $n: Int!) { issueEvaluationTokens(commitmentId: $id, category: $c, count: $n) }`;
    expect(code(await gql(ISSUE, { id, c: 'public', n: 5 }, { token: M.token }))).toBe('FORBIDDEN');
    const tokens = ok(
      await gql<{ issueEvaluationTokens: string[] }>(ISSUE, { id, c: 'public', n: 6 }, { token: w.admin }),
    )['issueEvaluationTokens'] as string[];
    const EVAL = `mutation($t: String!, $r: String!, $c: String) { submitMassEvaluation(token: $t, rating: $r, comment: $c) }`;
    const ratings = ['satisfied', 'satisfied', 'basically_satisfied', 'satisfied', 'unsatisfied'];
    for (const [i, r] of ratings.entries())
      ok(
        await gql(
          EVAL,
          { t: tokens[i], r, c: r === 'unsatisfied' ? '村里路灯坏了很久没人修' : null },
          { headers: PUBLIC },
        ),
      );
    const reused = await gql(EVAL, { t: tokens[0], r: 'satisfied' }, { headers: PUBLIC });
    expect(code(reused)).toBe('BAD_INPUT');
    expect(reused.errors![0]!.message).toBe('评议码无效或已使用');
    expect(code(await gql(EVAL, { t: tokens[5], r: 'great' }, { headers: PUBLIC }))).toBe('BAD_INPUT');
    expect(
      (
        await ctx.pg.query(
          `select count(*)::int n from commitment.mass_eval_response where commitment_id = $1`,
          [id],
        )
      ).rows[0].n,
    ).toBe(5);
    ok(await step(sB.token, CLOSE, { id }));
    c = await getCommitment(w.admin, id);
    expect(c['stage']).toBe('rectification');
    expect(c['massEvaluation']).toEqual({
      responses: 5,
      shown: true,
      satisfied: 3,
      basicallySatisfied: 1,
      unsatisfied: 1,
    });

    // 8. Rectification: one item from the review, one from the objection, one from the mass evaluation.
    c = await eventually('three rectifications', async () => {
      const x = await getCommitment(w.admin, id);
      return x['rectifications'].length === 3 ? x : null;
    });
    expect(c['rectifications'].map((r: any) => r.source).sort()).toEqual([
      'leadership_review',
      'mass_evaluation',
      'objection',
    ]);
    const tasks = await must<{ myTasks: { action: string; rectificationId: string | null }[] }>(
      `{ myTasks { action rectificationId } }`,
      {},
      M.token,
    );
    expect(tasks.myTasks.filter((t) => t.action === 'completeRectification')).toHaveLength(3);
    const COMPLETE = `mutation($id: ID!, $n: String!, $e: [String!]!) { completeRectification(rectificationId: $id, note: $n, evidence: $e) { ok } }`;
    const VERIFY = `mutation($id: ID!, $a: Boolean!, $c: String) { verifyRectification(rectificationId: $id, approve: $a, comment: $c) { ok } }`;
    const FOLLOW = `mutation($id: ID!, $m: FollowUpMethod!, $s: Boolean!, $n: String!) { recordFollowUp(rectificationId: $id, method: $m, satisfied: $s, note: $n) { ok } }`;
    for (const r of c['rectifications'] as { id: string }[]) {
      expect(code(await step(sB.token, COMPLETE, { id: r.id, n: '已整改到位', e: ['照片'] }))).toBe(
        'FORBIDDEN',
      );
      expect(code(await step(M.token, COMPLETE, { id: r.id, n: '已整改到位', e: [] }))).toBe('BAD_INPUT');
      ok(await step(M.token, COMPLETE, { id: r.id, n: '已整改到位，见佐证', e: ['整改照片.jpg'] }));
      expect(code(await step(M.token, VERIFY, { id: r.id, a: true }))).toBe('FORBIDDEN');
      ok(await step(sB.token, VERIFY, { id: r.id, a: true }));
    }
    // 10. Follow-up after the (1 s) delay.
    for (const r of c['rectifications'] as { id: string }[]) {
      await eventually('follow-up due', async () => {
        const x = await must<{ rectification: { status: string; history: { type: string }[] } }>(
          `query($id: ID!) { rectification(id: $id) { status history { type } } }`,
          { id: r.id },
          sB.token,
        );
        return x.rectification.history.some((h) => h.type === 'rectification.follow_up_due');
      });
      ok(
        await step(sB.token, FOLLOW, {
          id: r.id,
          m: 'leader_visit',
          s: true,
          n: '走访群众，反映整改效果良好',
        }),
      );
    }
    await eventually('outcome stage', async () => (await stageOf(id)) === 'outcome');

    // 11. Outcome: commended by the reviewer.
    const OUTCOME = `mutation($id: ID!, $r: OutcomeResult!) { decideOutcome(commitmentId: $id, result: $r) { ok } }`;
    expect(code(await step(M.token, OUTCOME, { id, r: 'commend' }))).toBe('FORBIDDEN');
    ok(await step(sB.token, OUTCOME, { id, r: 'commend' }));
    c = await getCommitment(w.admin, id);
    expect(c).toMatchObject({ stage: 'closed', outcome: 'commend', outcomeLabel: '表扬', grade: 'good' });
    expect(c['rectifications'].every((r: any) => r.status === 'settled')).toBe(true);
    expect(code(await step(M.token, PROGRESS, { id, i: 0, p: 100, n: '补报' }))).toBeDefined();

    // 9. Public results (亮评): the unit's area — and the public channel — see grade, shortcomings and rectification.
    const board = await gql<{ publicBoard: Record<string, any>[] }>(
      `query($p: String!, $c: String) { publicBoard(orgPath: $p, campaignId: $c) { commitmentId subjectName gradeLabel shortcomings satisfactionPercent items rectifications { target statusLabel } } }`,
      { p: w.unit['B']!.path, c: campaignId },
      { headers: PUBLIC },
    );
    const shown = ok(board)['publicBoard'].find((r: any) => r.commitmentId === id);
    expect(shown).toMatchObject({ gradeLabel: '好', satisfactionPercent: 80 });
    expect(shown.shortcomings).toContain('联系群众的方式还比较单一');
    expect(shown.rectifications.map((r: any) => r.statusLabel)).toEqual(['已办结', '已办结', '已办结']);

    // Every step is on Kafka, once per fact.
    const timelineIds = (
      await ctx.pg.query(`select id from commitment.timeline where commitment_id = $1`, [id])
    ).rows.map((r) => r.id);
    await eventually('all events on Kafka', async () => {
      const mine = ctx.kafka.events.filter((e) => e.payload['commitmentId'] === id);
      return timelineIds.every((t) => mine.some((e) => e.eventId === t));
    });
    const types = new Set(
      ctx.kafka.events.filter((e) => e.payload['commitmentId'] === id).map((e) => e.type),
    );
    for (const t of [
      'commitment.opened',
      'commitment.submitted',
      'commitment.sent_back',
      'commitment.accepted',
      'commitment.objection_raised',
      'commitment.progress_reported',
      'commitment.self_evaluated',
      'commitment.mutual_reviewed',
      'review.redo_ordered',
      'review.submitted',
      'mass_evaluation.tokens_issued',
      'mass_evaluation.response_recorded',
      'mass_evaluation.closed',
      'rectification.opened',
      'rectification.completed',
      'rectification.struck_off',
      'rectification.follow_up_due',
      'rectification.followed_up',
      'rectification.settled',
      'commitment.outcome_decided',
      'commitment.closed',
    ])
      expect(types).toContain(t);
    expect(campaignId.startsWith(w.p)).toBe(true);
  }, 240_000);

  it('an overdue rectification reminds, then escalates two levels up the tree with accountability records', async () => {
    const N = w.person('N');
    const sB = w.person('sB');
    const sG = w.person('sG');
    const { commitmentId: id } = await openOne(
      w,
      { kind: 'member', id: N.id },
      fastSettings({ rectificationDays: 4, reminderDaysBefore: [2], escalationGraceDays: 4 }),
    );
    await driveToRectification(id, N.token, sB.token, GOOD_REVIEW(N.id));
    const rect = await eventually(
      'the rectification',
      async () => (await getCommitment(w.admin, id))['rectifications'][0],
    );
    const level2 = await eventually(
      'escalation to level 2',
      async () => {
        const x = (
          await must<{ rectification: Record<string, any> }>(
            `query($id: ID!) { rectification(id: $id) { status escalationLevel accountabilities { id level unitName assigneeId } history { type } } }`,
            { id: rect.id },
            w.admin,
          )
        ).rectification;
        return x['escalationLevel'] >= 2 ? x : null;
      },
      60_000,
    );
    expect(level2['history'].map((h: any) => h.type)).toEqual(
      expect.arrayContaining(['rectification.opened', 'rectification.reminded', 'rectification.escalated']),
    );
    const acc = level2['accountabilities'] as { id: string; level: number; assigneeId: string }[];
    expect(acc.slice(0, 2).map((a) => [a.level, a.assigneeId])).toEqual([
      [1, sB.id],
      [2, sG.id],
    ]);
    const kinds = (t: string) => must<{ myInbox: { kind: string }[] }>(`{ myInbox { kind } }`, {}, t);
    expect((await kinds(N.token)).myInbox.map((m) => m.kind)).toEqual(
      expect.arrayContaining(['reminder', 'escalation']),
    );
    // The workflow records the escalation, then notifies in a second activity: the notice may trail the figures.
    await eventually('the level-2 escalation notice', async () =>
      (await kinds(sG.token)).myInbox.some((m) => m.kind === 'escalation'),
    );
    const gTasks = await must<{ myTasks: { action: string; accountabilityId: string }[] }>(
      `{ myTasks { action accountabilityId } }`,
      {},
      sG.token,
    );
    const task = gTasks.myTasks.find((t) => t.accountabilityId === acc[1]!.id);
    expect(task?.action).toBe('fillAccountabilityCause');
    const FILL = `mutation($id: ID!, $c: String!) { fillAccountabilityCause(accountabilityId: $id, cause: $c) }`;
    expect(code(await gql(FILL, { id: acc[1]!.id, c: '督促不力，未按期跟进' }, { token: sB.token }))).toBe(
      'FORBIDDEN',
    );
    ok(await gql(FILL, { id: acc[1]!.id, c: '督促不力，未按期跟进' }, { token: sG.token }));
    expect(code(await gql(FILL, { id: acc[1]!.id, c: '再填一次' }, { token: sG.token }))).toBe('CONFLICT');

    const overdue = await must<{ commitments: { items: { id: string }[] } }>(
      `query($f: CommitmentFilterInput) { commitments(filter: $f) { items { id } } }`,
      { f: { overdue: true, orgPath: w.unit['G']!.path } },
      sG.token,
    );
    expect(overdue.commitments.items.map((i) => i.id)).toContain(id);

    await eventually('escalation events on Kafka', async () => {
      const lv = ctx.kafka.events
        .filter((e) => e.type === 'rectification.escalated' && e.payload['rectificationId'] === rect.id)
        .map((e) => e.payload['data']['level']);
      return lv.includes(1) && lv.includes(2);
    });
    await eventually('the cause on Kafka', async () =>
      ctx.kafka.events.some(
        (e) => e.type === 'accountability.cause_filled' && e.payload['commitmentId'] === id,
      ),
    );
  }, 180_000);

  it('keeps the coverage counters equal to a direct count through every step above', async () => {
    // Every transition and closing of the tests above went through the commitment table's triggers.
    const rows = await expectCoverageCountersExact(ctx.pg);
    expect(rows.map((r) => r.stage)).toEqual(expect.arrayContaining(['closed', 'rectification']));
  });

  async function driveToRectification(id: string, subject: string, reviewer: string, review: unknown) {
    await driveToMassEvaluation(id, subject, reviewer, review);
    ok(
      await gql(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id }, { token: reviewer }),
    );
    await eventually('rectification stage', async () => (await stageOf(id)) === 'rectification');
  }
});
