import { Migration } from '@mikro-orm/migrations';

const S = '"commitment"';

/**
 * 送督查 from a 防走过场 flag: an inspection task of one leadership review, not drawn by lot — no draw, the commitment
 * whose review is inspected, the reason and who sent it. One open task per commitment.
 */
export class Migration20261130050000_inspection_from_flag extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table ${S}."inspection_task" alter column "draw_id" drop not null`);
    this.addSql(`alter table ${S}."inspection_task" add column "commitment_id" uuid`);
    this.addSql(`alter table ${S}."inspection_task" add column "reason" text`);
    this.addSql(`alter table ${S}."inspection_task" add column "sent_by" varchar(64)`);
    this.addSql(
      `create unique index "inspection_task_open_commitment_unique" on ${S}."inspection_task" ("commitment_id")
        where "commitment_id" is not null and "status" = 'open'`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from ${S}."inspection_task" where "draw_id" is null`);
    this.addSql(`drop index if exists ${S}."inspection_task_open_commitment_unique"`);
    for (const c of ['commitment_id', 'reason', 'sent_by'])
      this.addSql(`alter table ${S}."inspection_task" drop column if exists "${c}"`);
    this.addSql(`alter table ${S}."inspection_task" alter column "draw_id" set not null`);
  }
}
