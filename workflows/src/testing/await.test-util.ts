import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

/** Polls `read` until `ok` holds. Reads that throw (a workflow not yet started) count as not yet. */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (t: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await read();
      if (ok(v)) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first answer to a query, asked again when none comes within 3 s (see `Lifecycle.stage`). */
export async function answered<T>(ask: () => Promise<T>, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await within(ask(), what, 3_000);
    } catch (e) {
      if (!(e instanceof NoAnswer) || Date.now() > end) throw e;
    }
  }
}

class NoAnswer extends Error {}

/** `p`, or a failure after `ms` (an Update waits for the workflow to move on: a stuck workflow fails fast here). */
export function within<T>(p: Promise<T>, what: string, ms = 30_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Expects an Update refused by its validator with an ApplicationFailure of `type`. */
export async function expectRefused(p: Promise<unknown>, type: 'WRONG_STAGE' | 'FORBIDDEN' | 'BAD_INPUT') {
  const err = await p.then(
    (r) => new Error(`expected a ${type} refusal, got ${JSON.stringify(r)}`),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect((cause as ApplicationFailure).type).toBe(type);
}
