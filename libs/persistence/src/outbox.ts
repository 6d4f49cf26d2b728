import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { EventDefinition, EventEnvelope } from '@pingyi/contracts';
import type { z } from 'zod';
import { currentTraceparent } from '@pingyi/observability';
import { OutboxEvent } from './outbox.entity';

/** A deterministic UUID (v5-shaped) from a name: same name, same id. Used for idempotent ids. */
export function stableUuid(name: string): string {
  const h = createHash('sha1')
    .update('pingyi:' + name)
    .digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface RecordEventArgs<S extends z.ZodTypeAny> {
  aggregateId: string;
  orgPath: string;
  payload: z.infer<S>;
  /** Give a deterministic id (e.g. stableUuid of workflow id + step) so a retried activity cannot add a second event. */
  eventId?: string;
  occurredAt?: Date;
}

/**
 * Adds an outbox row to the unit of work. It is written by the same flush/transaction as the
 * entities it describes, so an event exists exactly when its state change was committed.
 */
/** The envelope of an event (the payload as given: callers that need it parse it first). */
export function buildEnvelope<S extends z.ZodTypeAny>(
  def: EventDefinition<S>,
  args: RecordEventArgs<S>,
): EventEnvelope<z.infer<S>> {
  return {
    eventId: args.eventId ?? randomUUID(),
    type: def.type,
    schemaVersion: def.schemaVersion,
    occurredAt: (args.occurredAt ?? new Date()).toISOString(),
    aggregate: { type: def.aggregateType, id: args.aggregateId },
    orgPath: args.orgPath,
    payload: args.payload,
  };
}

export function recordEvent<S extends z.ZodTypeAny>(
  em: EntityManager,
  def: EventDefinition<S>,
  args: RecordEventArgs<S>,
): EventEnvelope<z.infer<S>> {
  const payload = def.payload.parse(args.payload) as unknown as z.infer<S>;
  const envelope = buildEnvelope(def, { ...args, payload });
  const row = new OutboxEvent();
  row.id = envelope.eventId;
  row.topic = def.topic;
  row.messageKey = args.aggregateId;
  row.type = def.type;
  row.envelope = envelope;
  row.traceparent = currentTraceparent();
  em.persist(row);
  return envelope;
}
