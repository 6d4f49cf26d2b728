import type { Client } from '@temporalio/client';
import { stableUuid, type SqlClient } from '@pingyi/persistence';
import { StepNotSentError, StepPendingError, executeUpdateWithin } from '@pingyi/temporal';
import { beijingTime, type StepUpdateDefinition, type UpdateOutcome } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { toDomainError } from './update-errors';

/** A step answered STEP_PENDING: its Update is sent again under the same id until its workflow has taken it. */
export interface PendingStep {
  updateId: string;
  workflowId: string;
  update: StepUpdateDefinition;
  arg: unknown;
  /** A mutual-review claim to give back if the workflow refuses the step (face-to-face reviews only). */
  release?: { commitmentId: string; claim: string } | undefined;
}

/** Records a pending step (once per Update id). */
export async function recordPendingStep(sql: SqlClient, p: PendingStep): Promise<void> {
  await sql.query(
    `insert into commitment.pending_step
       (update_id, workflow_id, update_name, arg, next_attempt_at, release_commitment_id, release_claim)
     values ($1, $2, $3, $4::jsonb, now() + $5 * interval '1 millisecond', $6, $7)
     on conflict (update_id) do nothing`,
    [
      p.updateId,
      p.workflowId,
      p.update.name,
      JSON.stringify(p.arg ?? null),
      RESEND_FIRST_MS,
      p.release?.commitmentId ?? null,
      p.release?.claim ?? null,
    ],
  );
}

/** The first resend a few seconds after the answer (the Update may well be taken meanwhile), then backing off. */
export const RESEND_FIRST_MS = 5_000;
const RESEND_MAX_MS = 120_000;
/** After this many resends without an outcome (about two hours) a step is given up as not applied. */
export const RESEND_MAX_ATTEMPTS = 60;
/** How long one resend may wait for its outcome. */
const RESEND_WAIT_MS = 20_000;

interface Row {
  update_id: string;
  workflow_id: string;
  update_name: string;
  arg: unknown;
  attempts: number;
  release_commitment_id: string | null;
  release_claim: string | null;
}

export type Settled = 'applied' | 'refused' | 'not_applied';

/**
 * Sends the due pending steps again, each under its own Update id (Temporal applies an id once and answers a repeat
 * with the first outcome, so a step already taken is not taken twice). Claimed with `skip locked` and a lease longer
 * than one resend's wait, so several service replicas do not send one at the same time. A step whose outcome came is settled and its argument
 * dropped; one still without an outcome is tried again later.
 */
export async function resendPendingSteps(
  temporal: Client,
  sql: SqlClient,
  log: (line: string) => void = () => undefined,
  limit = 50,
): Promise<Record<Settled | 'still_pending', number>> {
  const rows = await sql.query<Row>(
    `update commitment.pending_step p
        set attempts = attempts + 1,
            next_attempt_at = now() + greatest($3::int, least($2::int, ${RESEND_FIRST_MS} * power(2, attempts)))::int
                                   * interval '1 millisecond'
      where update_id in (select update_id from commitment.pending_step
                           where status = 'pending' and next_attempt_at <= now()
                           order by next_attempt_at limit $1 for update skip locked)
      returning update_id, workflow_id, update_name, arg, attempts, release_commitment_id, release_claim`,
    [limit, RESEND_MAX_MS, RESEND_WAIT_MS + 5_000],
  );
  const counts = { applied: 0, refused: 0, not_applied: 0, still_pending: 0 };
  // All at once: each may wait up to RESEND_WAIT_MS for its workflow.
  await Promise.all(
    rows.map(async (r) => {
      counts[await settle(temporal, sql, r, log)]++;
    }),
  );
  return counts;
}

/** Sends one pending step again and records what became of it. */
async function settle(
  temporal: Client,
  sql: SqlClient,
  r: Row,
  log: (line: string) => void,
): Promise<Settled | 'still_pending'> {
  let outcome = await resendOne(temporal, r);
  if (outcome.status === 'pending' && r.attempts >= RESEND_MAX_ATTEMPTS)
    outcome = { status: 'not_applied', message: `多次重发仍无结果，已放弃：${outcome.message}` };
  if (outcome.status === 'pending') {
    await sql.query(`update commitment.pending_step set last_error = $2 where update_id = $1`, [
      r.update_id,
      outcome.message.slice(0, 500),
    ]);
    return 'still_pending';
  }
  await sql.query(
    `update commitment.pending_step set status = $2, outcome = $3, arg = null, settled_at = now()
      where update_id = $1 and status = 'pending'`,
    [r.update_id, outcome.status, outcome.message],
  );
  const personId = (r.arg as { actor?: { personId?: string } | null } | null)?.actor?.personId;
  if (outcome.status !== 'applied' && personId)
    await tellRefused(sql, r.update_id, personId, outcome.message);
  if (outcome.status !== 'applied' && r.release_commitment_id && r.release_claim)
    await sql.query(`delete from commitment.mutual_review_claim where commitment_id = $1 and claim = $2`, [
      r.release_commitment_id,
      r.release_claim,
    ]);
  log(
    `[pending-step] ${r.update_name} ${r.update_id} → ${outcome.status} (第 ${r.attempts} 次重发) ${outcome.message}`,
  );
  return outcome.status;
}

async function resendOne(
  temporal: Client,
  r: Row,
): Promise<{ status: Settled | 'pending'; message: string }> {
  try {
    const o: UpdateOutcome = await executeUpdateWithin(temporal, {
      workflowId: r.workflow_id,
      update: { name: r.update_name } as StepUpdateDefinition,
      arg: r.arg,
      updateId: r.update_id,
      deadline: Date.now() + RESEND_WAIT_MS,
    });
    return o.ok
      ? { status: 'applied', message: '已办理' }
      : { status: 'refused', message: (o.failures ?? []).map((f) => f.message).join('；') || '未通过' };
  } catch (e) {
    if (e instanceof StepPendingError || e instanceof StepNotSentError)
      return { status: 'pending', message: String(e) };
    if ((e as { name?: string } | null)?.name === 'WorkflowNotFoundError')
      return { status: 'not_applied', message: '该流程已结束，不能再办理' };
    const mapped = toDomainError(e);
    if (mapped instanceof DomainError) return { status: 'refused', message: mapped.message };
    return { status: 'pending', message: String(e) };
  }
}

/** The person was told 已受理: an inbox notice says the step did not take effect and why (nothing for the public). */
async function tellRefused(sql: SqlClient, updateId: string, personId: string, why: string): Promise<void> {
  const [c] = await sql.query<{ id: string | null; created_at: Date }>(
    `select (select c.id from commitment.commitment c where c.workflow_id = p.workflow_id) id, p.created_at
       from commitment.pending_step p where p.update_id = $1`,
    [updateId],
  );
  const when = c ? beijingTime(c.created_at) : '';
  await sql.query(
    `insert into commitment.inbox_message (id, person_id, kind, title, body, commitment_id, created_at)
     values ($1, $2, 'info', '您提交的办理未能生效', $3, $4, now()) on conflict (id) do nothing`,
    [
      stableUuid(`pending-step:${updateId}`),
      personId,
      `您于 ${when} 提交的办理当时显示“已受理，正在办理”，后经流程核对未能生效：${why}。如仍需办理，请重新提交。`,
      c?.id ?? null,
    ],
  );
}
