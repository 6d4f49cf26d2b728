import {
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
  type Client,
} from '@temporalio/client';
import type { StepUpdateDefinition, UpdateOutcome } from '@pingyi/contracts';

/** The Update was never sent: Temporal did not answer the probe in time. It did not and will not take effect. */
export class StepNotSentError extends Error {
  override readonly name = 'StepNotSentError';
}

/** The Update was sent but its outcome did not come by the deadline: it may still take effect. */
export class StepPendingError extends Error {
  override readonly name = 'StepPendingError';
}

export interface StepCall {
  workflowId: string;
  /** A run of the workflow (its current run when not given). */
  runId?: string | undefined;
  /** The Update, as defined once in contracts. */
  update: StepUpdateDefinition;
  arg: unknown;
  /** The Update id: Temporal runs an Update once per id and answers a repeat with the first outcome. */
  updateId?: string;
  /** Epoch milliseconds by which the caller must have its answer. */
  deadline: number;
}

/** How long the reachability probe may take at most (Temporal down answers within this). */
export const PROBE_MS = 2_500;

const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;
const CANCELLED = 1;

/** A gRPC status code anywhere in an error's cause chain. */
function grpcCode(e: unknown): number | null {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    if (isGrpcServiceError(cur)) return cur.code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}

/** Resolves if the Temporal frontend answers before `until` (epoch ms); throws StepNotSentError otherwise. */
export async function probeTemporal(client: Client, until: number): Promise<void> {
  try {
    await client.withDeadline(until, () => client.connection.workflowService.getSystemInfo({}));
  } catch (e) {
    throw new StepNotSentError(`Temporal did not answer: ${String(e)}`, { cause: e });
  }
}

const lateOrCut = (e: unknown): boolean => {
  if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const code = grpcCode(e);
  return code === DEADLINE_EXCEEDED || code === CANCELLED || code === UNAVAILABLE;
};

/**
 * Runs a workflow Update and answers by `deadline` whatever happens: its result (or the workflow's refusal, thrown
 * as the SDK throws it); StepNotSentError when Temporal is unreachable (a short probe first, so that answers within
 * PROBE_MS and nothing is sent); StepPendingError when it was sent but its outcome did not come in time (the worker
 * is down or slow, or the connection broke on the way). A pending Update stays with the workflow and takes effect
 * when a worker takes it; sent again with the same `updateId`, it is not applied twice.
 */
export async function executeUpdateWithin(client: Client, c: StepCall): Promise<UpdateOutcome> {
  await probeTemporal(client, Math.min(c.deadline, Date.now() + PROBE_MS));
  try {
    return await client.withDeadline(c.deadline, () =>
      client.workflow.getHandle(c.workflowId, c.runId).executeUpdate(c.update, {
        args: [c.arg],
        ...(c.updateId ? { updateId: c.updateId } : {}),
      }),
    );
  } catch (e) {
    if (lateOrCut(e))
      throw new StepPendingError(`no outcome of ${c.update.name} by the deadline`, { cause: e });
    throw e;
  }
}

/**
 * The outcome of an Update sent before under `updateId`, waiting for it until `deadline`: its result, the SDK's
 * WorkflowUpdateFailedError, WorkflowNotFoundError when no such Update (or workflow) is known, StepPendingError when
 * it has not completed in time, StepNotSentError when Temporal is unreachable.
 */
export async function pollUpdateWithin<R>(
  client: Client,
  c: { workflowId: string; updateId: string; deadline: number },
): Promise<R> {
  await probeTemporal(client, Math.min(c.deadline, Date.now() + PROBE_MS));
  try {
    return await client.withDeadline(c.deadline, () =>
      client.workflow.getHandle(c.workflowId).getUpdateHandle<R>(c.updateId).result(),
    );
  } catch (e) {
    if (lateOrCut(e))
      throw new StepPendingError(`no outcome of update ${c.updateId} by the deadline`, { cause: e });
    throw e;
  }
}

/** Runs `fn` (Temporal calls) with a deadline; a call still running then fails with DEADLINE_EXCEEDED. */
export function withTemporalDeadline<R>(client: Client, ms: number, fn: () => Promise<R>): Promise<R> {
  return client.withDeadline(Date.now() + ms, fn);
}
