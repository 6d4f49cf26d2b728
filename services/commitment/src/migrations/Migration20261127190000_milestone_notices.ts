import { Migration } from '@mikro-orm/migrations';

const S = '"commitment"';

/** 节点通报: one notice per campaign and milestone, with the list of who missed it frozen as it stood. */
export class Migration20261127190000_milestone_notices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table ${S}."milestone_notice" (
      "id" uuid primary key,
      "campaign_id" varchar(64) not null,
      "milestone" varchar(24) not null,
      "label" text not null,
      "node" text not null,
      "node_at" timestamptz not null,
      "as_of" timestamptz not null,
      "issued_at" timestamptz not null,
      "due" int not null,
      "missed" int not null,
      "by_county" jsonb not null,
      constraint "milestone_notice_campaign_milestone_unique" unique ("campaign_id", "milestone")
    )`);
    this.addSql(`create table ${S}."milestone_notice_subject" (
      "notice_id" uuid not null,
      "commitment_id" uuid not null,
      "subject_kind" varchar(8) not null,
      "subject_id" varchar(64) not null,
      "subject_name" text not null,
      "org_path" text not null,
      "stage" varchar(24) not null,
      "stage_deadline" timestamptz,
      "reviewer_id" varchar(64),
      "reviewer_name" text,
      primary key ("notice_id", "commitment_id")
    )`);
    this.addSql(
      `create index "milestone_notice_subject_path_idx" on ${S}."milestone_notice_subject" ("notice_id", "org_path" text_pattern_ops)`,
    );
  }

  override async down(): Promise<void> {
    for (const t of ['milestone_notice_subject', 'milestone_notice'])
      this.addSql(`drop table if exists ${S}."${t}"`);
  }
}
