import { Migration } from '@mikro-orm/migrations';

const S = '"commitment"';

/**
 * Supervision figures at every level: the organisation units' names as users write them (a read table filled from the
 * org service's events), report snapshot rows at any unit level, and each notice's figures per unit of the tree.
 */
export class Migration20261129200000_org_units_breakdown extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table ${S}."org_unit" (
      "unit_id" uuid primary key,
      "code" text not null,
      "name" text not null,
      "level" varchar(16) not null,
      "path" text not null,
      "status" varchar(8) not null default 'active',
      "updated_at" timestamptz not null default now()
    )`);
    this.addSql(`create index "org_unit_path_idx" on ${S}."org_unit" ("path" text_pattern_ops)`);
    this.addSql(`alter table ${S}."report_snapshot" alter column "level" type varchar(16)`);
    this.addSql(`alter table ${S}."report_snapshot" add column "unit_id" uuid`);
    this.addSql(`create table ${S}."milestone_notice_unit" (
      "notice_id" uuid not null,
      "org_path" text not null,
      "parent_path" text,
      "unit_id" uuid,
      "name" text not null,
      "level" varchar(16) not null,
      "due" int not null,
      "missed" int not null,
      primary key ("notice_id", "org_path")
    )`);
    this.addSql(
      `create index "milestone_notice_unit_parent_idx" on ${S}."milestone_notice_unit" ("notice_id", "parent_path")`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists ${S}."milestone_notice_unit"`);
    this.addSql(`drop table if exists ${S}."org_unit"`);
    this.addSql(`alter table ${S}."report_snapshot" drop column if exists "unit_id"`);
  }
}
