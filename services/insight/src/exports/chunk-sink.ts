import { Writable } from 'node:stream';
import type { SqlClient } from '@pingyi/persistence';

/** Bytes per stored chunk of an export file. */
export const CHUNK_BYTES = 512 * 1024;

/**
 * A Writable that stores what it is given as `export_chunk` rows of CHUNK_BYTES (the last shorter), one insert at a
 * time, so the export never holds more than a chunk of the file (the writer waits on it like on any slow destination).
 */
export class ChunkSink extends Writable {
  private parts: Buffer[] = [];
  private held = 0;
  seq = 0;
  size = 0;

  constructor(
    private readonly sql: SqlClient,
    private readonly S: string,
    private readonly jobId: string,
  ) {
    super({ highWaterMark: CHUNK_BYTES });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.parts.push(chunk);
    this.held += chunk.length;
    if (this.held < CHUNK_BYTES) return cb();
    this.flush().then(() => cb(), cb);
  }

  override _final(cb: (e?: Error | null) => void): void {
    this.flush().then(() => cb(), cb);
  }

  private async flush(): Promise<void> {
    if (this.held === 0) return;
    const data = Buffer.concat(this.parts);
    this.parts = [];
    this.held = 0;
    await this.sql.query(`insert into ${this.S}.export_chunk (job_id, seq, data) values ($1, $2, $3)`, [
      this.jobId,
      this.seq,
      data,
    ]);
    this.seq += 1;
    this.size += data.length;
  }
}
