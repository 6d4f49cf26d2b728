import { gql } from './helpers';
import * as life from './lifecycle-fixtures';

const { GOOD_REVIEW, PRIOR_SUMMARY, code, driveToPublicity, eventually, getCommitment, must } = life;

const ok = (r: { data?: Record<string, any> | undefined; errors?: unknown }) => {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
};

/**
 * No dead ends (issue 15, rule 2): a member who wrote "无" as the 回头看 summary could never pass review, and only
 * cancelling the commitment ended it. The reviewer now sends the self-evaluation back with reasons; the member
 * resubmits and the review passes on the second try.
 */
describe('no dead ends: the reviewer sends a self-evaluation back', () => {
  const ctx = life.useWorld();
  const w = ctx.w;
  const step = (token: string, mutation: string, vars: Record<string, unknown>) =>
    gql<Record<string, { ok: boolean }>>(mutation, vars, { token });

  const CLOSE = `mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`;
  const SELF = `mutation($id: ID!, $s: String!) { submitSelfEvaluation(commitmentId: $id, text: "全年认真践行承诺，走访困难群众五十户，解决实际问题二十件。", priorWorkSummary: $s) { ok } }`;
  const LEAD = `mutation($id: ID!, $r: LeadershipReviewInputType!) { submitLeadershipReview(commitmentId: $id, review: $r) { ok } }`;
  const BACK = `mutation($id: ID!, $to: SendBackTarget!, $r: String!) { sendBackCommitment(commitmentId: $id, to: $to, reasons: $r) { ok } }`;

  it('the "无" summary is sent back with reasons, resubmitted and passes on the second try', async () => {
    const M = w.person('M');
    const sB = w.person('sB');
    const { commitmentId: id } = await life.openOne(w, { kind: 'member', id: M.id }, life.fastSettings());
    await driveToPublicity(id, M.token, sB.token);
    ok(await step(sB.token, CLOSE, { id }));
    ok(await step(M.token, SELF, { id, s: '无' }));
    ok(await step(sB.token, CLOSE, { id }));
    expect((await getCommitment(w.admin, id))['stage']).toBe('leadership_review');

    // The first review cannot pass: the summary is not serious. The member cannot redo the self-evaluation alone.
    const failed = await step(sB.token, LEAD, { id, r: GOOD_REVIEW(M.id) });
    expect(code(failed)).toBe('REVIEW_NOT_PASSED');
    expect(failed.errors![0]!.message).toContain('回头看');
    expect(code(await step(M.token, SELF, { id, s: PRIOR_SUMMARY }))).toBe('WRONG_STAGE');

    // Sending back: only the reviewer, only with reasons, only to an earlier step.
    const reasons = '“回头看”总结只写了“无”，请对照去年承诺逐项回顾落实情况';
    expect(code(await step(M.token, BACK, { id, to: 'self_evaluation', r: reasons }))).toBe('FORBIDDEN');
    expect(code(await step(sB.token, BACK, { id, to: 'self_evaluation', r: '' }))).toBe('BAD_INPUT');
    ok(await step(sB.token, BACK, { id, to: 'self_evaluation', r: reasons }));
    expect((await getCommitment(w.admin, id))['stage']).toBe('self_evaluation');

    // The member is told why, in the inbox, and has the task again.
    const notice = await eventually('the sent-back notice', async () => {
      const inbox = await must<{ myInbox: { kind: string; title: string; body: string }[] }>(
        `{ myInbox { kind title body } }`,
        {},
        M.token,
      );
      return inbox.myInbox.find((m) => m.kind === 'sent_back' && m.body.includes(reasons));
    });
    expect(notice.title).toBe('自评被退回');
    const tasks = await must<{ myTasks: { commitmentId: string; action: string }[] }>(
      `{ myTasks { commitmentId action } }`,
      {},
      M.token,
    );
    expect(tasks.myTasks).toContainEqual(
      expect.objectContaining({ commitmentId: id, action: 'submitSelfEvaluation' }),
    );

    // Second try: a serious summary; the mutual review runs again; the review passes.
    ok(await step(M.token, SELF, { id, s: PRIOR_SUMMARY }));
    expect((await getCommitment(w.admin, id))['stage']).toBe('mutual_review');
    ok(await step(sB.token, CLOSE, { id }));
    ok(await step(sB.token, LEAD, { id, r: GOOD_REVIEW(M.id) }));
    const c = await getCommitment(w.admin, id);
    expect(c).toMatchObject({ stage: 'mass_evaluation', grade: 'good' });
    expect(c['reviews'].map((r: any) => r.passed)).toEqual([false, true]);
    const timeline = c['timeline'].map((t: any) => t.type) as string[];
    expect(timeline.filter((t) => t === 'commitment.self_evaluated')).toHaveLength(2);
    expect(c['timeline'].find((t: any) => t.type === 'commitment.sent_back')).toMatchObject({
      label: '退回重做',
      actorId: sB.id,
    });
  }, 180_000);
});
