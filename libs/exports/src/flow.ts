import type { Writable } from 'node:stream';

/** Resolves on the first of `events`, rejects on 'error'; removes its listeners either way (no leak per wait). */
function waitFor(out: Writable, events: readonly string[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const ok = (): void => {
      cleanup();
      resolve();
    };
    const fail = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const cleanup = (): void => {
      for (const e of events) out.off(e, ok);
      out.off('error', fail);
    };
    for (const e of events) out.on(e, ok);
    out.on('error', fail);
  });
}

/**
 * Lets the event loop run (compression, the destination's writes) and waits while any of `streams` is full, so a fast
 * producer (a cursor, a generator) never piles rows up in memory ahead of a slow consumer.
 */
export async function letItFlow(...streams: Writable[]): Promise<void> {
  const full = streams.find((s) => needsDrain(s) && !s.destroyed);
  if (full) await waitFor(full, ['drain', 'close']);
  else await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Whether a writable asked its writers to wait: Node's `writableNeedDrain`, or the state of an older readable-stream
 * (v2, inside archiver, which exceljs uses), which has no such getter.
 */
function needsDrain(s: Writable): boolean {
  return (
    s.writableNeedDrain ??
    (s as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain ??
    false
  );
}

/** Resolves when the destination has taken everything (or was closed); rejects on its error. */
export async function untilWritten(out: Writable): Promise<void> {
  if (out.writableFinished || out.destroyed) return;
  await waitFor(out, ['finish', 'close']);
}

/** Rows from an async iterable (a PostgreSQL cursor) or a plain iterable. */
export type RowSource<R> = AsyncIterable<R> | Iterable<R>;
