import { Migration } from '@mikro-orm/migrations';

/** The lifecycle's projections: what queries answer from (never by listing workflows). */
export class Migration20261127100000_lifecycle extends Migration {
  override async up(): Promise<void> {
    const S = '"commitment"';
    this.addSql(`drop table if exists ${S}."commitment"`);
    this.addSql(`create table ${S}."campaign" (
      "id" varchar(64) primary key,
      "name" text not null,
      "year" int not null,
      "scope_path" text not null,
      "settings" jsonb not null,
      "status" varchar(16) not null,
      "created_by" text not null,
      "created_at" timestamptz not null default now()
    )`);
    this.addSql(`create table ${S}."commitment" (
      "id" uuid primary key,
      "campaign_id" varchar(64) not null,
      "subject_kind" varchar(8) not null,
      "subject_id" varchar(64) not null,
      "subject_name" text not null,
      "subject_unit_id" varchar(64) not null,
      "org_path" text not null,
      "workflow_id" text not null,
      "stage" varchar(24) not null,
      "stage_deadline" timestamptz,
      "deadline_missed" boolean not null default false,
      "reviewer_id" varchar(64),
      "reviewer_name" text,
      "items" jsonb not null default '[]',
      "self_evaluation" jsonb,
      "grade" varchar(8),
      "outcome" varchar(32),
      "outcome_note" text,
      "redo_count" int not null default 0,
      "objection_count" int not null default 0,
      "mass_tally" jsonb,
      "opened_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "closed_at" timestamptz,
      constraint "commitment_campaign_subject_unique" unique ("campaign_id", "subject_id")
    )`);
    this.addSql(`create index "commitment_org_path_idx" on ${S}."commitment" ("org_path" text_pattern_ops)`);
    this.addSql(`create index "commitment_campaign_stage_idx" on ${S}."commitment" ("campaign_id", "stage")`);
    this.addSql(`create index "commitment_reviewer_idx" on ${S}."commitment" ("reviewer_id", "stage")`);
    this.addSql(`create index "commitment_subject_idx" on ${S}."commitment" ("subject_id")`);
    this.addSql(`create table ${S}."timeline" (
      "id" uuid primary key,
      "commitment_id" uuid not null,
      "rectification_id" text,
      "at" timestamptz not null,
      "type" varchar(64) not null,
      "stage" varchar(24),
      "actor_id" varchar(64),
      "stage_deadline" timestamptz,
      "data" jsonb not null
    )`);
    this.addSql(`create index "timeline_commitment_idx" on ${S}."timeline" ("commitment_id", "at")`);
    this.addSql(
      `create index "timeline_rectification_idx" on ${S}."timeline" ("rectification_id", "at") where "rectification_id" is not null`,
    );
    this.addSql(`create table ${S}."leadership_review" (
      "id" uuid primary key,
      "commitment_id" uuid not null,
      "reviewer_id" varchar(64) not null,
      "mode" varchar(16) not null,
      "achievements" text not null,
      "shortcomings" jsonb not null,
      "causes" text not null,
      "measures" jsonb not null,
      "grade" varchar(8) not null,
      "signature" text not null,
      "passed" boolean not null,
      "failures" jsonb not null default '[]',
      "at" timestamptz not null
    )`);
    this.addSql(
      `create index "leadership_review_commitment_idx" on ${S}."leadership_review" ("commitment_id", "at")`,
    );
    this.addSql(
      `create index "leadership_review_reviewer_idx" on ${S}."leadership_review" ("reviewer_id") where not "passed"`,
    );
    this.addSql(`create table ${S}."mutual_review" (
      "id" uuid primary key,
      "commitment_id" uuid not null,
      "mode" varchar(16) not null,
      "reviewer_id" varchar(64),
      "opinion" text not null,
      "at" timestamptz not null
    )`);
    this.addSql(`create index "mutual_review_commitment_idx" on ${S}."mutual_review" ("commitment_id")`);
    this.addSql(`create table ${S}."objection" (
      "id" uuid primary key,
      "commitment_id" uuid not null,
      "content" text not null,
      "at" timestamptz not null
    )`);
    this.addSql(`create index "objection_commitment_idx" on ${S}."objection" ("commitment_id")`);
    this.addSql(`create table ${S}."progress" (
      "id" uuid primary key,
      "commitment_id" uuid not null,
      "item_index" int not null,
      "percent" int not null,
      "note" text not null,
      "evidence" jsonb not null,
      "actor_id" varchar(64),
      "at" timestamptz not null
    )`);
    this.addSql(
      `create index "progress_commitment_idx" on ${S}."progress" ("commitment_id", "item_index", "at")`,
    );
    // Anonymous mass evaluation: a token is kept only as its hash, with no link to whoever received it; a response
    // has no token, no person, no address, and only the day it was given.
    this.addSql(`create table ${S}."mass_eval_token" (
      "token_hash" char(64) primary key,
      "commitment_id" uuid not null,
      "category" varchar(24) not null,
      "batch_id" uuid not null,
      "used" boolean not null default false
    )`);
    this.addSql(`create index "mass_eval_token_commitment_idx" on ${S}."mass_eval_token" ("commitment_id")`);
    this.addSql(`create table ${S}."mass_eval_response" (
      "id" uuid primary key default gen_random_uuid(),
      "commitment_id" uuid not null,
      "category" varchar(24) not null,
      "rating" varchar(24) not null,
      "comment" text,
      "recorded_on" date not null
    )`);
    this.addSql(
      `create index "mass_eval_response_commitment_idx" on ${S}."mass_eval_response" ("commitment_id")`,
    );
    this.addSql(`create table ${S}."rectification" (
      "id" text primary key,
      "commitment_id" uuid not null,
      "campaign_id" varchar(64) not null,
      "workflow_id" text not null,
      "source" varchar(24) not null,
      "owner_id" varchar(64),
      "target" text not null,
      "measures" text not null,
      "deadline" timestamptz not null,
      "listed" boolean not null,
      "status" varchar(16) not null,
      "escalation_level" int not null default 0,
      "verifier_id" varchar(64),
      "org_path" text not null,
      "unit_id" varchar(64) not null,
      "round" int not null default 1,
      "evidence" jsonb,
      "opened_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "struck_off_at" timestamptz,
      "follow_up_due_at" timestamptz,
      "settled_at" timestamptz
    )`);
    this.addSql(`create index "rectification_commitment_idx" on ${S}."rectification" ("commitment_id")`);
    this.addSql(`create index "rectification_owner_idx" on ${S}."rectification" ("owner_id", "status")`);
    this.addSql(
      `create index "rectification_verifier_idx" on ${S}."rectification" ("verifier_id", "status")`,
    );
    this.addSql(
      `create index "rectification_org_path_idx" on ${S}."rectification" ("org_path" text_pattern_ops)`,
    );
    this.addSql(`create table ${S}."accountability" (
      "id" uuid primary key,
      "rectification_id" text not null,
      "commitment_id" uuid not null,
      "level" int not null,
      "unit_id" varchar(64) not null,
      "unit_name" text not null,
      "unit_path" text not null,
      "assignee_id" varchar(64),
      "assignee_name" text,
      "cause" text,
      "cause_at" timestamptz,
      "created_at" timestamptz not null
    )`);
    this.addSql(
      `create index "accountability_rectification_idx" on ${S}."accountability" ("rectification_id", "level")`,
    );
    this.addSql(
      `create index "accountability_assignee_idx" on ${S}."accountability" ("assignee_id") where "cause" is null`,
    );
    this.addSql(`create table ${S}."inbox_message" (
      "id" uuid primary key,
      "person_id" varchar(64) not null,
      "kind" varchar(16) not null,
      "title" text not null,
      "body" text not null,
      "commitment_id" uuid,
      "rectification_id" text,
      "created_at" timestamptz not null,
      "read_at" timestamptz
    )`);
    this.addSql(`create index "inbox_person_idx" on ${S}."inbox_message" ("person_id", "created_at" desc)`);
  }

  override async down(): Promise<void> {
    for (const t of [
      'campaign',
      'commitment',
      'timeline',
      'leadership_review',
      'mutual_review',
      'objection',
      'progress',
      'mass_eval_token',
      'mass_eval_response',
      'rectification',
      'accountability',
      'inbox_message',
    ])
      this.addSql(`drop table if exists "commitment"."${t}"`);
  }
}
