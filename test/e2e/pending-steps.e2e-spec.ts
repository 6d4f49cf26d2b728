import { randomUUID } from 'node:crypto';
import { eventually, fastSettings, getCommitment, openOne, useWorld } from './lifecycle-fixtures';

/**
 * A step answered STEP_PENDING ("已受理，正在办理") is recorded before the answer, because Temporal holds an Update
 * that no workflow task has taken yet only in memory: in a launch of thousands of workflows the history service's
 * cache evicts it, and it is gone (seen in bench:storm: 16 submissions lost). The commitment service sends such steps
 * again under their Update id until the workflow has taken or refused them. Here the record is written as sendStep
 * writes it, for an Update the workflow never received — the lost case.
 */
describe('pending steps: a step answered 已受理 is taken by its workflow even if Temporal lost the Update', () => {
  const ctx = useWorld();
  const w = ctx.w;
  const ITEMS = [{ content: '每周走访困难群众', target: '全年50户', dueDate: '2026-12-31' }];

  const row = async (updateId: string) =>
    (
      await ctx.pg.query(
        `select status, attempts, outcome, arg, settled_at from commitment.pending_step where update_id = $1`,
        [updateId],
      )
    ).rows[0] as { status: string; attempts: number; outcome: string | null; arg: unknown } | undefined;

  async function recordLost(commitmentId: string, name: string, arg: unknown): Promise<string> {
    const c = await ctx.pg.query<{ workflow_id: string }>(
      `select workflow_id from commitment.commitment where id = $1`,
      [commitmentId],
    );
    const updateId = `step-${randomUUID()}`;
    await ctx.pg.query(
      `insert into commitment.pending_step (update_id, workflow_id, update_name, arg, next_attempt_at)
       values ($1, $2, $3, $4::jsonb, now())`,
      [updateId, c.rows[0]!.workflow_id, name, JSON.stringify(arg)],
    );
    return updateId;
  }

  it('a lost submission is sent again and taken once; sent again after that, it is not taken twice', async () => {
    const m = w.person('M');
    const { commitmentId } = await openOne(w, { kind: 'member', id: m.id }, fastSettings());
    const actor = { personId: m.id, name: '党员M', roles: ['member'], orgPath: w.unit['B']!.path };
    const updateId = await recordLost(commitmentId, 'submitCommitment', { actor, args: { items: ITEMS } });

    const settled = await eventually('the resent step settled', async () => {
      const r = await row(updateId);
      return r?.status === 'applied' ? r : undefined;
    });
    expect(settled.arg).toBeNull();
    expect(settled.outcome).toBe('已办理');
    await eventually('the commitment submitted', async () =>
      (await getCommitment(w.admin, commitmentId))['stage'] === 'acceptance' ? true : undefined,
    );

    // Sent once more under the same id (as a second replica or a retry would): Temporal answers with the first
    // outcome, nothing is recorded twice.
    await ctx.pg.query(
      `update commitment.pending_step set status = 'pending', arg = $2::jsonb, next_attempt_at = now(), settled_at = null
        where update_id = $1`,
      [updateId, JSON.stringify({ actor, args: { items: ITEMS } })],
    );
    await eventually('settled again', async () =>
      (await row(updateId))?.status === 'applied' ? true : undefined,
    );
    const facts = await ctx.pg.query<{ n: number }>(
      `select count(*)::int n from commitment.timeline where commitment_id = $1 and type = 'commitment.submitted'`,
      [commitmentId],
    );
    expect(facts.rows[0]!.n).toBe(1);
  }, 120_000);

  it('a pending step its workflow refuses is settled as refused and the person is told why, in Chinese', async () => {
    const n = w.person('N');
    const { commitmentId } = await openOne(w, { kind: 'member', id: n.id }, fastSettings());
    const sB = w.person('sB');
    // An acceptance while the commitment is still being drafted: the workflow refuses it.
    const actor = { personId: sB.id, name: '党员sB', roles: ['unit_secretary'], orgPath: w.unit['B']!.path };
    const updateId = await recordLost(commitmentId, 'reviewCommitment', {
      actor,
      args: { decision: 'accept', reasons: '' },
    });
    const settled = await eventually('the refused step settled', async () => {
      const r = await row(updateId);
      return r?.status === 'refused' ? r : undefined;
    });
    expect(settled.outcome).toMatch(/[\u4e00-\u9fa5]/);
    expect(settled.arg).toBeNull();
    const inbox = await ctx.pg.query<{ title: string; body: string; commitment_id: string }>(
      `select title, body, commitment_id from commitment.inbox_message where person_id = $1 and kind = 'info'
          and title = '您提交的办理未能生效'`,
      [sB.id],
    );
    expect(inbox.rows).toHaveLength(1);
    expect(inbox.rows[0]!.commitment_id).toBe(commitmentId);
    expect(inbox.rows[0]!.body).toContain(settled.outcome!);
    expect(inbox.rows[0]!.body).toMatch(/^您于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 提交的办理/);
    expect((await getCommitment(w.admin, commitmentId))['stage']).toBe('drafting');
  }, 120_000);
});
