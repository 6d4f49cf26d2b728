import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Lets the event loop run (compression, the destination's writes) and waits while the destination is full, so a fast
 * producer (a cursor, a generator) never piles rows up in memory ahead of a slow consumer.
 */
export async function letItFlow(out: Writable): Promise<void> {
  if (out.writableNeedDrain && !out.destroyed) {
    await Promise.race([once(out, 'drain'), once(out, 'close'), once(out, 'error')]);
  } else {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Resolves when the destination has taken everything (or was closed); rejects on its error. */
export async function untilWritten(out: Writable): Promise<void> {
  if (out.writableFinished || out.destroyed) return;
  await Promise.race([
    once(out, 'finish'),
    once(out, 'close'),
    once(out, 'error').then(([err]) => Promise.reject(err as Error)),
  ]);
}

/** Rows from an async iterable (a PostgreSQL cursor) or a plain iterable. */
export type RowSource<R> = AsyncIterable<R> | Iterable<R>;
