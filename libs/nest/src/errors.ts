import { GraphQLError } from 'graphql';
import { ErrorCode, ErrorMessage } from '@pingyi/contracts';

const httpStatus: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401 };

/** A domain error with a stable code and a message for people (zh-CN). */
export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? ErrorMessage[code], {
      extensions: {
        code,
        ...(details ? { details } : {}),
        ...(httpStatus[code] ? { http: { status: httpStatus[code] } } : {}),
      },
    });
  }
}

export const unauthenticated = (detail?: string) =>
  new DomainError(
    ErrorCode.UNAUTHENTICATED,
    ErrorMessage.UNAUTHENTICATED,
    detail ? { reason: detail } : undefined,
  );
