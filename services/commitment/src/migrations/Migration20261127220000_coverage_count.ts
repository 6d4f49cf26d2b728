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
    // One function for the three triggers: the rows a statement removed count -1, those it wrote +1 (an update that
    // leaves a row's counter unchanged nets to nothing and touches no counter).
    this.addSql(`create function ${S}."coverage_on_change"() returns trigger language plpgsql as $$
      declare
        gone jsonb := '[]';
        came jsonb := '[]';
      begin
        if tg_op <> 'INSERT' then
          select coalesce(jsonb_agg(to_jsonb(r)), '[]') into gone from (
            select campaign_id, org_path, stage, -1 n, -(deadline_missed::int) overdue from old_rows) r;
        end if;
        if tg_op <> 'DELETE' then
          select coalesce(jsonb_agg(to_jsonb(r)), '[]') into came from (
            select campaign_id, org_path, stage, 1 n, deadline_missed::int overdue from new_rows) r;
        end if;
        perform commitment.coverage_apply(gone || came);
        return null;
      end $$`);
    this.addSql(`create trigger "coverage_count_insert" after insert on ${S}."commitment"
      referencing new table as new_rows for each statement execute function ${S}."coverage_on_change"()`);
    this.addSql(`create trigger "coverage_count_delete" after delete on ${S}."commitment"
      referencing old table as old_rows for each statement execute function ${S}."coverage_on_change"()`);
    this.addSql(`create trigger "coverage_count_update" after update on ${S}."commitment"
      referencing old table as old_rows new table as new_rows for each statement
      execute function ${S}."coverage_on_change"()`);
    // Commitments written before the counters.
    this.addSql(`insert into ${S}."coverage_count" (campaign_id, org_path, stage, n, overdue)
      select campaign_id, org_path, stage, count(*)::int, count(*) filter (where deadline_missed)::int
        from ${S}."commitment" group by 1, 2, 3`);
  }

  override async down(): Promise<void> {
    for (const t of ['insert', 'delete', 'update'])
      this.addSql(`drop trigger if exists "coverage_count_${t}" on ${S}."commitment"`);
    for (const f of ['coverage_on_change()', 'coverage_apply(jsonb)'])
      this.addSql(`drop function if exists ${S}.${f}`);
    this.addSql(`drop table if exists ${S}."coverage_count"`);
  }
}
