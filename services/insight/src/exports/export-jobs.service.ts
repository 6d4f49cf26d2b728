import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, isWithinScope, type Identity } from '@pingyi/contracts';
import type { Writable } from 'node:stream';
import {
  writeCommitmentLedger,
  writeRegistrationFormPdf,
  writeReviewLedger,
  type ProgressCallback,
  type XlsxExportOptions,
} from '@pingyi/exports';
import { DomainError } from '@pingyi/nest';
import { emSql, type SqlClient } from '@pingyi/persistence';
import { SCHEMA as S } from '../model/ddl';
import { InsightService } from '../graphql/insight.service';
import { ChunkSink } from './chunk-sink';
import { commitmentRows, countCommitments } from './commitment-rows';
import { registrationForm } from './registration-form';
import { countReviews, reviewRows } from './review-rows';
import {
  ExportKind,
  ExportKindLabel,
  ExportStatusLabel,
  type ExportJobView,
  type ExportStatus,
  type StartExportInput,
} from './export.types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ExportJobRow {
  id: string;
  kind: ExportKind;
  campaign_id: string;
  org_path: string;
  requester_id: string;
  status: ExportStatus;
  done: number;
  total: number | null;
  filename: string;
  content_type: string;
  size: string | null;
  chunks: number;
  error: string | null;
  created_at: Date;
}

/** A ledger writer, whatever its row type (each source yields its own ledger's rows). */
type Ledger = (rows: AsyncIterable<unknown>, out: Writable, o: XlsxExportOptions) => Promise<unknown>;

interface Plan {
  path: string;
  total: number;
  filename: string;
  contentType: string;
  write: (out: Writable, onProgress: ProgressCallback) => Promise<unknown>;
}

const bad = (message: string) => new DomainError(ErrorCode.BAD_INPUT, message);
const notFound = () => new DomainError(ErrorCode.NOT_FOUND, '导出任务不存在或不在您的管理范围内');

/**
 * Export jobs: started by a mutation for a subtree within the caller's scope, written from insight's own read models
 * into `export_chunk` rows while `done / total` advances, then downloaded through the gateway (`GET /exports/:id`).
 * Only the requester, or someone whose scope contains the job's subtree, sees a job or its file.
 */
@Injectable()
export class ExportJobs {
  private readonly log = new Logger('Exports');
  constructor(
    private readonly em: EntityManager,
    private readonly insight: InsightService,
  ) {}

  private sql(): SqlClient {
    return emSql(this.em.fork());
  }

  async start(who: Identity, input: StartExportInput): Promise<ExportJobView> {
    const sql = this.sql();
    const plan = await this.plan(who, sql, input);
    const id = randomUUID();
    await sql.query(
      `insert into ${S}.export_job (id, kind, campaign_id, org_path, requester_id, status, total, filename, content_type)
       values ($1, $2, $3, $4, $5, 'queued', $6, $7, $8)`,
      [
        id,
        input.kind,
        input.campaignId,
        plan.path,
        who.personId,
        plan.total,
        plan.filename,
        plan.contentType,
      ],
    );
    void this.run(id, plan);
    return this.view(await this.row(id));
  }

  /** What the job writes, for a subtree (or a subject) within the caller's scope. */
  private async plan(who: Identity, sql: SqlClient, input: StartExportInput): Promise<Plan> {
    if (input.kind === ExportKind.registration_form) {
      if (!input.commitmentId) throw bad('导出登记表须指定承诺编号（commitmentId）');
      const found = await registrationForm(sql, S, input.campaignId, input.commitmentId);
      if (!found) throw notFound();
      const path = this.insight.scope(who, found.orgPath);
      const source = found.source;
      if (!source) throw bad('该对象尚无通过的领导点评，暂不能生成登记表');
      return {
        path,
        total: 1,
        filename: source.filename,
        contentType: 'application/pdf',
        write: async (out, onProgress) => {
          await writeRegistrationFormPdf(source.form, out);
          onProgress({ done: 1, total: 1 });
        },
      };
    }
    const path = this.insight.scope(who, input.orgPath);
    const [unit] = await sql.query<{ name: string }>(`select name from ${S}.unit where path = $1 limit 1`, [
      path,
    ]);
    const rows =
      input.kind === ExportKind.review_ledger
        ? { count: countReviews, rows: reviewRows, write: writeReviewLedger }
        : { count: countCommitments, rows: commitmentRows, write: writeCommitmentLedger };
    const total = await rows.count(sql, S, input.campaignId, path);
    return {
      path,
      total,
      filename: `${unit?.name ?? path}_${ExportKindLabel[input.kind]}.xlsx`,
      contentType: XLSX,
      write: (out, onProgress) =>
        (rows.write as Ledger)(rows.rows(sql, S, input.campaignId, path), out, { total, onProgress }),
    };
  }

  /** Writes the file; progress every 1,000 rows and at the end; a failure is recorded on the job. */
  private async run(id: string, plan: Plan): Promise<void> {
    const sql = this.sql();
    const progress = (done: number) =>
      sql.query(`update ${S}.export_job set done = $2 where id = $1`, [id, done]).catch(() => undefined);
    try {
      await sql.query(`update ${S}.export_job set status = 'running' where id = $1`, [id]);
      const sink = new ChunkSink(sql, S, id);
      await plan.write(sink, (p) => void progress(p.done));
      await sql.query(
        `update ${S}.export_job set status = 'done', done = total, chunks = $2, size = $3, finished_at = now()
          where id = $1`,
        [id, sink.seq, sink.size],
      );
    } catch (e) {
      this.log.error(`export ${id}: ${(e as Error).stack ?? String(e)}`);
      await sql.query(
        `update ${S}.export_job set status = 'failed', error = $2, finished_at = now() where id = $1`,
        [id, '导出失败，请稍后重试'],
      );
    }
  }

  private async row(id: string): Promise<ExportJobRow | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const [r] = await this.sql().query<ExportJobRow>(`select * from ${S}.export_job where id = $1`, [id]);
    return r;
  }

  /** The job, if the caller asked for it or their scope contains its subtree; NOT_FOUND otherwise. */
  async visible(who: Identity, id: string): Promise<ExportJobRow> {
    const r = await this.row(id);
    if (!r || (r.requester_id !== who.personId && !isWithinScope(who.orgPath, r.org_path))) throw notFound();
    return r;
  }

  async job(who: Identity, id: string): Promise<ExportJobView> {
    return this.view(await this.visible(who, id));
  }

  async chunk(id: string, seq: number): Promise<Buffer> {
    const [c] = await this.sql().query<{ data: Buffer }>(
      `select data from ${S}.export_chunk where job_id = $1 and seq = $2`,
      [id, seq],
    );
    return c!.data;
  }

  view(r: ExportJobRow | undefined): ExportJobView {
    if (!r) throw notFound();
    const total = r.total === null ? '' : ` / ${r.total}`;
    return {
      id: r.id,
      kind: r.kind,
      kindLabel: ExportKindLabel[r.kind],
      campaignId: r.campaign_id,
      orgPath: r.org_path,
      status: r.status,
      statusLabel: ExportStatusLabel[r.status],
      done: r.done,
      total: r.total,
      progressLabel: `已导出 ${r.done}${total} 行`,
      filename: r.filename,
      downloadPath: r.status === 'done' ? `/exports/${r.id}` : null,
      error: r.error,
      createdAt: new Date(r.created_at).toISOString(),
    };
  }
}
