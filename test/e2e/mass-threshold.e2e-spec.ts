import { gql } from './helpers';
import * as L from './lifecycle-fixtures';

/**
 * Issue 15, rule 6: below the anonymity threshold a complaint is not lost and identifies no one. With 4 responses
 * (threshold 5) one "unsatisfied" comment becomes a rectification item carrying the problem text only; the ratings
 * stay hidden; during the window the number of responses received is shown, not their content.
 */
describe('mass evaluation below the threshold (issue 15, rule 6)', () => {
  const ctx = L.useWorld();

  it('passes on a complaint among 4 responses, with no rating, count or respondent attached', async () => {
    const w = ctx.w;
    const M = w.person('M');
    const sB = w.person('sB');
    const { commitmentId: id } = await L.openOne(
      w,
      { kind: 'member', id: M.id },
      L.fastSettings({ minMassResponses: 5 }),
    );
    await L.driveToMassEvaluation(id, M.token, sB.token, L.GOOD_REVIEW(M.id));
    const tokens = (
      await L.must<{ issueEvaluationTokens: string[] }>(
        `mutation($id: ID!) { issueEvaluationTokens(commitmentId: $id, category: service_recipient, count: 4) }`,
        { id },
        w.admin,
      )
    ).issueEvaluationTokens;
    const complaint = '村里路灯坏了三个月没人修';
    const answers: [string, string | null][] = [
      ['unsatisfied', complaint],
      ['satisfied', null],
      ['satisfied', null],
      ['basically_satisfied', null],
    ];
    for (const [i, [rating, comment]] of answers.entries()) {
      const r = await gql(
        `mutation($t: String!, $r: String!, $c: String) { submitMassEvaluation(token: $t, rating: $r, comment: $c) }`,
        { t: tokens[i], r: rating, c: comment },
        { headers: { 'x-pingyi-channel': 'public' } },
      );
      expect(r.errors).toBeUndefined();
      // During the window: the number received so far, nothing of what they say.
      const during = await L.getCommitment(sB.token, id);
      expect(during['massEvaluation']).toEqual({
        responses: i + 1,
        shown: false,
        satisfied: null,
        basicallySatisfied: null,
        unsatisfied: null,
      });
    }

    await L.must(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id }, sB.token);
    const c = await L.eventually('the complaint passed on as a rectification item', async () => {
      const x = await L.getCommitment(w.admin, id);
      return x['rectifications'].some((r: { source: string }) => r.source === 'mass_evaluation') ? x : null;
    });
    // The ratings stay hidden below the threshold.
    expect(c['massEvaluation']).toEqual({
      responses: 4,
      shown: false,
      satisfied: null,
      basicallySatisfied: null,
      unsatisfied: null,
    });
    const item = (
      await L.must<{ rectification: { target: string; measures: string } }>(
        `query($id: ID!) { rectification(id: $id) { target measures } }`,
        { id: c['rectifications'].find((r: { source: string }) => r.source === 'mass_evaluation').id },
        w.admin,
      )
    ).rectification;
    // Not lost: the problem is there, as the respondent wrote it. Identifies no one: text only, no rating or count.
    expect(item.measures).toBe(complaint);
    expect(item.target).toContain('评议份数未达公布标准');
    expect(`${item.target}${item.measures}`).not.toMatch(/不满意|unsatisfied|\d+ ?份/);
    // The owner is told, with the deadline in Beijing time in Chinese form, not an ISO instant.
    const told = await L.eventually('the owner told', async () => {
      const inbox = await L.must<{ myInbox: { rectificationId: string | null; body: string }[] }>(
        `{ myInbox { rectificationId body } }`,
        {},
        M.token,
      );
      return inbox.myInbox.find((m) => m.body.includes(complaint));
    });
    expect(told.body).toMatch(/请在 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 前完成整改/);
    expect(told.body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const stored = await ctx.pg.query(
      `select column_name from information_schema.columns
        where table_schema = 'commitment' and table_name = 'mass_eval_response'`,
    );
    const columns = stored.rows.map((r: { column_name: string }) => r.column_name);
    expect(columns.filter((n: string) => /token|person|ip|address|agent|member/.test(n))).toEqual([]);
  }, 180_000);
});
