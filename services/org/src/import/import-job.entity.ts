import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export type ImportJobStatus = 'pending' | 'validating' | 'applying' | 'succeeded' | 'failed';

export interface ImportRowError {
  row: number;
  column?: string;
  message: string;
}

/** A bulk import: the sealed uploaded file (until it ends), its progress and its outcome. */
@Entity({ tableName: 'import_job' })
export class ImportJob {
  [OptionalProps]?:
    | 'createdAt'
    | 'finishedAt'
    | 'status'
    | 'totalRows'
    | 'processedRows'
    | 'inserted'
    | 'updated'
    | 'unchanged'
    | 'errorCount'
    | 'errors'
    | 'message';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 16 })
  kind!: 'units' | 'members';

  @Property({ type: 'string', length: 8 })
  format!: 'csv' | 'xlsx';

  @Property({ type: 'string', length: 255 })
  fileName!: string;

  /** The uploaded file, sealed (AES-256-GCM, see import/file-sealing.ts); null once the job has ended. */
  @Property({ type: 'blob', lazy: true, nullable: true })
  content!: Buffer | null;

  @Property({ type: 'boolean' })
  dryRun!: boolean;

  /** Caller's scope: every row must lie within it. */
  @Property({ type: 'string', columnType: 'ltree' })
  scopePath!: string;

  @Property({ type: 'string', length: 128 })
  createdBy!: string;

  @Property({ type: 'string', length: 16 })
  status: ImportJobStatus = 'pending';

  @Property({ type: 'integer' })
  totalRows = 0;

  @Property({ type: 'integer' })
  processedRows = 0;

  @Property({ type: 'integer' })
  inserted = 0;

  @Property({ type: 'integer' })
  updated = 0;

  @Property({ type: 'integer' })
  unchanged = 0;

  @Property({ type: 'integer' })
  errorCount = 0;

  /** The first errors (all of them up to a limit), each with its row number and a Chinese reason. */
  @Property({ type: 'json' })
  errors: ImportRowError[] = [];

  @Property({ type: 'text', nullable: true })
  message: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;
}
