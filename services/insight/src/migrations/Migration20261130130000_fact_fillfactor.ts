import { Migration } from '@mikro-orm/migrations';
import { FILLFACTOR } from '../model/swap';

/**
 * The fact rows the apply updates (every event rewrites its commitment's row, often twice) leave room in each page,
 * so an update can stay in the page (a heap-only tuple, no index entries written).
 */
export class Migration20261130130000_fact_fillfactor extends Migration {
  override async up(): Promise<void> {
    for (const [table, percent] of Object.entries(FILLFACTOR))
      this.addSql(`alter table insight.${table} set (fillfactor = ${percent})`);
  }
}
