import type { z } from 'zod';
import type { EventDefinition, EventEnvelope } from '@pingyi/contracts';
import { currentTraceparent } from '@pingyi/observability';
import { buildEnvelope } from '@pingyi/persistence';
import type { SqlClient } from './sql';

/** Collects events of a bulk operation and writes them to the outbox in one statement (same transaction). */
export class OutboxBatch {
  private readonly rows: EventEnvelope[] = [];
  private readonly topics: string[] = [];

  add<S extends z.ZodTypeAny>(
    def: EventDefinition<S>,
    aggregateId: string,
    orgPath: string,
    payload: z.infer<S>,
  ): void {
    // Typed by the event's schema; the bulk path skips the runtime parse (tests check the shapes on Kafka).
    this.rows.push(buildEnvelope(def, { aggregateId, orgPath, payload }));
    this.topics.push(def.topic);
  }

  get size(): number {
    return this.rows.length;
  }

  async flush(sql: SqlClient, schema: string): Promise<number> {
    const n = this.rows.length;
    if (n === 0) return 0;
    // One JSON document per batch: serialised natively, unpacked by PostgreSQL.
    await sql.query(
      `insert into "${schema}".outbox_event (id, topic, message_key, type, envelope, traceparent)
       select id, topic, message_key, type, envelope, $2::varchar
       from jsonb_to_recordset($1::jsonb) as t(id uuid, topic text, message_key text, type text, envelope jsonb)`,
      [
        JSON.stringify(
          this.rows.map((r, i) => ({
            id: r.eventId,
            topic: this.topics[i],
            message_key: r.aggregate.id,
            type: r.type,
            envelope: r,
          })),
        ),
        currentTraceparent(),
      ],
    );
    this.rows.length = 0;
    this.topics.length = 0;
    return n;
  }
}
