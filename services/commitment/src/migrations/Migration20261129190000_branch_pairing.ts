import { Migration } from '@mikro-orm/migrations';

/**
 * Branch pairings (结对) as the org registry announces them (`org.relation.changed`, kind `pairing`): who may give a
 * mutual review (互评) to whom, across committees where paired. Kept per pair of branches with their paths.
 */
export class Migration20261129190000_branch_pairing extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "commitment"."branch_pairing" (
      "unit_a" uuid not null,
      "unit_b" uuid not null,
      "path_a" text not null,
      "path_b" text not null,
      "changed_at" timestamptz not null default now(),
      primary key ("unit_a", "unit_b")
    )`);
    this.addSql(`create index "branch_pairing_path_a" on "commitment"."branch_pairing" ("path_a")`);
    this.addSql(`create index "branch_pairing_path_b" on "commitment"."branch_pairing" ("path_b")`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "commitment"."branch_pairing"`);
  }
}
