import { EntitySchema } from '@mikro-orm/core';

/** A row of the transactional outbox: flushed with the state it describes, published by the relay. */
export class OutboxEvent {
  /** The event id (also the envelope's eventId). */
  id!: string;
  topic!: string;
  /** Kafka message key: the aggregate id, so events of one aggregate stay ordered. */
  messageKey!: string;
  type!: string;
  envelope!: Record<string, unknown>;
  /** W3C trace context of the step that wrote it (ids only); the relay continues this trace on Kafka. */
  traceparent: string | null = null;
  createdAt: Date = new Date();
}

export const OutboxEventSchema = new EntitySchema<OutboxEvent>({
  class: OutboxEvent,
  tableName: 'outbox_event',
  properties: {
    id: { type: 'uuid', primary: true },
    topic: { type: 'string' },
    messageKey: { type: 'string' },
    type: { type: 'string' },
    envelope: { type: 'json' },
    traceparent: { type: 'string', nullable: true },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/** Events already handled by a consumer (dedupe by event id). */
export class InboxEvent {
  consumer!: string;
  eventId!: string;
  handledAt: Date = new Date();
}

export const InboxEventSchema = new EntitySchema<InboxEvent>({
  class: InboxEvent,
  tableName: 'inbox_event',
  properties: {
    consumer: { type: 'string', primary: true },
    eventId: { type: 'uuid', primary: true },
    handledAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/** DDL of the outbox's trace context column (a migration of each service that has an outbox). */
export function outboxTraceparentSql(schema: string): string {
  return `alter table "${schema}"."outbox_event" add column if not exists "traceparent" varchar(64) null`;
}

/** DDL for the outbox and inbox tables of one service schema; used by each service's first migration. */
export function outboxInboxSql(schema: string): string[] {
  return [
    `create table if not exists "${schema}"."outbox_event" (
      "seq" bigserial not null,
      "id" uuid primary key,
      "topic" varchar(255) not null,
      "message_key" varchar(255) not null,
      "type" varchar(255) not null,
      "envelope" jsonb not null,
      "created_at" timestamptz not null default now(),
      "published_at" timestamptz null,
      "attempts" int not null default 0,
      "last_error" text null
    )`,
    outboxTraceparentSql(schema),
    `create index if not exists "outbox_event_unpublished_idx" on "${schema}"."outbox_event" ("seq") where "published_at" is null`,
    `create table if not exists "${schema}"."inbox_event" (
      "consumer" varchar(255) not null,
      "event_id" uuid not null,
      "handled_at" timestamptz not null default now(),
      primary key ("consumer", "event_id")
    )`,
  ];
}
