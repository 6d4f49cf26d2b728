import { Migration } from '@mikro-orm/migrations';
import { auditLogSql } from '@pingyi/persistence';

/** The append-only audit log of this service's mutations (read through the org service's `auditLog`). */
export class Migration20261129150000_audit_log extends Migration {
  override async up(): Promise<void> {
    for (const sql of auditLogSql('commitment', 'text')) this.addSql(sql);
  }
}
