import { ApplicationFailure } from '@temporalio/client';
import { DATA_ERROR_FAILURE } from '@pingyi/contracts';
import { sqlState } from './error-format';

/**
 * True for an error that the same input will raise again: a PostgreSQL data exception (class 22, e.g. 22P05
 * "unsupported Unicode escape sequence", 22P02 invalid text representation), an integrity constraint the data breaks
 * (class 23, except 23505 unique violation — two writers of one idempotent row race, and a retry finds the row), or a
 * schema check (zod).
 */
export function isDataError(e: unknown): boolean {
  if ((e as { name?: unknown } | null)?.name === 'ZodError') return true;
  const state = sqlState(e);
  if (!state) return false;
  return state.startsWith('22') || (state.startsWith('23') && state !== '23505');
}

/** A data error as a non-retryable ApplicationFailure of type DATA_ERROR; anything else unchanged. */
export function asActivityFailure(e: unknown): unknown {
  if (e instanceof ApplicationFailure || !isDataError(e)) return e;
  // The statement and values stay in the cause (Temporal history, logs), never in a message someone may be shown.
  return ApplicationFailure.create({
    type: DATA_ERROR_FAILURE,
    message: `数据无法保存（${sqlState(e) ?? '数据校验'}）`,
    nonRetryable: true,
    cause: e instanceof Error ? e : undefined,
  });
}

/**
 * Wraps every activity so that a data error fails it for good (retrying cannot change the data) while
 * infrastructure errors stay retryable within the workflow's bounded retry policy.
 */
export function dataErrorsFailForGood<T extends object>(activities: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities))
    out[name] =
      typeof fn === 'function'
        ? async (...args: unknown[]): Promise<unknown> => {
            try {
              const run = fn as (...a: unknown[]) => Promise<unknown>;
              return await run.apply(activities, args);
            } catch (e) {
              throw asActivityFailure(e);
            }
          }
        : fn;
  return out as T;
}
