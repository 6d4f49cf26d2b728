import { Migration } from '@mikro-orm/migrations';
import { outboxInboxSql } from '@pingyi/persistence';

export class Migration20261127100000_org extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists ltree with schema public');
    this.addSql(`create table "org"."unit" (
      "id" uuid primary key,
      "code" varchar(64) not null unique,
      "name" varchar(200) not null,
      "level" varchar(16) not null,
      "field" varchar(24) not null,
      "parent_id" uuid null references "org"."unit" ("id"),
      "path" public.ltree not null unique,
      "secretary_id" uuid null,
      "status" varchar(8) not null default 'active',
      "closed_at" timestamptz null,
      "closed_reason" text null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1
    )`);
    this.addSql('create index "unit_path_gist" on "org"."unit" using gist ("path")');
    this.addSql('create index "unit_parent_id_index" on "org"."unit" ("parent_id")');
    this.addSql(`create table "org"."member" (
      "id" uuid primary key,
      "id_number_hash" varchar(64) not null unique,
      "id_number_masked" varchar(18) not null,
      "name" varchar(60) not null,
      "gender" varchar(8) not null,
      "birth_date" date not null,
      "joined_at" date not null,
      "type" varchar(16) not null,
      "cadre_rank" varchar(24) null,
      "mobile_location" varchar(100) null,
      "branch_id" uuid not null references "org"."unit" ("id"),
      "branch_path" public.ltree not null,
      "phone" varchar(11) null,
      "email" varchar(200) null,
      "status" varchar(8) not null default 'active',
      "left_at" timestamptz null,
      "left_reason" text null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1
    )`);
    this.addSql('create index "member_branch_path_gist" on "org"."member" using gist ("branch_path")');
    this.addSql('create index "member_branch_id_index" on "org"."member" ("branch_id", "name", "id")');
    this.addSql(
      `create unique index "member_phone_active_unique" on "org"."member" ("phone") where "phone" is not null and "status" = 'active'`,
    );
    this.addSql(
      'alter table "org"."unit" add constraint "unit_secretary_fk" foreign key ("secretary_id") references "org"."member" ("id")',
    );
    this.addSql(`create table "org"."member_transfer" (
      "id" uuid primary key,
      "member_id" uuid not null references "org"."member" ("id"),
      "from_branch_id" uuid not null,
      "to_branch_id" uuid not null,
      "from_path" public.ltree not null,
      "to_path" public.ltree not null,
      "reason" text not null,
      "at" timestamptz not null default now()
    )`);
    this.addSql(
      'create index "member_transfer_member_id_index" on "org"."member_transfer" ("member_id", "at")',
    );
    this.addSql(`create table "org"."cadre_assignment" (
      "cadre_id" uuid not null references "org"."member" ("id"),
      "unit_id" uuid not null references "org"."unit" ("id"),
      "kind" varchar(16) not null check ("kind" in ('liaison', 'oversight')),
      "created_at" timestamptz not null default now(),
      primary key ("cadre_id", "unit_id", "kind")
    )`);
    this.addSql('create index "cadre_assignment_unit_index" on "org"."cadre_assignment" ("unit_id")');
    this.addSql(`create table "org"."branch_pairing" (
      "unit_a" uuid not null references "org"."unit" ("id"),
      "unit_b" uuid not null references "org"."unit" ("id"),
      "created_at" timestamptz not null default now(),
      primary key ("unit_a", "unit_b"),
      check ("unit_a" < "unit_b")
    )`);
    this.addSql('create index "branch_pairing_b_index" on "org"."branch_pairing" ("unit_b")');
    this.addSql(`create table "org"."inspection_group" (
      "id" uuid primary key,
      "name" varchar(100) not null,
      "leader_id" uuid not null references "org"."member" ("id"),
      "member_ids" uuid[] not null,
      "scope_unit_ids" uuid[] not null,
      "owner_path" public.ltree not null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    )`);
    this.addSql(`create table "org"."import_job" (
      "id" uuid primary key,
      "kind" varchar(16) not null,
      "format" varchar(8) not null,
      "file_name" varchar(255) not null,
      "content" bytea not null,
      "dry_run" boolean not null,
      "scope_path" public.ltree not null,
      "created_by" varchar(128) not null,
      "status" varchar(16) not null default 'pending',
      "total_rows" int not null default 0,
      "processed_rows" int not null default 0,
      "inserted" int not null default 0,
      "updated" int not null default 0,
      "unchanged" int not null default 0,
      "error_count" int not null default 0,
      "errors" jsonb not null default '[]',
      "message" text null,
      "created_at" timestamptz not null default now(),
      "finished_at" timestamptz null
    )`);
    for (const sql of outboxInboxSql('org')) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const t of [
      'import_job',
      'inspection_group',
      'branch_pairing',
      'cadre_assignment',
      'member_transfer',
    ]) {
      this.addSql(`drop table if exists "org"."${t}"`);
    }
    this.addSql('alter table "org"."unit" drop constraint if exists "unit_secretary_fk"');
    this.addSql('drop table if exists "org"."member"');
    this.addSql('drop table if exists "org"."unit"');
    this.addSql('drop table if exists "org"."outbox_event"');
    this.addSql('drop table if exists "org"."inbox_event"');
  }
}
