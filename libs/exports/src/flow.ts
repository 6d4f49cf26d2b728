import type { Writable } from 'node:stream';

/** The destination went away (a client disconnected, a file was closed) before the export was written. */
export class ExportAbortedError extends Error {
  constructor() {
    super('导出中断：接收文件的一方已关闭，文件未写完');
    this.name = 'ExportAbortedError';
  }
}

/**
 * Resolves on `event`; rejects on 'error', or on 'close' first (the destination is gone). Removes its listeners
 * either way, so waiting once per batch leaks nothing.
 */
function waitFor(out: Writable, event: 'drain' | 'finish'): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const ok = (): void => {
      cleanup();
      resolve();
    };
    const fail = (err?: Error): void => {
      cleanup();
      reject(err instanceof Error ? err : new ExportAbortedError());
    };
    const closed = (): void => fail();
    const cleanup = (): void => {
      out.off(event, ok);
      out.off('error', fail);
      out.off('close', closed);
    };
    out.on(event, ok);
    out.on('error', fail);
    out.on('close', closed);
  });
}

/**
 * Lets the event loop run (compression, the destination's writes) and waits while any of `streams` is full, so a fast
 * producer (a cursor, a generator) never piles rows up in memory ahead of a slow consumer.
 */
export async function letItFlow(...streams: Writable[]): Promise<void> {
  if (streams.some((s) => s.destroyed)) throw new ExportAbortedError();
  const full = streams.find((s) => needsDrain(s));
  if (full) await waitFor(full, 'drain');
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

/** Resolves when the destination has taken everything; rejects on its error or when it closed first. */
export async function untilWritten(out: Writable): Promise<void> {
  if (out.writableFinished) return;
  if (out.destroyed) throw new ExportAbortedError();
  await waitFor(out, 'finish');
}

/** Rows from an async iterable (a PostgreSQL cursor) or a plain iterable. */
export type RowSource<R> = AsyncIterable<R> | Iterable<R>;
