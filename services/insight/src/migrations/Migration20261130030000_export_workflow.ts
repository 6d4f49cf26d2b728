import { Migration } from '@mikro-orm/migrations';

/**
 * More exports: the rectification item's measures, owner and reported result (整改台账, from `rectification.opened` /
 * `rectification.completed`) and the count of problems the masses raised (群众评议汇总, `mass_evaluation.closed`) in
 * the read models (facts written before this migration get them from `npm run insight:rebuild`); on the export
 * jobs the subject of a single form, the attempt that owns the file (a retried activity starts it afresh) and when
 * the file expires.
 */
export class Migration20261130030000_export_workflow extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table insight.rectification_fact
      add column if not exists "measures" text,
      add column if not exists "owner_id" varchar(64),
      add column if not exists "result" text`);
    this.addSql(`alter table insight.commitment_fact add column if not exists "mass_problems" int`);
    this.addSql(`alter table insight.export_job
      add column if not exists "commitment_id" uuid,
      add column if not exists "attempt" int not null default 0,
      add column if not exists "expires_at" timestamptz`);
    this.addSql(`create index if not exists export_job_expires on insight.export_job ("expires_at")
      where "status" in ('done', 'failed')`);
  }
}
