import { Migration } from '@mikro-orm/migrations';

/** Where a campaign's launch stands (subjects given a commitment so far, the org cursor, launched or not). */
export class Migration20261127130000_campaign_launch extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "commitment"."campaign"
      add column "subjects_created" int not null default 0,
      add column "launch_cursor" text,
      add column "launch_status" varchar(16) not null default 'pending'`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "commitment"."campaign"
      drop column "subjects_created", drop column "launch_cursor", drop column "launch_status"`);
  }
}
