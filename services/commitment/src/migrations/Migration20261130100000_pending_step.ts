import { Migration } from '@mikro-orm/migrations';

const S = '"commitment"';

/**
 * Steps answered 已受理 (STEP_PENDING) whose Update had not yet reached its workflow's history: Temporal holds such an
 * Update only in memory, so it is sent again under the same Update id until its workflow has taken it (or refused
 * it). The argument is kept only until then (an anonymous review's text included, never who wrote it).
 */
export class Migration20261130100000_pending_step extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table ${S}."pending_step" (
      "update_id" varchar(128) primary key,
      "workflow_id" varchar(255) not null,
      "run_id" varchar(64),
      "update_name" varchar(64) not null,
      "arg" jsonb,
      "status" varchar(16) not null default 'pending'
        check ("status" in ('pending', 'applied', 'refused', 'not_applied')),
      "attempts" int not null default 0,
      "next_attempt_at" timestamptz not null default now(),
      "last_error" text,
      "outcome" text,
      "release_commitment_id" uuid,
      "release_claim" varchar(128),
      "created_at" timestamptz not null default now(),
      "settled_at" timestamptz)`);
    this.addSql(
      `create index "pending_step_due" on ${S}."pending_step" ("next_attempt_at") where "status" = 'pending'`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists ${S}."pending_step"`);
  }
}
