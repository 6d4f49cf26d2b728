import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { ORG_IMPORT_WORKFLOW, TaskQueue, type Identity } from '@pingyi/contracts';
import type { AppConfig } from '@pingyi/config';
import { APP_CONFIG, requireRole, TEMPORAL_CLIENT } from '@pingyi/nest';
import { ImportJob } from './import-job.entity';
import type { ImportJobObject, ImportTemplateObject, StartImportInput, TemplateInput } from './import.types';
import {
  ImportFileError,
  assertXlsxWithinLimits,
  buildTemplate,
  detectFormat,
  importFileKey,
  sealImportFile,
} from './file';
import { OrgErrors } from '../shared/org.errors';
import { inScope } from '../scope/scope';

const MAX_FILE_BYTES = 64 * 1024 * 1024;
const STALE_FILE_MS = 24 * 60 * 60 * 1000;

export function toImportJobObject(j: ImportJob): ImportJobObject {
  return {
    id: j.id,
    kind: j.kind,
    format: j.format,
    fileName: j.fileName,
    dryRun: j.dryRun,
    status: j.status,
    totalRows: j.totalRows,
    processedRows: j.processedRows,
    percent:
      j.totalRows > 0
        ? Math.min(100, Math.floor((j.processedRows / j.totalRows) * 100))
        : j.status === 'succeeded'
          ? 100
          : 0,
    inserted: j.inserted,
    updated: j.updated,
    unchanged: j.unchanged,
    errorCount: j.errorCount,
    errors: j.errors.map((e) => ({ row: e.row, column: e.column ?? null, message: e.message })),
    message: j.message,
    createdAt: j.createdAt,
    finishedAt: j.finishedAt,
  };
}

/**
 * Bulk import jobs: the file is kept with the job only sealed (AES-256-GCM) and only until the job ends; a Temporal
 * workflow validates and applies it.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly em: EntityManager,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(who: Identity, input: StartImportInput): Promise<ImportJobObject> {
    requireRole(who, 'prefecture_admin', 'county_admin');
    const bytes = Buffer.from(input.contentBase64, 'base64');
    if (bytes.length === 0) throw OrgErrors.badInput(['文件为空']);
    if (bytes.length > MAX_FILE_BYTES) throw OrgErrors.badInput(['文件超过 64 MB，请分批导入']);
    let format: 'csv' | 'xlsx';
    try {
      format = detectFormat(input.fileName, bytes);
      // A zip bomb is refused here, before a worker inflates anything (and again by the parser).
      if (format === 'xlsx') assertXlsxWithinLimits(bytes);
    } catch (e) {
      if (e instanceof ImportFileError) throw OrgErrors.badInput([e.message]);
      throw e;
    }
    const em = this.em.fork();
    const id = randomUUID();
    const job = em.create(ImportJob, {
      id,
      kind: input.kind,
      format,
      fileName: input.fileName.slice(0, 255),
      content: sealImportFile(bytes, importFileKey(this.config.ID_NUMBER_PEPPER), id),
      dryRun: input.dryRun,
      scopePath: who.orgPath,
      createdBy: who.personId,
    });
    await em.persistAndFlush(job);
    // A job that never ended (its workflow terminated by hand, say) keeps its sealed file at most a day.
    await em.nativeUpdate(
      ImportJob,
      { content: { $ne: null }, createdAt: { $lt: new Date(Date.now() - STALE_FILE_MS) } },
      { content: null },
    );
    await this.temporal.workflow.start(ORG_IMPORT_WORKFLOW, {
      taskQueue: TaskQueue.org,
      workflowId: `org-import:${job.id}`,
      args: [{ jobId: job.id }],
    });
    return toImportJobObject(job);
  }

  async job(who: Identity, id: string): Promise<ImportJobObject> {
    const job = await this.em.fork().findOne(ImportJob, { id });
    if (!job || !inScope(who, job.scopePath)) throw OrgErrors.importJobNotFound();
    return toImportJobObject(job);
  }

  async template(input: TemplateInput): Promise<ImportTemplateObject> {
    const t = await buildTemplate(input.kind, input.format);
    return { fileName: t.fileName, contentType: t.contentType, contentBase64: t.bytes.toString('base64') };
  }
}
