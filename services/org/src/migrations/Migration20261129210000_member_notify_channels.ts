import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 15 (reaching people): a member's contact preference — the channels besides the inbox they asked to be reached
 * on (e-mail, SMS); null means every channel with a registered address. Carried on member events to the commitment
 * service, which sends the notices.
 */
export class Migration20261129210000_member_notify_channels extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "org"."member" add column "notify_channels" text[] null`);
    this.addSql(`alter table "org"."member" add constraint "member_notify_channels_known"
      check (notify_channels is null or notify_channels <@ array['email', 'sms']::text[])`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "org"."member" drop column if exists "notify_channels"`);
  }
}
