import { Migration } from '@mikro-orm/migrations';

/** Campaigns as drafts that are edited, then started, paused, resumed and closed; their review templates. */
export class Migration20261127170000_campaign_control extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "commitment"."campaign"
      add column "templates" jsonb,
      add column "started_at" timestamptz,
      add column "closed_at" timestamptz,
      add column "closed_reason" text,
      add column "updated_at" timestamptz not null default now()`);
    this.addSql(`update "commitment"."campaign" set "started_at" = "created_at" where "status" <> 'draft'`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "commitment"."campaign"
      drop column "templates", drop column "started_at", drop column "closed_at", drop column "closed_reason",
      drop column "updated_at"`);
  }
}
