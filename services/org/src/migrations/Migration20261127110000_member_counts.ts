import { Migration } from '@mikro-orm/migrations';

/**
 * Each unit keeps the number of its own active members, maintained by statement-level triggers over transition
 * tables (one UPDATE per statement, not per row), so a subtree's count is a sum over its units.
 */
export class Migration20261127110000_member_counts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "org"."unit" add column "member_count" int not null default 0`);
    this.addSql(`update "org"."unit" u set member_count = c.n
      from (select branch_id, count(*)::int as n from "org"."member" where status = 'active' group by branch_id) c
      where u.id = c.branch_id`);
    const fn = (name: string, body: string) =>
      `create or replace function "org"."${name}"() returns trigger language plpgsql as $$
       begin
         update "org"."unit" u set member_count = u.member_count + d.delta
         from (select branch_id, sum(delta)::int as delta from (${body}) x group by branch_id having sum(delta) <> 0) d
         where u.id = d.branch_id;
         return null;
       end $$`;
    this.addSql(fn('member_count_ins', `select branch_id, 1 as delta from new_rows where status = 'active'`));
    this.addSql(
      fn('member_count_del', `select branch_id, -1 as delta from old_rows where status = 'active'`),
    );
    this.addSql(
      fn(
        'member_count_upd',
        `select branch_id, 1 as delta from new_rows where status = 'active'
         union all select branch_id, -1 as delta from old_rows where status = 'active'`,
      ),
    );
    this
      .addSql(`create trigger member_count_ins after insert on "org"."member" referencing new table as new_rows
      for each statement execute function "org"."member_count_ins"()`);
    this
      .addSql(`create trigger member_count_del after delete on "org"."member" referencing old table as old_rows
      for each statement execute function "org"."member_count_del"()`);
    this
      .addSql(`create trigger member_count_upd after update on "org"."member" referencing old table as old_rows
      new table as new_rows for each statement execute function "org"."member_count_upd"()`);
    // Members listed by branch then id: a range scan from the subtree's root path finds the first page at once.
    this.addSql(`create index "member_branch_path_id_index" on "org"."member" ("branch_path", "id")`);
  }

  override async down(): Promise<void> {
    for (const t of ['ins', 'del', 'upd']) {
      this.addSql(`drop trigger if exists member_count_${t} on "org"."member"`);
      this.addSql(`drop function if exists "org"."member_count_${t}"()`);
    }
    this.addSql(`drop index if exists "org"."member_branch_path_id_index"`);
    this.addSql(`alter table "org"."unit" drop column "member_count"`);
  }
}
