import { Migration } from '@mikro-orm/migrations';
import { outboxTraceparentSql } from '@pingyi/persistence';

/** Issue 20 (operations): the trace context of the step that wrote an outbox row, carried to Kafka by the relay. */
export class Migration20261130040000_outbox_traceparent extends Migration {
  override async up(): Promise<void> {
    this.addSql(outboxTraceparentSql('insight'));
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "insight"."outbox_event" drop column if exists "traceparent"`);
  }
}
