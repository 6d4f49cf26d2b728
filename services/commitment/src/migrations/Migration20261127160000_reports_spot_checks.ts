import { Migration } from '@mikro-orm/migrations';

/** 每周摇号抽查 (draws and their inspection tasks) and 月报、季报 snapshots. */
export class Migration20261127160000_reports_spot_checks extends Migration {
  override async up(): Promise<void> {
    const S = '"commitment"';
    // A draw keeps its seed and candidate ids, so anyone can re-run it and get the same selection.
    this.addSql(`create table ${S}."spot_check_draw" (
      "id" uuid primary key,
      "campaign_id" varchar(64) not null,
      "scope_path" text not null,
      "week" varchar(32) not null,
      "seed" text not null,
      "method" varchar(32) not null,
      "unit_count" int not null,
      "cadre_count" int not null,
      "unit_candidates" jsonb not null,
      "cadre_candidates" jsonb not null,
      "selected_units" jsonb not null,
      "selected_cadres" jsonb not null,
      "drawn_by" text not null,
      "drawn_at" timestamptz not null
    )`);
    this.addSql(
      `create index "spot_check_draw_campaign_idx" on ${S}."spot_check_draw" ("campaign_id", "drawn_at" desc)`,
    );
    this.addSql(
      `create index "spot_check_draw_week_idx" on ${S}."spot_check_draw" ("campaign_id", "scope_path", "week")`,
    );
    // One inspection per subject drawn, against the three do-not-pass rule (三不过关).
    this.addSql(`create table ${S}."inspection_task" (
      "id" uuid primary key,
      "draw_id" uuid not null,
      "campaign_id" varchar(64) not null,
      "subject_kind" varchar(8) not null,
      "subject_id" varchar(64) not null,
      "subject_name" text not null,
      "org_path" text not null,
      "status" varchar(8) not null default 'open',
      "self_evaluation_serious" boolean,
      "shortcomings_named" boolean,
      "measures_concrete" boolean,
      "note" text,
      "inspector_id" varchar(64),
      "inspected_at" timestamptz,
      "created_at" timestamptz not null,
      constraint "inspection_task_draw_subject_unique" unique ("draw_id", "subject_kind", "subject_id")
    )`);
    this.addSql(
      `create index "inspection_task_org_path_idx" on ${S}."inspection_task" ("org_path" text_pattern_ops)`,
    );
    this.addSql(`create table ${S}."report_snapshot" (
      "id" uuid primary key,
      "campaign_id" varchar(64) not null,
      "period" varchar(16) not null,
      "period_label" varchar(32) not null,
      "org_path" text not null,
      "org_name" text not null,
      "level" varchar(8) not null,
      "scheduled_at" timestamptz not null,
      "taken_at" timestamptz not null,
      "figures" jsonb not null,
      constraint "report_snapshot_period_org_unique" unique ("campaign_id", "period", "period_label", "org_path")
    )`);
  }

  override async down(): Promise<void> {
    for (const t of ['spot_check_draw', 'inspection_task', 'report_snapshot'])
      this.addSql(`drop table if exists "commitment"."${t}"`);
  }
}
