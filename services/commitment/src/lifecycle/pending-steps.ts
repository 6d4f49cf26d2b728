import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { stableUuid, type SqlClient } from '@pingyi/persistence';
import { StepNotSentError, StepPendingError, executeUpdateWithin } from '@pingyi/temporal';
import { RefusedForNow, beijingTime, type StepUpdateDefinition, type UpdateOutcome } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { toDomainError, workflowGone } from './update-errors';

/** A step answered STEP_PENDING: its Update is sent again under the same id until its workflow has taken it. */
export interface PendingStep {
  updateId: string;
  workflowId: string;
  /** The run it was sent to: Temporal knows an Update id only within one run (see resendOne). */
  runId: string | null;
  update: StepUpdateDefinition;
  arg: unknown;
  /** A mutual-review claim to give back if the workflow refuses the step (face-to-face reviews only). */
  release?: { commitmentId: string; claim: string } | undefined;
}

/** Records a pending step; the same Update id pending again (a client's retry) re-opens a settled record. */
export async function recordPendingStep(sql: SqlClient, p: PendingStep): Promise<void> {
  await sql.query(
    `insert into commitment.pending_step
       (update_id, workflow_id, run_id, update_name, arg, next_attempt_at, release_commitment_id, release_claim)
     values ($1, $2, $3, $4, $5::jsonb, now() + $6 * interval '1 millisecond', $7, $8)
     on conflict (update_id) do update
       set status = 'pending', arg = excluded.arg, next_attempt_at = excluded.next_attempt_at, settled_at = null,
           outcome = null, run_id = coalesce(commitment.pending_step.run_id, excluded.run_id)
       where commitment.pending_step.status <> 'pending'`,
    [
      p.updateId,
      p.workflowId,
      p.runId,
      p.update.name,
      JSON.stringify(p.arg ?? null),
      RESEND_FIRST_MS,
      p.release?.commitmentId ?? null,
      p.release?.claim ?? null,
    ],
  );
}

/** The run a workflow is in now (null if Temporal does not answer within `ms`). */
export async function currentRun(
  temporal: Client,
  workflowId: string,
  ms: number,
): Promise<{ runId: string; running: boolean } | null> {
  try {
    const d = await temporal.withDeadline(Date.now() + ms, () =>
      temporal.workflow.getHandle(workflowId).describe(),
    );
    return { runId: d.runId, running: d.status.name === 'RUNNING' };
  } catch {
    return null;
  }
}

/** The first resend a few seconds after the answer (the Update may well be taken meanwhile), then backing off. */
export const RESEND_FIRST_MS = 5_000;
const RESEND_MAX_MS = 120_000;
/** How long one resend may wait for its outcome. */
const RESEND_WAIT_MS = 20_000;
/** Settled records are deleted after this many days (they hold no argument, only the step's name and times). */
const KEEP_SETTLED_DAYS = 7;

interface Row {
  update_id: string;
  workflow_id: string;
  run_id: string | null;
  update_name: string;
  arg: unknown;
  attempts: number;
  release_commitment_id: string | null;
  release_claim: string | null;
}

export type Settled = 'applied' | 'refused' | 'not_applied';

/** Where the resender writes: single statements, and one transaction per settled step. */
export interface PendingStepsDb {
  sql: SqlClient;
  transaction<T>(fn: (sql: SqlClient) => Promise<T>): Promise<T>;
}

/**
 * Sends the due pending steps again, each under its own Update id to the run it was sent to (Temporal applies an id
 * once per run and answers a repeat with the first outcome, so a step already taken is not taken twice). Claimed with
 * `skip locked` and a lease longer than one resend's wait, so service replicas do not send one at the same time. A
 * step whose outcome came is settled (its argument dropped, the person told if it did not take effect, in the same
 * transaction); one still without an outcome is tried again later, for as long as its workflow runs.
 */
export async function resendPendingSteps(
  temporal: Client,
  db: PendingStepsDb,
  log: (line: string) => void = () => undefined,
  limit = 50,
): Promise<Record<Settled | 'still_pending', number>> {
  const rows = await db.sql.query<Row>(
    `update commitment.pending_step p
        set attempts = attempts + 1,
            next_attempt_at = now() + greatest($3::int, least($2::int, ${RESEND_FIRST_MS} * power(2, least(attempts, 10))))::int
                                   * interval '1 millisecond'
      where update_id in (select update_id from commitment.pending_step
                           where status = 'pending' and next_attempt_at <= now()
                           order by next_attempt_at limit $1 for update skip locked)
      returning update_id, workflow_id, run_id, update_name, arg, attempts, release_commitment_id, release_claim`,
    [limit, RESEND_MAX_MS, RESEND_WAIT_MS + 5_000],
  );
  const counts = { applied: 0, refused: 0, not_applied: 0, still_pending: 0 };
  // All at once: each may wait up to RESEND_WAIT_MS for its workflow.
  await Promise.all(
    rows.map(async (r) => {
      counts[await settle(temporal, db, r, log)]++;
    }),
  );
  return counts;
}

