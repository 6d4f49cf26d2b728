import { Migration } from '@mikro-orm/migrations';
import { outboxInboxSql } from '@pingyi/persistence';

export class Migration20261127000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "commitment"."commitment" (
      "id" uuid primary key,
      "campaign_id" varchar(255) not null,
      "subject_id" varchar(255) not null,
      "subject_kind" varchar(16) not null,
      "org_path" varchar(512) not null,
      "title" text not null,
      "status" varchar(32) not null,
      "workflow_id" varchar(512) not null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "commitment_campaign_id_subject_id_unique" unique ("campaign_id", "subject_id")
    )`);
    this.addSql(`create index "commitment_org_path_index" on "commitment"."commitment" ("org_path")`);
    for (const sql of outboxInboxSql('commitment')) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "commitment"."commitment"');
    this.addSql('drop table if exists "commitment"."outbox_event"');
    this.addSql('drop table if exists "commitment"."inbox_event"');
  }
}
