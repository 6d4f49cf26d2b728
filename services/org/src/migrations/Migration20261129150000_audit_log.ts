import { Migration } from '@mikro-orm/migrations';
import { auditLogSql } from '@pingyi/persistence';

/** The append-only audit log (own entries and those gathered from the commitment service). */
export class Migration20261129150000_audit_log extends Migration {
  override async up(): Promise<void> {
    for (const sql of auditLogSql('org', 'public.ltree')) this.addSql(sql);
  }
}
