/** The schema of the live read models. */
export const SCHEMA = 'insight';

/**
 * Every read-model table, in the order a rebuild copies them. `applied_event` is the inbox (one row per event applied,
 * written in the same transaction as the change it made); `watermark` holds the last applied event's time.
 */
export const READ_MODEL_TABLES = [
  'campaign',
  'unit',
  'commitment_fact',
  'review_fact',
  'redo_order_fact',
  'mass_fact',
  'rectification_fact',
  'accountability_fact',
  'perf_campaign',
  'perf_text',
  'perf_band',
  'perf_pair',
  'perf_queue',
  'node_rollup',
  'node_rollup_top',
  'applied_event',
  'watermark',
] as const;

/**
 * The read models in schema `s` (the live `insight`, or `insight_rebuild` while `npm run insight:rebuild` replays the
 * topics). Facts are per commitment, keyed by the commitment's org path (`text_pattern_ops`: a subtree is a prefix
 * range), and every figure at any level is an aggregate over the subtree; the other facts join the commitment for its
 * place, so a commitment that moves takes its whole history along.
 */
export function readModelDdl(s: string): string[] {
  const S = `"${s}"`;
  return [
    `create table ${S}."campaign" (
      "id" varchar(64) primary key,
      "name" text,
      "scope_path" text,
      "status" varchar(16),
      "min_mass_responses" int not null default 5,
      "updated_at" timestamptz not null
    )`,
    `create table ${S}."unit" (
      "id" varchar(64) primary key,
      "path" text not null,
      "name" text not null,
      "level" varchar(24) not null,
      "closed" boolean not null default false
    )`,
    `create index on ${S}."unit" ("path" text_pattern_ops)`,
    `create table ${S}."commitment_fact" (
      "id" uuid primary key,
      "campaign_id" varchar(64) not null,
      "subject_kind" varchar(8) not null,
      "subject_id" varchar(64) not null,
      "subject_name" text not null,
      "org_path" text not null,
      "stage" varchar(24) not null,
      "stage_deadline" timestamptz,
      "deadline_missed" boolean not null default false,
      "reviewer_id" varchar(64),
      "reviewer_name" text,
      "grade" varchar(8),
      "outcome" varchar(32),
      "objections" int not null default 0,
      "mass_shown" boolean,
      "opened_at" timestamptz not null,
      "closed_at" timestamptz,
      "updated_at" timestamptz not null
    )`,
    `create index on ${S}."commitment_fact" ("campaign_id", "org_path" text_pattern_ops)`,
    `create table ${S}."review_fact" (
      "id" uuid primary key,
      "commitment_id" uuid not null,
      "reviewer_id" varchar(64) not null,
      "mode" varchar(16) not null,
      "grade" varchar(8) not null,
      "passed" boolean not null,
      "at" timestamptz not null
    )`,
    `create index on ${S}."review_fact" ("commitment_id")`,
    `create table ${S}."redo_order_fact" (
      "id" uuid primary key,
      "commitment_id" uuid not null,
      "reviewer_id" varchar(64),
      "source" varchar(16) not null,
      "at" timestamptz not null
    )`,
    `create index on ${S}."redo_order_fact" ("commitment_id")`,
    `create table ${S}."mass_fact" (
      "commitment_id" uuid not null,
      "category" varchar(24) not null,
      "responses" int not null,
      "satisfied" int not null,
      "basically_satisfied" int not null,
      "unsatisfied" int not null,
      primary key ("commitment_id", "category")
    )`,
    `create table ${S}."rectification_fact" (
      "id" text primary key,
      "commitment_id" uuid not null,
      "source" varchar(24) not null,
      "target" text not null,
      "listed" boolean not null,
      "status" varchar(16) not null,
      "escalation_level" int not null default 0,
      "deadline" timestamptz not null,
      "round" int not null default 1,
      "opened_at" timestamptz not null,
      "struck_off_at" timestamptz,
      "settled_at" timestamptz,
      "updated_at" timestamptz not null
    )`,
    `create index on ${S}."rectification_fact" ("commitment_id")`,
    `create index on ${S}."rectification_fact" ("deadline") where "status" = 'open'`,
    `create table ${S}."accountability_fact" (
      "id" uuid primary key,
      "rectification_id" text not null,
      "commitment_id" uuid not null,
      "level" int not null,
      "unit_name" text not null,
      "cause_filled" boolean not null default false,
      "created_at" timestamptz not null
    )`,
    `create index on ${S}."accountability_fact" ("commitment_id")`,
    `create table ${S}."applied_event" (
      "event_id" uuid primary key,
      "occurred_at" timestamptz not null
    )`,
    `create table ${S}."watermark" (
      "id" int primary key,
      "last_event_at" timestamptz,
      "applied_at" timestamptz,
      "events" bigint not null default 0
    )`,
    `insert into ${S}."watermark" (id, events) values (1, 0)`,
  ];
}
