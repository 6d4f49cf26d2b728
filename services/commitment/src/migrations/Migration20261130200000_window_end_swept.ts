import { Migration } from '@mikro-orm/migrations';

const S = '"commitment"';

/**
 * The end of the commitment's current window (公示, 践诺) is moved by the campaign's sweep, not by a timer of its
 * workflow: set by the stage change that entered the window, cleared by the next.
 */
export class Migration20261130200000_window_end_swept extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table ${S}."commitment" add column "window_end_swept" boolean not null default false`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table ${S}."commitment" drop column "window_end_swept"`);
  }
}
