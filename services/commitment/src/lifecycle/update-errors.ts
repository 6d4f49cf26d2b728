import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorCode, ErrorMessage, StepOutcome } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { StepNotSentError, StepPendingError } from '@pingyi/temporal';

const failureCodes: Record<string, ErrorCode> = {
  WRONG_STAGE: ErrorCode.WRONG_STAGE,
  FORBIDDEN: ErrorCode.FORBIDDEN,
  BAD_INPUT: ErrorCode.BAD_INPUT,
  STEP_FAILED: ErrorCode.STEP_FAILED,
};

/** A step error that says what became of the step (`details.outcome`). */
export const stepError = (code: ErrorCode, outcome: StepOutcome, message?: string) =>
  new DomainError(code, message ?? ErrorMessage[code], { outcome });

/** The step did not take effect and will not: Temporal was unreachable, nothing was sent. */
export const stepUnavailable = () => stepError(ErrorCode.UNAVAILABLE, StepOutcome.notApplied);
/** The step was handed to its workflow but its outcome did not come in time: it may still take effect. */
export const stepPending = () => stepError(ErrorCode.STEP_PENDING, StepOutcome.pending);

/** Is this the error of a step that did not and will not take effect (so what was held for it may be given back)? */
export const notApplied = (e: unknown): boolean =>
  e instanceof DomainError &&
  (e.extensions['details'] as { outcome?: string } | undefined)?.outcome === StepOutcome.notApplied;

/**
 * Maps the error of an Update to a GraphQL error with its Chinese message and `details.outcome`: a refusal by its
 * validator or a failed handler (not applied), a workflow already ended (not applied), Temporal unreachable
 * (UNAVAILABLE, not applied), no outcome by the deadline (STEP_PENDING, pending).
 */
export function toDomainError(e: unknown): unknown {
  if (e instanceof StepNotSentError) return stepUnavailable();
  if (e instanceof StepPendingError) return stepPending();
  let cause: unknown = e;
  if (e instanceof WorkflowUpdateFailedError) cause = e.cause;
  if (cause instanceof ApplicationFailure && cause.type && failureCodes[cause.type])
    return stepError(failureCodes[cause.type]!, StepOutcome.notApplied, cause.message);
  const name = (e as { name?: string } | null)?.name;
  if (name === 'WorkflowNotFoundError')
    return stepError(ErrorCode.WRONG_STAGE, StepOutcome.notApplied, '该流程已结束，不能再办理');
  return e;
}
