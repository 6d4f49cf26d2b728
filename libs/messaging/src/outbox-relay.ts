import type { Message, Producer } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import {
  contextFrom,
  injectTrace,
  SpanKind,
  SpanStatusCode,
  trace,
  tracer,
  type Span,
} from '@pingyi/observability';

export interface RelayLogger {
  log(message: string): void;
  error(message: string): void;
}

export interface OutboxRelayOptions {
  pool: Pool;
  /** Schema whose outbox_event table this relay drains. */
  schema: string;
  /** An idempotent producer (`idempotent: true`, `maxInFlightRequests: 1`). */
  producer: Producer;
  /**
   * A new connected idempotent producer, for when the current one's producer id or sequence numbers no longer match
   * the broker's (see `lostProducerState`): without it such a relay fails every poll from then on.
   */
  renewProducer?: () => Promise<Producer>;
  pollMs?: number;
  batchSize?: number;
  logger?: RelayLogger;
}

/** What an event's envelope must have for its Kafka message. */
export interface OutboxEnvelope {
  eventId: string;
  type: string;
}

/**
 * An event as a Kafka message: keyed by its aggregate id (a partition keeps an aggregate's events in order), the
 * envelope as JSON, and its id and type as headers.
 */
export function eventMessage(
  key: string,
  envelope: OutboxEnvelope,
  trace: Record<string, string> = {},
): Message {
  return {
    key,
    value: JSON.stringify(envelope),
    headers: { 'event-id': envelope.eventId, 'event-type': envelope.type, ...trace },
  };
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  type: string;
  envelope: OutboxEnvelope & Record<string, unknown>;
  traceparent: string | null;
}

/**
 * A PRODUCER span per traced row (`outbox publish <type>`), child of the step that wrote the row; its context goes
 * into the message's `traceparent` header. Ended once Kafka answered.
 */
function publishSpan(r: OutboxRow, topic: string): { span?: Span; headers: Record<string, string> } {
  if (!r.traceparent) return { headers: {} };
  const parent = contextFrom({ traceparent: r.traceparent });
  const span = tracer().startSpan(
    `outbox publish ${r.type}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'event.id': r.id },
    },
    parent,
  );
  const headers: Record<string, string> = {};
  injectTrace(headers, trace.setSpan(parent, span));
  return { span, headers };
}

/** Errors Kafka answers when it no longer accepts the producer's id, epoch or sequence numbers. */
const PRODUCER_STATE_ERRORS = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
]);

/**
 * The idempotent producer lost step with the broker: kafkajs takes a produce request that failed as not written and
 * rolls its sequence number back, but a broker that wrote it before failing over (a broker or the network killed
 * mid-request) expects the next number — every later send is refused. Only a new producer id starts over.
 */
export function lostProducerState(e: unknown): boolean {
  for (let c: unknown = e, depth = 0; c && depth < 5; depth++) {
    const x = c as { type?: unknown; cause?: unknown; originalError?: unknown };
    if (typeof x.type === 'string' && PRODUCER_STATE_ERRORS.has(x.type)) return true;
    c = x.cause ?? x.originalError;
  }
  return false;
}

/**
 * Publishes committed outbox rows to Kafka in commit order. One relay at a time per schema
 * (transaction-scoped advisory lock), so events of an aggregate keep their order. A row is marked
 * published only after Kafka acknowledged it; a crash in between republishes it (consumers dedupe).
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  /** Consecutive failed polls (0 when the last one succeeded). */
  failures = 0;
  published = 0;
  /** Times the producer was replaced after it lost step with the broker. */
  renewals = 0;
  private producer: Producer;

  constructor(private readonly o: OutboxRelayOptions) {
    this.producer = o.producer;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and drains what is already committed. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    try {
      while ((await this.drainOnce()) > 0) {
        /* drain */
      }
    } catch (e) {
      this.o.logger?.error(`outbox relay (${this.o.schema}) drain on stop failed: ${String(e)}`);
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drainOnce()
        .then((n) => {
          this.failures = 0;
          this.schedule(n > 0 ? 0 : (this.o.pollMs ?? 200));
        })
        .catch((e: unknown) => {
          this.failures++;
          this.o.logger?.error(`outbox relay (${this.o.schema}) failed: ${String(e)}`);
          this.schedule(Math.min(10_000, 250 * 2 ** Math.min(this.failures, 6)));
        });
    }, ms);
  }

  /** The rows are sent again by the next poll, with the new producer (consumers dedupe what was written twice). */
  private async renewProducer(cause: unknown): Promise<void> {
    if (!this.o.renewProducer) return;
    const old = this.producer;
    this.producer = await this.o.renewProducer();
    this.renewals++;
    this.o.logger?.log(
      `outbox relay (${this.o.schema}): 生产者与 Kafka 的序号不再一致，已换用新的生产者 (producer renewed after ${String(cause)})`,
    );
    await old.disconnect().catch(() => undefined);
  }

  /** Publishes one batch; returns how many rows it published. */
  async drainOnce(): Promise<number> {
    const client: PoolClient = await this.o.pool.connect();
    // A checked-out client has no pool listener: without this, a terminated backend (57P01) or a restarted server
    // emits an unhandled 'error' that kills the process. The broken client is discarded on release.
    let broken: Error | undefined;
    const onError = (e: Error) => {
      broken = e;
      this.o.logger?.error(`outbox relay (${this.o.schema}) connection lost: ${e.message}`);
    };
    client.on('error', onError);
    try {
      await client.query('begin');
      const lock = await client.query<{ ok: boolean }>(
        'select pg_try_advisory_xact_lock(hashtext($1)) as ok',
        [`pingyi-outbox:${this.o.schema}`],
      );
      if (!lock.rows[0]?.ok) {
        await client.query('commit');
        return 0;
      }
      const { rows } = await client.query<OutboxRow>(
        `select id, topic, message_key, type, envelope, traceparent from "${this.o.schema}".outbox_event
         where published_at is null order by seq limit $1`,
        [this.o.batchSize ?? 500],
      );
      if (rows.length === 0) {
        await client.query('commit');
        return 0;
      }
      const spans: Span[] = [];
      try {
        const byTopic = new Map<string, OutboxRow[]>();
        for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
        await this.producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, rs]) => ({
            topic,
            messages: rs.map((r) => {
              const { span, headers } = publishSpan(r, topic);
              if (span) spans.push(span);
              return eventMessage(r.message_key, r.envelope, headers);
            }),
          })),
        });
        for (const s of spans) s.end();
      } catch (e) {
        for (const s of spans) s.setStatus({ code: SpanStatusCode.ERROR }).end();
        await client.query(
          `update "${this.o.schema}".outbox_event set attempts = attempts + 1, last_error = $2 where id = any($1::uuid[])`,
          [rows.map((r) => r.id), String(e).slice(0, 2000)],
        );
        await client.query('commit');
        if (lostProducerState(e)) await this.renewProducer(e);
        throw e;
      }
      await client.query(
        `update "${this.o.schema}".outbox_event set published_at = now(), attempts = attempts + 1, last_error = null
         where id = any($1::uuid[])`,
        [rows.map((r) => r.id)],
      );
      await client.query('commit');
      this.published += rows.length;
      return rows.length;
    } catch (e) {
      await client.query('rollback').catch((r: Error) => (broken ??= r));
      throw e;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }
}
