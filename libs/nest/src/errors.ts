import { GraphQLError } from 'graphql';
import { ErrorCode, ErrorMessage } from '@pingyi/contracts';
import { ERROR_CODE_RULES } from './error-codes';

/** A domain error with a stable code and a message for people (zh-CN). */
export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? ErrorMessage[code], {
      extensions: {
        code,
        ...(details ? { details } : {}),
        ...(ERROR_CODE_RULES[code].http ? { http: { status: ERROR_CODE_RULES[code].http } } : {}),
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
