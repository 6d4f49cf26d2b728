import { Migration } from '@mikro-orm/migrations';
import { outboxInboxSql } from '@pingyi/persistence';
import { readModelDdl } from '../model/ddl';

/**
 * The insight read models (see model/ddl.ts): per-commitment facts keyed by org path, aggregated by path prefix at
 * any level. The outbox and inbox tables are the platform's (the health check reads the outbox; insight publishes
 * nothing).
 */
export class Migration20261129220000_read_models extends Migration {
  override async up(): Promise<void> {
    for (const sql of readModelDdl('insight')) this.addSql(sql);
    for (const sql of outboxInboxSql('insight')) this.addSql(sql);
  }
}
