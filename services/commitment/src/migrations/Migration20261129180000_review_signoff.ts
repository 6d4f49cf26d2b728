import { Migration } from '@mikro-orm/migrations';

/**
 * The sign-off of a leadership review (领导点评登记表): the authenticated reviewer, the time and the SHA-256 of the
 * review's canonical JSON, made by the service when the review is recorded. Reviews recorded before keep only the
 * typed `signature` (these columns null).
 */
export class Migration20261129180000_review_signoff extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "commitment"."leadership_review"
      add column "signer_id" varchar(64),
      add column "signer_name" text,
      add column "signed_at" timestamptz,
      add column "content_hash" char(64)`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "commitment"."leadership_review"
      drop column if exists "signer_id", drop column if exists "signer_name",
      drop column if exists "signed_at", drop column if exists "content_hash"`);
  }
}
