import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import {
  EXPORT_WORKFLOW,
  ErrorCode,
  TaskQueue,
  exportWorkflowId,
  isWithinScope,
  type ExportWorkflowInput,
  type Identity,
} from '@pingyi/contracts';
import { DomainError, TEMPORAL_CLIENT } from '@pingyi/nest';
import { emSql, type SqlClient } from '@pingyi/persistence';
import { SCHEMA as S } from '../model/ddl';
import { InsightService } from '../graphql/insight.service';
import { exportPlan, type ExportTarget } from './plan';
import { registrationForm } from './registration-form';
import {
  ExportKind,
  ExportKindLabel,
  ExportStatusLabel,
  type ExportJobView,
  type ExportStatus,
  type StartExportInput,
} from './export.types';

export interface ExportJobRow {
  id: string;
  kind: ExportKind;
  campaign_id: string;
  org_path: string;
  commitment_id: string | null;
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
  expires_at: Date | null;
}

const bad = (message: string) => new DomainError(ErrorCode.BAD_INPUT, message);
const notFound = () => new DomainError(ErrorCode.NOT_FOUND, '导出任务不存在或不在您的管理范围内');

/**
 * Export jobs: started by a mutation for a subtree within the caller's scope, each run as a Temporal workflow
 * (`exportWorkflow` on task queue `insight`) whose activity writes the file from insight's own read models into
 * `export_chunk` rows while `done / total` advances, then downloaded through the gateway (`GET /exports/:id`).
 * Only the requester, or someone whose scope contains the job's subtree, sees a job or its file.
 */
@Injectable()
export class ExportJobs {
  private readonly log = new Logger('Exports');
  constructor(
    private readonly em: EntityManager,
    private readonly insight: InsightService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  private sql(): SqlClient {
    return emSql(this.em.fork());
  }

  async start(who: Identity, input: StartExportInput): Promise<ExportJobView> {
    const sql = this.sql();
    const target = await this.target(who, sql, input);
    const plan = await exportPlan(sql, S, target);
    if (!plan) throw bad('该对象尚无通过的领导点评，暂不能生成登记表');
    const id = randomUUID();
    await sql.query(
      `insert into ${S}.export_job
         (id, kind, campaign_id, org_path, commitment_id, requester_id, status, total, filename, content_type)
       values ($1, $2, $3, $4, $5, $6, 'queued', $7, $8, $9)`,
      [
        id,
        input.kind,
        input.campaignId,
        target.path,
        target.commitmentId ?? null,
        who.personId,
        plan.total,
        plan.filename,
        plan.contentType,
      ],
    );
    try {
      const args: [ExportWorkflowInput] = [{ jobId: id }];
      await this.temporal.workflow.start(EXPORT_WORKFLOW, {
        workflowId: exportWorkflowId(id),
        taskQueue: TaskQueue.insight,
        args,
      });
    } catch (e) {
      this.log.error(`export ${id} not started: ${(e as Error).stack ?? String(e)}`);
      await sql.query(
        `update ${S}.export_job set status = 'failed', error = $2, finished_at = now() where id = $1`,
        [id, '导出任务未能启动，请稍后重试'],
      );
    }
    return this.view(await this.row(id));
  }

  /** What the job exports: a subtree within the caller's scope, or one subject's form (its org path in scope). */
  private async target(who: Identity, sql: SqlClient, input: StartExportInput): Promise<ExportTarget> {
    if (input.kind !== ExportKind.registration_form)
      return { kind: input.kind, campaignId: input.campaignId, path: this.insight.scope(who, input.orgPath) };
    if (!input.commitmentId) throw bad('导出登记表须指定承诺编号（commitmentId）');
    const found = await registrationForm(sql, S, input.campaignId, input.commitmentId);
    if (!found) throw notFound();
    const path = this.insight.scope(who, found.orgPath);
    if (!found.source) throw bad('该对象尚无通过的领导点评，暂不能生成登记表');
    return { kind: input.kind, campaignId: input.campaignId, path, commitmentId: input.commitmentId };
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
      expiresAt: r.expires_at ? new Date(r.expires_at).toISOString() : null,
    };
  }
}
