import { Migration } from '@mikro-orm/migrations';

/**
 * Exports: the commitment's items and when it was submitted and accepted (for the 承诺台账, from
 * `commitment.submitted` / `commitment.accepted`), its self-evaluation and each review's content and sign-off (for the
 * 领导点评登记表, from `commitment.self_evaluated` / `review.submitted`), and the export jobs with their files, kept in chunks. The jobs are
 * not read models: a rebuild neither copies nor drops them.
 */
export class Migration20261129230000_exports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table insight.commitment_fact
      add column if not exists "items" jsonb,
      add column if not exists "submitted_at" timestamptz,
      add column if not exists "accepted_at" timestamptz,
      add column if not exists "self_evaluation" text`);
    this.addSql(`alter table insight.review_fact
      add column if not exists "content" jsonb,
      add column if not exists "signoff" jsonb`);
    this.addSql(`create table insight.export_job (
      "id" uuid primary key,
      "kind" varchar(32) not null,
      "campaign_id" varchar(64) not null,
      "org_path" text not null,
      "requester_id" varchar(64) not null,
      "status" varchar(16) not null,
      "done" int not null default 0,
      "total" int,
      "filename" text not null,
      "content_type" text not null,
      "size" bigint,
      "chunks" int not null default 0,
      "error" text,
      "created_at" timestamptz not null default now(),
      "finished_at" timestamptz
    )`);
    this.addSql(`create table insight.export_chunk (
      "job_id" uuid not null references insight.export_job (id) on delete cascade,
      "seq" int not null,
      "data" bytea not null,
      primary key ("job_id", "seq")
    )`);
  }
}
