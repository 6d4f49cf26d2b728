import { Migration } from '@mikro-orm/migrations';

const S = '"commitment"';

/**
 * Issue 15 (reaching people). `person_contact`: how to reach a member (e-mail, phone, the channels they asked for),
 * kept from the org service's member events. `notification_delivery`: one row per notification × recipient ×
 * channel, its id the idempotency key, written with the inbox entry; the row's status says whether it went out
 * (pending → sending → sent, or failed / unknown / held for quiet hours or the day's digest → digested).
 */
export class Migration20261129210000_notification_delivery extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table ${S}."person_contact" (
      "person_id" uuid primary key,
      "email" text,
      "phone" text,
      "channels" text[],
      "mobile_location" text,
      "event_at" timestamptz not null,
      "updated_at" timestamptz not null default now()
    )`);
    this.addSql(`create table ${S}."notification_delivery" (
      "id" uuid primary key,
      "notification_key" text not null,
      "person_id" uuid not null,
      "channel" varchar(8) not null check ("channel" in ('email', 'sms')),
      "address" text not null,
      "kind" varchar(24) not null,
      "title" text not null,
      "body" text not null,
      "status" varchar(10) not null default 'pending'
        check ("status" in ('pending', 'held', 'sending', 'sent', 'failed', 'unknown', 'digested')),
      "not_before" timestamptz not null default now(),
      "digest_id" uuid,
      "attempts" int not null default 0,
      "last_error" text,
      "provider_id" text,
      "provider_status" text,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "sent_at" timestamptz
    )`);
    this.addSql(`create index "notification_delivery_due_idx" on ${S}."notification_delivery" ("not_before")
      where "status" in ('pending', 'held', 'failed', 'sending')`);
    this.addSql(`create index "notification_delivery_person_idx" on ${S}."notification_delivery"
      ("person_id", "channel", "created_at")`);
    this.addSql(
      `create index "notification_delivery_key_idx" on ${S}."notification_delivery" ("notification_key")`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists ${S}."notification_delivery"`);
    this.addSql(`drop table if exists ${S}."person_contact"`);
  }
}
