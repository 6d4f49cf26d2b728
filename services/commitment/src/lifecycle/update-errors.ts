import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorCode, ErrorMessage, StepOutcome } from '@pingyi/contracts';
import { DomainError, workflowErrorCode } from '@pingyi/nest';
import { StepNotSentError, StepPendingError } from '@pingyi/temporal';

/** A step error that says what became of the step (`details.outcome`). */
export const stepError = (code: ErrorCode, outcome: StepOutcome, message?: string) =>
  new DomainError(code, message ?? ErrorMessage[code], { outcome });

/** The step did not take effect and will not: Temporal was unreachable, nothing was sent. */
export const stepUnavailable = () => stepError(ErrorCode.UNAVAILABLE, StepOutcome.notApplied);
/** The step was handed to its workflow but its outcome did not come in time: it may still take effect. */
export const stepPending = () => stepError(ErrorCode.STEP_PENDING, StepOutcome.pending);

/** Temporal knows no such workflow (or Update): it ended, or never existed. */
export const workflowGone = (e: unknown): boolean =>
  (e as { name?: string } | null)?.name === 'WorkflowNotFoundError';

/** Is this the error of a step that did not and will not take effect (so what was held for it may be given back)? */
export const notApplied = (e: unknown): boolean =>
  e instanceof DomainError &&
  (e.extensions['details'] as { outcome?: string } | undefined)?.outcome === StepOutcome.notApplied;

/**
 * Maps the error of an Update to a GraphQL error with its Chinese message and `details.outcome`: a refusal by its
 * validator or a failed handler (an `ErrorCode` a workflow raises, per `ERROR_CODE_RULES`: not applied), a workflow already ended (not applied), Temporal unreachable
 * (UNAVAILABLE, not applied), no outcome by the deadline (STEP_PENDING, pending).
 */
export function toDomainError(e: unknown): unknown {
  if (e instanceof StepNotSentError) return stepUnavailable();
  if (e instanceof StepPendingError) return stepPending();
  let cause: unknown = e;
  if (e instanceof WorkflowUpdateFailedError) cause = e.cause;
  const code = cause instanceof ApplicationFailure ? workflowErrorCode(cause.type) : null;
  if (code) return stepError(code, StepOutcome.notApplied, (cause as ApplicationFailure).message);
  if (workflowGone(e))
    return stepError(ErrorCode.WRONG_STAGE, StepOutcome.notApplied, '该流程已结束，不能再办理');
  return e;
}
