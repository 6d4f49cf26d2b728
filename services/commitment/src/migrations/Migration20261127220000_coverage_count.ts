import { Migration } from '@mikro-orm/migrations';

const S = '"commitment"';

/**
 * Coverage counters: commitments per campaign, place (org_path) and stage, and how many of them are overdue. Kept by
 * statement triggers on `commitment`, so every insert, stage change, move or overdue flag changes its counter in the
 * same transaction, whichever code wrote it. Coverage for a subtree sums a few thousand counters at most instead of
 * counting 174,000 rows.
 */
export class Migration20261127220000_coverage_count extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table ${S}."coverage_count" (
      "campaign_id" varchar(64) not null,
      "org_path" text not null,
      "stage" varchar(24) not null,
      "n" int not null,
      "overdue" int not null,
      primary key ("campaign_id", "org_path", "stage")
    )`);
    this.addSql(
      `create index "coverage_count_path_idx" on ${S}."coverage_count" ("campaign_id", "org_path" text_pattern_ops)`,
    );
    // Applies signed deltas, in key order so concurrent writers take the counters' locks in the same order.
    this.addSql(`create function ${S}."coverage_apply"(deltas jsonb) returns void language sql as $$
      insert into commitment.coverage_count as c (campaign_id, org_path, stage, n, overdue)
      select d.campaign_id, d.org_path, d.stage, sum(d.n)::int, sum(d.overdue)::int
        from jsonb_to_recordset(deltas) as d(campaign_id varchar, org_path text, stage varchar, n int, overdue int)
       group by 1, 2, 3
      having sum(d.n) <> 0 or sum(d.overdue) <> 0
       order by 1, 2, 3
      on conflict (campaign_id, org_path, stage)
      do update set n = c.n + excluded.n, overdue = c.overdue + excluded.overdue
    $$`);
    this.addSql(`create function ${S}."coverage_on_insert"() returns trigger language plpgsql as $$
      begin
        perform commitment.coverage_apply(coalesce((select jsonb_agg(jsonb_build_object(
          'campaign_id', campaign_id, 'org_path', org_path, 'stage', stage,
          'n', 1, 'overdue', deadline_missed::int)) from new_rows), '[]'));
        return null;
      end $$`);
    this.addSql(`create function ${S}."coverage_on_delete"() returns trigger language plpgsql as $$
      begin
        perform commitment.coverage_apply(coalesce((select jsonb_agg(jsonb_build_object(
          'campaign_id', campaign_id, 'org_path', org_path, 'stage', stage,
          'n', -1, 'overdue', -(deadline_missed::int))) from old_rows), '[]'));
        return null;
      end $$`);
    this.addSql(`create function ${S}."coverage_on_update"() returns trigger language plpgsql as $$
      begin
        perform commitment.coverage_apply(coalesce((select jsonb_agg(d) from (
          select jsonb_build_object('campaign_id', o.campaign_id, 'org_path', o.org_path, 'stage', o.stage,
                                    'n', -1, 'overdue', -(o.deadline_missed::int)) d
            from old_rows o join new_rows n on n.id = o.id
           where (o.campaign_id, o.org_path, o.stage, o.deadline_missed)
                 is distinct from (n.campaign_id, n.org_path, n.stage, n.deadline_missed)
          union all
          select jsonb_build_object('campaign_id', n.campaign_id, 'org_path', n.org_path, 'stage', n.stage,
                                    'n', 1, 'overdue', n.deadline_missed::int)
            from old_rows o join new_rows n on n.id = o.id
           where (o.campaign_id, o.org_path, o.stage, o.deadline_missed)
                 is distinct from (n.campaign_id, n.org_path, n.stage, n.deadline_missed)) x), '[]'));
        return null;
      end $$`);
    this.addSql(`create trigger "coverage_count_insert" after insert on ${S}."commitment"
      referencing new table as new_rows for each statement execute function ${S}."coverage_on_insert"()`);
    this.addSql(`create trigger "coverage_count_delete" after delete on ${S}."commitment"
      referencing old table as old_rows for each statement execute function ${S}."coverage_on_delete"()`);
    this.addSql(`create trigger "coverage_count_update" after update on ${S}."commitment"
      referencing old table as old_rows new table as new_rows for each statement
      execute function ${S}."coverage_on_update"()`);
    // Commitments written before the counters.
    this.addSql(`insert into ${S}."coverage_count" (campaign_id, org_path, stage, n, overdue)
      select campaign_id, org_path, stage, count(*)::int, count(*) filter (where deadline_missed)::int
        from ${S}."commitment" group by 1, 2, 3`);
  }

  override async down(): Promise<void> {
    for (const t of ['insert', 'delete', 'update'])
      this.addSql(`drop trigger if exists "coverage_count_${t}" on ${S}."commitment"`);
    for (const f of [
      'coverage_on_insert',
      'coverage_on_delete',
      'coverage_on_update',
      'coverage_apply(jsonb)',
    ])
      this.addSql(`drop function if exists ${S}.${f}`);
    this.addSql(`drop table if exists ${S}."coverage_count"`);
  }
}
