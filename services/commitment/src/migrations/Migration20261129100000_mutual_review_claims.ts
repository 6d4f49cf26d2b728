import { Migration } from '@mikro-orm/migrations';

/**
 * One mutual review per person, mode and stage of a commitment, without recording who wrote a back-to-back review: a
 * claim is a keyed hash of (commitment, stage, mode, person), kept apart from the reviews, with no time and no link
 * to the review it allowed.
 */
export class Migration20261129100000_mutual_review_claims extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "commitment"."mutual_review_claim" (
      "commitment_id" uuid not null,
      "claim" char(64) not null,
      primary key ("commitment_id", "claim")
    )`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "commitment"."mutual_review_claim"`);
  }
}
