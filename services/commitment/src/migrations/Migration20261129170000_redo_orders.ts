import { Migration } from '@mikro-orm/migrations';

/**
 * 责令重新点评 ordered by supervision (an administrator, or an inspection finding): one row per order, with the
 * reviewer, the subject's unit and the campaign it is counted against (`redoOrderCounts`).
 */
export class Migration20261129170000_redo_orders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "commitment"."redo_order" (
      "id" uuid primary key,
      "campaign_id" varchar(255) not null,
      "commitment_id" uuid not null,
      "reviewer_id" varchar(64),
      "unit_id" varchar(64) not null,
      "org_path" varchar(512) not null,
      "source" varchar(16) not null,
      "task_id" varchar(100),
      "reason" text not null,
      "ordered_by" varchar(64),
      "from_stage" varchar(32) not null,
      "at" timestamptz not null
    )`);
    this.addSql(
      `create index "redo_order_campaign_idx" on "commitment"."redo_order" ("campaign_id", "org_path")`,
    );
    this.addSql(`create index "redo_order_commitment_idx" on "commitment"."redo_order" ("commitment_id")`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "commitment"."redo_order"`);
  }
}
