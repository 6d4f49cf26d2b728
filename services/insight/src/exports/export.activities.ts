import { setTimeout as sleep } from 'node:timers/promises';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { IsolationLevel, type MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '@pingyi/config';
import type { ExportActivities, ExportWorkflowInput } from '@pingyi/contracts';
import { emSql, type SqlClient } from '@pingyi/persistence';
import { SCHEMA as S } from '../model/ddl';
import { ChunkSink } from './chunk-sink';
import { exportPlan, type Pace } from './plan';
import type { ExportJobRow } from './export-jobs.service';

const NO_FORM = '该对象尚无通过的领导点评，暂不能生成登记表';

/** Rows (or forms) yielded with a pause after each (EXPORT_PACE_MS). */
const paced =
  (ms: number): Pace =>
  (rows) =>
    ms <= 0
      ? rows
      : (async function* () {
          for await (const r of rows) {
            yield r;
            await sleep(ms);
          }
        })();

/**
 * Takes the job over for this attempt, in one transaction: the attempt number first (waiting for a chunk insert of an
 * earlier attempt still under way), then every chunk stored so far is deleted and the progress reset: the file is
 * written from the beginning, never appended to. Undefined when the job is gone or expired.
 */
async function claim(orm: MikroORM, jobId: string, attempt: number): Promise<ExportJobRow | undefined> {
  return orm.em.fork().transactional(async (em) => {
    const sql = emSql(em);
    const [job] = await sql.query<ExportJobRow & { commitment_id: string | null }>(
      `update ${S}.export_job
          set attempt = $2, status = 'running', done = 0, chunks = 0, size = null, error = null, finished_at = null
        where id = $1 and status <> 'expired' returning *`,
      [jobId, attempt],
    );
    if (job) await sql.query(`delete from ${S}.export_chunk where job_id = $1`, [jobId]);
    return job;
  });
}

/** Activities on task queue `insight`: the export jobs' files and their expiry. */
export function createExportActivities({
  orm,
  config,
}: {
  orm: MikroORM;
  config: AppConfig;
}): ExportActivities {
  const sql = (): SqlClient => emSql(orm.em.fork());
  return {
    async writeExport({ jobId }: ExportWorkflowInput) {
      const ctx = Context.current();
      const attempt = ctx.info.attempt;
      const job = await claim(orm, jobId, attempt);
      if (!job) return { jobId, status: 'failed', done: 0, size: 0 };
      const db = sql();
      // The rows are read in one read-only snapshot (their cursors need a transaction); the chunks, the progress and
      // the job's end are written beside it, each committed at once.
      return orm.em.fork().transactional(
        async (em) => {
          const plan = await exportPlan(emSql(em), S, {
            kind: job.kind,
            campaignId: job.campaign_id,
            path: job.org_path,
            commitmentId: job.commitment_id,
          });
          if (!plan) throw ApplicationFailure.nonRetryable(NO_FORM, 'NoForm');
          await db.query(`update ${S}.export_job set total = $2 where id = $1`, [jobId, plan.total]);
          let done = 0;
          // heartbeats while a long form renders too (progress comes per row, per form)
          const beat = setInterval(() => ctx.heartbeat({ done }), 2000);
          try {
            const sink = new ChunkSink(db, S, jobId, attempt, config.EXPORT_CHUNK_KB * 1024);
            const progress = (n: number) => {
              done = n;
              ctx.heartbeat({ done });
              void db
                .query(`update ${S}.export_job set done = $2 where id = $1 and attempt = $3`, [
                  jobId,
                  n,
                  attempt,
                ])
                .catch(() => undefined);
            };
            await plan.write(sink, (p) => progress(p.done), paced(config.EXPORT_PACE_MS));
            const [finished] = await db.query<{ size: string }>(
              `update ${S}.export_job set status = 'done', done = total, chunks = $3, size = $4, finished_at = now(),
                      expires_at = now() + make_interval(secs => $5)
                where id = $1 and attempt = $2 returning size`,
              [jobId, attempt, sink.seq, sink.size, config.EXPORT_RETENTION_DAYS * 86_400],
            );
            if (!finished)
              throw ApplicationFailure.nonRetryable('superseded by a later attempt', 'Superseded');
            return { jobId, status: 'done' as const, done: plan.total, size: sink.size };
          } finally {
            clearInterval(beat);
          }
        },
        { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
      );
    },

    async failExport({ jobId, reason }) {
      await sql().query(
        `update ${S}.export_job
            set status = 'failed', error = $2, finished_at = now(), expires_at = now() + make_interval(secs => $3)
          where id = $1 and status <> 'expired'`,
        [jobId, reason === NO_FORM ? NO_FORM : '导出失败，请稍后重试', config.EXPORT_RETENTION_DAYS * 86_400],
      );
    },

    async expireExports() {
      const db = sql();
      const expired = await db.query<{ id: string }>(
        `update ${S}.export_job set status = 'expired', chunks = 0
          where status in ('done', 'failed') and expires_at <= now() returning id`,
      );
      if (expired.length > 0)
        await db.query(`delete from ${S}.export_chunk where job_id = any($1::uuid[])`, [
          expired.map((r) => r.id),
        ]);
      return { expired: expired.length };
    },
  };
}
