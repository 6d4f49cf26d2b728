import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { FailureType, type OrgImportActivities, type OrgImportOutcome } from '@pingyi/contracts';
import { emSql } from '../shared/em-sql';
import { applyMembers, planMembers } from './bulk/members';
import type { SqlClient } from '../shared/sql';
import { applyUnits, planUnits, type ApplyCounts, type PlanError } from './bulk/units';
import { ImportJob, type ImportRowError } from './import-job.entity';
import { ImportFileError, importFileKey, openImportFile, parseImportFile } from './file';
import { dataErrorsFailForGood } from '@pingyi/nest';

const MAX_STORED_ERRORS = 2000;

/** A job with its file opened (in memory only, for the length of one activity). */
type LoadedJob = Omit<ImportJob, 'content'> & { content: Buffer };

interface Checked {
  job: LoadedJob;
  errors: ImportRowError[];
  totalRows: number;
  apply?: (sql: SqlClient, progress: (n: number) => Promise<void>) => Promise<ApplyCounts>;
}

/** Parses the job's file and checks every row against the file and the database. */
async function check(sql: SqlClient, job: LoadedJob, pepper: string): Promise<Checked> {
  const o = { scopePath: job.scopePath, pepper };
  if (job.kind === 'units') {
    const parsed = await parseImportFile('units', job.content, job.format);
    const plan = await planUnits(sql, parsed.rows, o);
    return {
      job,
      totalRows: parsed.totalRows,
      errors: [...parsed.errors, ...plan.errors].sort((a, b) => a.row - b.row),
      apply: (tx, progress) => applyUnits(tx, plan.planned, progress),
    };
  }
  const parsed = await parseImportFile('members', job.content, job.format);
  const plan = await planMembers(sql, parsed.rows, o);
  return {
    job,
    totalRows: parsed.totalRows,
    errors: [...parsed.errors, ...plan.errors].sort((a: PlanError, b: PlanError) => a.row - b.row),
    apply: (tx, progress) => applyMembers(tx, plan.planned, progress),
  };
}

export function createImportActivities({
  orm,
  pepper,
}: {
  orm: MikroORM;
  pepper: string;
}): OrgImportActivities {
  const key = importFileKey(pepper);
  const update = async (jobId: string, patch: Partial<ImportJob>) => {
    // A job that ends keeps no file (the table's trigger clears it too, whatever writes the status).
    const ended = patch.status === 'succeeded' || patch.status === 'failed';
    await orm.em.fork().nativeUpdate(ImportJob, { id: jobId }, ended ? { ...patch, content: null } : patch);
  };
  const load = async (jobId: string): Promise<LoadedJob> => {
    const job = await orm.em.fork().findOne(ImportJob, { id: jobId }, { populate: ['content'] });
    if (!job)
      throw ApplicationFailure.nonRetryable(`import job ${jobId} not found`, FailureType.importRejected);
    let content: Buffer;
    try {
      if (!job.content) throw new Error('no file');
      content = openImportFile(job.content, key, job.id);
    } catch {
      throw ApplicationFailure.nonRetryable(
        '导入文件已清除或无法读取，请重新上传',
        FailureType.importRejected,
      );
    }
    return Object.assign(job, { content });
  };

  return dataErrorsFailForGood({
    async runImport({ jobId }) {
      const job = await load(jobId);
      const ctx = Context.current();
      await update(jobId, { status: 'validating', processedRows: 0 });
      return orm.em.fork().transactional(async (em): Promise<OrgImportOutcome> => {
        let checked: Checked;
        try {
          checked = await check(emSql(em), job, pepper);
        } catch (e) {
          if (!(e instanceof ImportFileError)) throw e;
          await update(jobId, { status: 'failed', message: e.message, finishedAt: new Date() });
          return 'rejected';
        }
        const { errors, totalRows } = checked;
        if (errors.length > 0 || !checked.apply) {
          await update(jobId, {
            status: 'failed',
            totalRows,
            errorCount: errors.length,
            errors: errors.slice(0, MAX_STORED_ERRORS),
            message: `发现 ${errors.length} 处错误，未导入任何数据。请按行号改正后重新导入。`,
            finishedAt: new Date(),
          });
          return 'rejected';
        }
        if (job.dryRun) {
          await update(jobId, {
            status: 'succeeded',
            totalRows,
            processedRows: totalRows,
            message: `试导入校验通过：共 ${totalRows} 行，没有发现错误（未写入数据）。`,
            finishedAt: new Date(),
          });
          return 'validated';
        }
        await update(jobId, { status: 'applying', totalRows });
        const counts = await checked.apply(emSql(em), async (done) => {
          ctx.heartbeat(done);
          await update(jobId, { processedRows: done });
        });
        await em.nativeUpdate(
          ImportJob,
          { id: jobId },
          {
            status: 'succeeded',
            processedRows: totalRows,
            inserted: counts.inserted,
            updated: counts.updated,
            unchanged: counts.unchanged,
            message: `导入完成：新增 ${counts.inserted}，更新 ${counts.updated}，未变 ${counts.unchanged}。`,
            finishedAt: new Date(),
          },
        );
        return 'succeeded';
      });
    },

    async failImport({ jobId, message }) {
      await update(jobId, { status: 'failed', message, finishedAt: new Date() });
    },
  });
}