/** Deletes settled records older than a week. */
export const purgeSettledSteps = (sql: SqlClient) =>
  sql.query(
    `delete from commitment.pending_step
      where status <> 'pending' and settled_at < now() - ${KEEP_SETTLED_DAYS} * interval '1 day'`,
  );

type Resent =
  | { status: Settled; message: string }
  | { status: 'pending'; error: string }
  | { status: 'moved'; runId: string };

/** Sends one pending step again and records what became of it. */
async function settle(
  temporal: Client,
  db: PendingStepsDb,
  r: Row,
  log: (line: string) => void,
): Promise<Settled | 'still_pending'> {
  const o = await resendOne(temporal, r);
  if (o.status === 'pending' || o.status === 'moved') {
    // `last_error` is for operators; people never see it.
    await db.sql.query(
      `update commitment.pending_step set last_error = $2, run_id = coalesce($3, run_id),
              next_attempt_at = case when $3::text is null then next_attempt_at else now() end
        where update_id = $1`,
      [
        r.update_id,
        o.status === 'pending' ? o.error.slice(0, 500) : `流程已转入新的运行 ${o.runId}`,
        o.status === 'moved' ? o.runId : null,
      ],
    );
    return 'still_pending';
  }
  const personId = (r.arg as { actor?: { personId?: string } | null } | null)?.actor?.personId;
  await db.transaction(async (sql) => {
    const [settled] = await sql.query<{ created_at: Date }>(
      `update commitment.pending_step set status = $2, outcome = $3, arg = null, settled_at = now()
        where update_id = $1 and status = 'pending' returning created_at`,
      [r.update_id, o.status, o.message],
    );
    if (!settled || o.status === 'applied') return;
    if (personId) await tellNotTaken(sql, r, personId, settled.created_at, o.message);
    if (r.release_commitment_id && r.release_claim)
      await sql.query(`delete from commitment.mutual_review_claim where commitment_id = $1 and claim = $2`, [
        r.release_commitment_id,
        r.release_claim,
      ]);
  });
  log(`[pending-step] ${r.update_name} ${r.update_id} → ${o.status} (第 ${r.attempts} 次重发) ${o.message}`);
  return o.status;
}

/**
 * One resend. An Update id is known to one run only: sent to the run it first went to, a step that run took answers
 * with its outcome even after the run handed over (continue-as-new); a run that ended without taking it answers
 * "not found", and then the step goes to the run the workflow continues in (which has never seen it).
 */
async function resendOne(temporal: Client, r: Row): Promise<Resent> {
  try {
    const o: UpdateOutcome = await executeUpdateWithin(temporal, {
      workflowId: r.workflow_id,
      runId: r.run_id ?? undefined,
      update: { name: r.update_name } as StepUpdateDefinition,
      arg: r.arg,
      updateId: r.update_id,
      deadline: Date.now() + RESEND_WAIT_MS,
    });
    // `ok: false` is a step taken with its gate failed (a leadership review short of 三不过关: the redo order is
    // recorded and the reviewer told by the workflow).
    return o.ok
      ? { status: 'applied', message: '已办理' }
      : {
          status: 'applied',
          message: `已办理，未通过：${(o.failures ?? []).map((f) => f.message).join('；')}`,
        };
  } catch (e) {
    if (e instanceof StepPendingError || e instanceof StepNotSentError)
      return { status: 'pending', error: String(e) };
    if (workflowGone(e)) {
      const now = r.run_id ? await currentRun(temporal, r.workflow_id, 5_000) : null;
      if (r.run_id && !now) return { status: 'pending', error: String(e) };
      if (now && now.running && now.runId !== r.run_id) return { status: 'moved', runId: now.runId };
      return { status: 'not_applied', message: '该流程已结束，未能办理' };
    }
    if (e instanceof WorkflowUpdateFailedError) {
      const message = e.cause instanceof ApplicationFailure ? e.cause.message : '';
      if ((Object.values(RefusedForNow) as string[]).includes(message))
        return { status: 'pending', error: message };
      const mapped = toDomainError(e);
      return {
        status: 'refused',
        message: mapped instanceof DomainError ? mapped.message : '未通过流程校验',
      };
    }
    return { status: 'pending', error: String(e) };
  }
}

/** The person was told 已受理: an inbox notice says the step did not take effect and why (nothing for the public). */
async function tellNotTaken(
  sql: SqlClient,
  r: Row,
  personId: string,
  sentAt: Date,
  why: string,
): Promise<void> {
  await sql.query(
    `insert into commitment.inbox_message (id, person_id, kind, title, body, commitment_id, created_at)
     values ($1, $2, 'info', '您提交的办理未能生效', $3,
             (select c.id from commitment.commitment c where c.workflow_id = $4), now())
     on conflict (id) do nothing`,
    [
      stableUuid(`pending-step:${r.update_id}:${r.attempts}`),
      personId,
      `您于 ${beijingTime(sentAt)} 提交的办理当时显示“已受理，正在办理”，后经流程核对未能生效：${why}。如仍需办理，请重新提交。`,
      r.workflow_id,
    ],
  );
}
