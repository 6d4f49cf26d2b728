import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorCode } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';

const failureCodes: Record<string, ErrorCode> = {
  WRONG_STAGE: ErrorCode.WRONG_STAGE,
  FORBIDDEN: ErrorCode.FORBIDDEN,
  BAD_INPUT: ErrorCode.BAD_INPUT,
};

/** Maps a refused Update (its validator's ApplicationFailure) to a GraphQL error with the same Chinese message. */
export function toDomainError(e: unknown): unknown {
  let cause: unknown = e;
  if (e instanceof WorkflowUpdateFailedError) cause = e.cause;
  if (cause instanceof ApplicationFailure && cause.type && failureCodes[cause.type])
    return new DomainError(failureCodes[cause.type]!, cause.message);
  const name = (e as { name?: string } | null)?.name;
  if (name === 'WorkflowNotFoundError')
    return new DomainError(ErrorCode.WRONG_STAGE, '该流程已结束，不能再办理');
  return e;
}
