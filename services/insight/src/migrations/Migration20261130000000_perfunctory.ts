import { Migration } from '@mikro-orm/migrations';

/**
 * 防走过场 (perfunctory reviews, see perfunctory/): per campaign the thresholds and templates from its settings; per
 * text (a leadership review or a self-evaluation) its features, MinHash signature, score, reasons and whether it is
 * the commitment's current one; its LSH band keys (candidates); and the near-duplicate pairs found, both ways. Read
 * models like the others: a rebuild replays them from the events.
 */
export class Migration20261130000000_perfunctory extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table insight.perf_campaign (
      "campaign_id" varchar(64) primary key,
      "settings" jsonb not null
    )`);
    this.addSql(`create table insight.perf_text (
      "id" text primary key,
      "kind" varchar(16) not null,
      "campaign_id" varchar(64) not null,
      "commitment_id" uuid not null,
      "author_id" varchar(64) not null,
      "current" boolean not null default true,
      "at" timestamptz not null,
      "content" jsonb not null,
      "signature" int[] not null,
      "features" jsonb not null,
      "template_length" int not null,
      "seconds_spent" int,
      "same_author" int not null default 0,
      "others" int not null default 0,
      "score" int not null default 0,
      "flagged" boolean not null default false,
      "reasons" jsonb not null default '[]'
    )`);
    this.addSql(`create index on insight.perf_text ("campaign_id", "kind", "author_id")`);
    this.addSql(`create index on insight.perf_text ("commitment_id")`);
    this.addSql(`create index on insight.perf_text ("kind", "author_id")`);
    this.addSql(`create table insight.perf_band (
      "text_id" text not null,
      "campaign_id" varchar(64) not null,
      "kind" varchar(16) not null,
      "band" smallint not null,
      "key" int not null
    )`);
    this.addSql(`create index on insight.perf_band ("campaign_id", "kind", "band", "key")`);
    this.addSql(`create index on insight.perf_band ("text_id")`);
    this.addSql(`create table insight.perf_pair (
      "a" text not null,
      "b" text not null,
      "similarity" real not null,
      "same_author" boolean not null,
      primary key ("a", "b")
    )`);
  }
}
