import { z } from 'zod';
import { OrgPath } from '../identity';

/** Every event on Kafka travels in this envelope (JSON value, key = aggregate id). */
export const EventEnvelope = z.object({
  eventId: z.string().uuid(),
  type: z.string().regex(/^[a-z][a-z_]*(\.[a-z_]+)+$/),
  schemaVersion: z.number().int().positive(),
  occurredAt: z.string().datetime(),
  aggregate: z.object({ type: z.string().min(1), id: z.string().min(1) }),
  orgPath: OrgPath,
  payload: z.unknown(),
});
export type EventEnvelope<P = unknown> = Omit<z.infer<typeof EventEnvelope>, 'payload'> & { payload: P };

/** An event definition: its type name, version, topic and payload schema. */
export interface EventDefinition<S extends z.ZodTypeAny> {
  type: string;
  schemaVersion: number;
  topic: string;
  aggregateType: string;
  payload: S;
}

export function defineEvent<S extends z.ZodTypeAny>(def: EventDefinition<S>): EventDefinition<S> {
  return def;
}

export type EventPayload<D> = D extends EventDefinition<infer S> ? z.infer<S> : never;

/** Topics, one per bounded context. */
export const Topic = {
  org: 'pingyi.org.events',
  commitment: 'pingyi.commitment.events',
} as const;
export type Topic = (typeof Topic)[keyof typeof Topic];
