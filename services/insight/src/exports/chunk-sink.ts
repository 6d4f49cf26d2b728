import { Writable } from 'node:stream';
import type { SqlClient } from '@pingyi/persistence';

/** Bytes per stored chunk of an export file. */
export const CHUNK_BYTES = 512 * 1024;

/**
 * A Writable that stores what it is given as `export_chunk` rows of `chunkBytes` (the last shorter), one insert at a
 * time, so the export never holds more than a chunk of the file (the writer waits on it like on any slow destination).
 * Each insert is made only while the job still belongs to this sink's `attempt` (the row is locked in share mode, so
 * a retry that takes the job over waits for it, then deletes it): a superseded attempt fails instead of adding its
 * chunks to the new attempt's file.
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
    private readonly attempt: number,
    private readonly chunkBytes = CHUNK_BYTES,
  ) {
    super({ highWaterMark: chunkBytes });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.parts.push(chunk);
    this.held += chunk.length;
    if (this.held < this.chunkBytes) return cb();
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
    const S = this.S;
    const stored = await this.sql.query(
      `insert into ${S}.export_chunk (job_id, seq, data)
       select $1, $2, $3 where exists (select 1 from ${S}.export_job where id = $1 and attempt = $4 for share)
       returning seq`,
      [this.jobId, this.seq, data, this.attempt],
    );
    if (stored.length === 0) throw new ExportSupersededError(this.jobId, this.attempt);
    this.seq += 1;
    this.size += data.length;
  }
}

/** The job was taken over by a later attempt (or deleted): this attempt stops writing. */
export class ExportSupersededError extends Error {
  constructor(jobId: string, attempt: number) {
    super(`export ${jobId}: attempt ${attempt} superseded`);
  }
}
