import { Migration } from '@mikro-orm/migrations';

/**
 * 防走过场: the stock phrases administrators add to the documented list (`STOCK_PHRASES`), and the audit of each
 * addition and removal. Not a read model: a rebuild neither copies nor clears them.
 */
export class Migration20261130040000_perf_phrases extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table insight.perf_phrase (
      "phrase" text primary key,
      "added_by" varchar(64) not null,
      "added_by_name" text,
      "added_at" timestamptz not null default now()
    )`);
    this.addSql(`create table insight.perf_phrase_audit (
      "id" bigserial primary key,
      "at" timestamptz not null default now(),
      "actor_id" varchar(64) not null,
      "actor_name" text,
      "action" varchar(8) not null,
      "phrase" text not null
    )`);
  }
}
