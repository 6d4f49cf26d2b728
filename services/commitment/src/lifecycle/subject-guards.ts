import { createHmac } from 'node:crypto';
import { ServiceError, type Client } from '@temporalio/client';
import { loadConfig } from '@pingyi/config';
import { commitmentStateQuery, wakeSignal, type CommitmentState, type Identity } from '@pingyi/contracts';
import { stepDeadline } from './steps';
import { stepUnavailable, workflowGone } from './update-errors';

/** The commitment row's columns the guards read. */
export interface SubjectRow {
  workflow_id: string;
  org_path: string;
  subject_kind: string;
  subject_id: string;
}

/**
 * Is the caller the commitment's subject: the member themself, or for a unit its secretary — the person the workflow
 * resolved as the unit's responsible (`subjectActorId`), or any unit secretary whose scope is exactly the unit.
 * Asks the workflow only for a unit subject whose secretary is not evident from the caller's scope.
 */
export async function isSubjectOf(
  temporal: Client,
  who: Identity,
  row: SubjectRow,
  deadline: number = stepDeadline(),
): Promise<boolean> {
  if (row.subject_kind === 'member') return row.subject_id === who.personId;
  if (who.roles.includes('unit_secretary') && who.orgPath === row.org_path) return true;
  const state = await temporal
    .withDeadline(deadline, () => stateOf(temporal, row.workflow_id))
    .catch((e: unknown) => {
      // No workflow: nobody is its subject. Otherwise (no worker, Temporal down) the question stays open: refuse.
      if (workflowGone(e)) return null;
      throw stepUnavailable();
    });
  return !!state?.subjectActorId && state.subjectActorId === who.personId;
}

/** Temporal answers a query with FAILED_PRECONDITION (gRPC 9) while a workflow's first task is deferred (see wakeSignal). */
const notReady = (e: unknown) =>
  e instanceof ServiceError && (e.cause as { code?: number } | undefined)?.code === 9;

/** The commitment's state; a workflow whose first task is still deferred is woken and asked again. */
async function stateOf(temporal: Client, workflowId: string): Promise<CommitmentState> {
  const handle = temporal.workflow.getHandle(workflowId);
  try {
    return await handle.query(commitmentStateQuery);
  } catch (e) {
    if (!notReady(e)) throw e;
  }
  await handle.signal(wakeSignal);
  for (let wait = 50; ; wait = Math.min(wait * 2, 1_000)) {
    await new Promise((r) => setTimeout(r, wait));
    try {
      return await handle.query(commitmentStateQuery);
    } catch (e) {
      if (!notReady(e)) throw e;
    }
  }
}

let claimKey: string | undefined;

/**
 * The claim one person makes on one mutual review of a commitment in one stage and mode: a keyed hash (HMAC-SHA256
 * with the service's internal secret), so the table of claims names nobody and cannot be matched to a review.
 */
export function mutualReviewClaim(
  commitmentId: string,
  stage: string,
  mode: string,
  personId: string,
): string {
  claimKey ??= loadConfig().INTERNAL_IDENTITY_SECRET;
  return createHmac('sha256', claimKey)
    .update(`mutual-review\u0001${commitmentId}\u0001${stage}\u0001${mode}\u0001${personId}`)
    .digest('hex');
}
