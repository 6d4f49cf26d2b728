import { ErrorCode } from '@pingyi/contracts';

/** How one error code reaches a GraphQL client. */
export interface ErrorCodeRule {
  /** The caller's doing (told in full, one WARN line) rather than a fault (told nothing, logged with everything). */
  refusal: boolean;
  /** HTTP status of the response, when not 200. */
  http?: number;
  /**
   * A workflow raises it as the `type` of a non-retryable ApplicationFailure when it refuses or fails a step (an
   * Update): the step did not take effect, so the caller is told `details.outcome: not_applied`.
   */
  fromWorkflow: boolean;
}

/**
 * The one place every error code is mapped to what a GraphQL client gets: a `Record` over `ErrorCode`, so a new code
 * fails the build until it has its entry here (and its Chinese message in `ErrorMessage`).
 */
export const ERROR_CODE_RULES: Record<ErrorCode, ErrorCodeRule> = {
  UNAUTHENTICATED: { refusal: true, http: 401, fromWorkflow: false },
  FORBIDDEN: { refusal: true, fromWorkflow: true },
  OUT_OF_SCOPE: { refusal: true, fromWorkflow: true },
  BAD_INPUT: { refusal: true, fromWorkflow: true },
  NOT_FOUND: { refusal: true, fromWorkflow: false },
  CONFLICT: { refusal: true, fromWorkflow: false },
  WRONG_STAGE: { refusal: true, fromWorkflow: true },
  REVIEW_NOT_PASSED: { refusal: true, fromWorkflow: false },
  UNAVAILABLE: { refusal: true, fromWorkflow: false },
  RATE_LIMITED: { refusal: true, fromWorkflow: false },
  STEP_FAILED: { refusal: true, fromWorkflow: true },
  STEP_PENDING: { refusal: true, fromWorkflow: false },
  INTERNAL: { refusal: false, fromWorkflow: false },
};

export const isErrorCode = (x: unknown): x is ErrorCode =>
  typeof x === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODE_RULES, x);

/** The error code of a workflow's refusal or failed step (an ApplicationFailure's `type`), or null when it is none. */
export const workflowErrorCode = (type: unknown): ErrorCode | null =>
  isErrorCode(type) && ERROR_CODE_RULES[type].fromWorkflow ? type : null;
