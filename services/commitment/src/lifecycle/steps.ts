import { createHash, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import {
  ErrorCode,
  REQUEST_ID_PATTERN,
  StepOutcome,
  type StepUpdateDefinition,
  type UpdateOutcome,
} from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';
import { StepPendingError, executeUpdateWithin, pollUpdateWithin } from '@pingyi/temporal';
import { currentRun, recordPendingStep, type PendingStep } from './pending-steps';
import { stepError, toDomainError, workflowGone } from './update-errors';

const log = new Logger('Steps');
/** How long a pending step's run is looked up before the answer (not found in time: resends go to the current run). */
const RUN_LOOKUP_MS = 1_500;

/** Default deadline of a step, from the mutation's start to its answer. */
export const DEFAULT_STEP_DEADLINE_MS = 10_000;

/** `STEP_DEADLINE_MS` (1–60 s), else 10 s. Read once per call, so a test may set it. */
export function stepDeadlineMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env['STEP_DEADLINE_MS']);
  return Number.isInteger(n) && n >= 1_000 && n <= 60_000 ? n : DEFAULT_STEP_DEADLINE_MS;
}

/** When a step that starts now must have answered. */
export const stepDeadline = () => Date.now() + stepDeadlineMs();

/** A client's request id, checked: a UUID or a token of 8–64 letters, digits, `_` or `-`; undefined if none. */
export function parseRequestId(raw: string | null | undefined): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (!REQUEST_ID_PATTERN.test(raw))
    throw stepError(
      ErrorCode.BAD_INPUT,
      StepOutcome.notApplied,
      '请求编号（requestId）格式有误：应为 UUID，或 8–64 位字母、数字、下划线或连字符',
    );
  return raw;
}

/**
 * The Update id of a step sent with a request id: the same request on the same workflow and step gives the same id
 * (so Temporal applies it once and answers a repeat with the first outcome); another step or workflow another id.
 * Hashed, so the client's own value is not kept in the workflow's history.
 */
export const stepUpdateId = (workflowId: string, name: string, requestId: string): string =>
  `req-${createHash('sha256').update(`${workflowId}\u0001${name}\u0001${requestId}`).digest('hex').slice(0, 48)}`;

export interface StepRequest {
  workflowId: string;
  /** The step's Update, as contracts define it (`CommitmentUpdate.…`, `RectificationUpdate.…`). */
  update: StepUpdateDefinition;
  arg: unknown;
  requestId?: string | undefined;
  /** Epoch ms (see stepDeadline). */
  deadline: number;
  /** Where a step answered STEP_PENDING is recorded, to be sent again until its workflow has taken it. */
  sql: SqlClient;
  /** A claim to give back if a pending step is refused in the end (see PendingStep). */
  release?: PendingStep['release'];
}

/**
 * Sends a step to its workflow and answers by the deadline (see executeUpdateWithin), errors as DomainErrors. Every
 * step has an Update id (from its request id, else a fresh one): a step that answers STEP_PENDING is recorded under
 * it before the answer, because Temporal keeps an Update that no workflow task has taken yet only in memory (a
 * launch's thousands of workflows evict it from the history service's cache), and `resendPendingSteps` sends it
 * again until the workflow has taken or refused it.
 */
export async function sendStep(temporal: Client, s: StepRequest): Promise<UpdateOutcome> {
  const updateId = s.requestId
    ? stepUpdateId(s.workflowId, s.update.name, s.requestId)
    : `step-${randomUUID()}`;
  try {
    return await executeUpdateWithin(temporal, {
      workflowId: s.workflowId,
      update: s.update,
      arg: s.arg,
      deadline: s.deadline,
      updateId,
    });
  } catch (e) {
    if (e instanceof StepPendingError)
      try {
        await recordPendingStep(s.sql, {
          updateId,
          workflowId: s.workflowId,
          runId: (await currentRun(temporal, s.workflowId, RUN_LOOKUP_MS))?.runId ?? null,
          update: s.update,
          arg: s.arg,
          release: s.release,
        });
      } catch (recordError) {
        // The step may still be taken (the Update was sent); the answer stays STEP_PENDING.
        log.error(`待办理步骤未能记录 (pending step not recorded) ${updateId}: ${String(recordError)}`);
      }
    throw toDomainError(e);
  }
}

/**
 * The outcome of a step sent before with this request id, or null if the workflow knows no such step (it was never
 * sent, or was refused: a refusal is not kept).
 */
export async function priorStep<R>(
  temporal: Client,
  s: Omit<StepRequest, 'arg' | 'sql' | 'release'>,
): Promise<R | null> {
  if (!s.requestId) return null;
  try {
    return await pollUpdateWithin<R>(temporal, {
      workflowId: s.workflowId,
      updateId: stepUpdateId(s.workflowId, s.update.name, s.requestId),
      deadline: s.deadline,
    });
  } catch (e) {
    if (workflowGone(e)) return null;
    throw toDomainError(e);
  }
}
