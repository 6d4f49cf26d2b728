/** Stable error codes, shared by every service. Messages are for people, so they are zh-CN. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  OUT_OF_SCOPE: 'OUT_OF_SCOPE',
  BAD_INPUT: 'BAD_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  WRONG_STAGE: 'WRONG_STAGE',
  REVIEW_NOT_PASSED: 'REVIEW_NOT_PASSED',
  UNAVAILABLE: 'UNAVAILABLE',
  RATE_LIMITED: 'RATE_LIMITED',
  STEP_FAILED: 'STEP_FAILED',
  STEP_PENDING: 'STEP_PENDING',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ErrorMessage: Record<ErrorCode, string> = {
  UNAUTHENTICATED: '未登录或登录凭证无效，请重新登录',
  FORBIDDEN: '您的角色无权执行此操作',
  OUT_OF_SCOPE: '该对象不在您有权管理的组织范围内',
  BAD_INPUT: '输入内容有误',
  NOT_FOUND: '未找到该对象',
  CONFLICT: '该对象已存在或状态已变化，请刷新后重试',
  WRONG_STAGE: '当前阶段不能办理此事项',
  REVIEW_NOT_PASSED: '点评未通过“三不过关”，已责令重新点评',
  UNAVAILABLE: '服务暂时不可用，请稍后重试',
  STEP_FAILED: '该事项未能记录，未生效，请稍后重试或联系管理员',
  INTERNAL: '系统内部错误，请联系管理员',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  STEP_PENDING: '已受理，正在办理，请稍后查看结果',
};

/**
 * What became of a step (a mutation that is a Temporal Update) that did not answer with its result, in an error's
 * `extensions.details.outcome`: `applied` (it took effect), `not_applied` (it did not and will not: the caller may
 * try again), `pending` (it was handed to the workflow and may still take effect: look, or retry with the same
 * request id, which never applies it twice).
 */
/** A workflow's refusals that mean "not now" (the step may be taken if sent again shortly), not "no". */
export const RefusedForNow = {
  /** The run is handing over to the next one (continue-as-new). */
  handingOver: '流程正在整理历史记录，请稍后重试',
  /** Another step's record is being written. */
  busy: '上一项操作正在记录，请稍后重试',
} as const;

export const StepOutcome = { applied: 'applied', notApplied: 'not_applied', pending: 'pending' } as const;
export type StepOutcome = (typeof StepOutcome)[keyof typeof StepOutcome];

/**
 * A client-supplied request id of a step (`requestId` argument): a UUID or a token of 8–64 letters, digits, `_` or
 * `-`. The same id on a retry returns the first outcome instead of applying the step again.
 */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * Stable `type` of the non-retryable ApplicationFailure an activity raises when its data cannot be stored (a
 * PostgreSQL data exception, a constraint the data breaks, a schema check): retrying cannot help.
 */
export const DATA_ERROR_FAILURE = 'DATA_ERROR';

/**
 * Every `type` of an ApplicationFailure that crosses the Temporal boundary. A workflow's refusals and failures a
 * caller sees are `ErrorCode`s (mapped to GraphQL errors by `ERROR_CODE_RULES` in `@pingyi/nest`); these others are
 * between activities and workflows only and never reach a client as they are.
 */
export const FailureType = {
  /** See `DATA_ERROR_FAILURE`. */
  dataError: DATA_ERROR_FAILURE,
  /** The org service does not know the unit or member (`OrgActivities`). */
  orgNotFound: 'OrgNotFound',
  /** An import job or its upload is gone: the import cannot run. */
  importRejected: 'ImportRejected',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];
