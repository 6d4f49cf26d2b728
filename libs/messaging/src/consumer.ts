import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { EventEnvelope } from '@pingyi/contracts';
import { context, contextFrom, inSpan, SpanKind, trace, tracer, type Span } from '@pingyi/observability';
import type { RelayLogger } from './outbox-relay';

export interface EnvelopeConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
  logger?: RelayLogger;
  /** Must be idempotent by eventId (see handleOnce in @pingyi/persistence). */
  handle: (event: EventEnvelope) => Promise<void>;
  /**
   * When given, messages are consumed a fetched batch (of one partition, in offset order) at a time: the batch's
   * envelopes go to this handler at once, and its offsets are committed only after it returned. Same idempotency rule.
   * `after`: how many messages of the partition were already waiting behind the batch when it was fetched.
   */
  handleBatch?: (events: EventEnvelope[], after: BatchBacklog) => Promise<void>;
  /** With `handleBatch`: batches of this many partitions handled at once (each partition's still in order). */
  partitionsConcurrently?: number;
}

export interface BatchBacklog {
  waiting: number;
}

/**
 * Session timeout of every consumer group member. A member killed with kill -9 holds its partitions until this
 * expires (kafkajs has no static membership), so it is kept short: a restarted service rejoins within ~10 s.
 */
export const CONSUMER_SESSION_TIMEOUT_MS = 10_000;

/** What /health reports per consumer group of this process. */
export interface ConsumerState {
  groupId: string;
  topics: string[];
  joined: boolean;
  since: string;
  error?: string;
}

const states = new Map<string, ConsumerState>();

/** The consumer groups this process runs, and whether each has joined. */
export function consumerStates(): ConsumerState[] {
  return [...states.values()];
}

/** Records a consumer group of this process as not (yet) joined, with the reason; /health reports it. */
export function markConsumerWaiting(
  o: Pick<EnvelopeConsumerOptions, 'groupId' | 'topics'>,
  error?: string,
): void {
  states.set(o.groupId, {
    groupId: o.groupId,
    topics: o.topics,
    joined: false,
    since: new Date().toISOString(),
    error,
  });
}

function track(consumer: Consumer, o: EnvelopeConsumerOptions): void {
  const set = (joined: boolean, error?: string) =>
    joined
      ? states.set(o.groupId, {
          groupId: o.groupId,
          topics: o.topics,
          joined,
          since: new Date().toISOString(),
        })
      : markConsumerWaiting(o, error);
  set(false);
  consumer.on(consumer.events.GROUP_JOIN, () => set(true));
  consumer.on(consumer.events.REBALANCING, () => set(false, '再均衡中 (rebalancing)'));
  consumer.on(consumer.events.CRASH, (e) =>
    set(false, `崩溃后重启 (crashed, restarting): ${e.payload.error.message}`),
  );
  consumer.on(consumer.events.STOP, () => set(false, '已停止 (stopped)'));
}

/**
 * Consumes envelopes one message at a time (or a fetched batch at a time with `handleBatch`), committing the offset
 * only after the handler returned.
 * A malformed message is logged and skipped; a failing handler is retried by kafkajs.
 * Returns once connected and subscribed: joining the group runs in the background (a restarted service does not wait
 * for the group to expire its dead member before it serves HTTP); `consumerStates()` says when it has joined.
 */
export async function startEnvelopeConsumer(o: EnvelopeConsumerOptions): Promise<Consumer> {
  const consumer = o.kafka.consumer({
    groupId: o.groupId,
    allowAutoTopicCreation: false,
    sessionTimeout: CONSUMER_SESSION_TIMEOUT_MS,
    rebalanceTimeout: 15_000,
    heartbeatInterval: 1000,
  });
  track(consumer, o);
  await consumer.connect();
  for (const topic of o.topics) await consumer.subscribe({ topic, fromBeginning: o.fromBeginning ?? true });
  const parse = (topic: string, partition: number, m: KafkaMessage): EventEnvelope | undefined => {
    try {
      return EventEnvelope.parse(JSON.parse(m.value?.toString('utf8') ?? 'null')) as EventEnvelope;
    } catch (e) {
      o.logger?.error(`skipping malformed event at ${topic}[${partition}]@${m.offset}: ${String(e)}`);
      return undefined;
    }
  };
  const { handleBatch } = o;
  consumer
    .run(
      handleBatch
        ? {
            autoCommit: true,
            partitionsConsumedConcurrently: o.partitionsConcurrently ?? 1,
            eachBatch: async (b) => {
              const { batch } = b;
              const parsed = batch.messages
                .map((m) => ({ m, e: parse(batch.topic, batch.partition, m) }))
                .filter((p): p is { m: KafkaMessage; e: EventEnvelope } => p.e !== undefined);
              const events = parsed.map((p) => p.e);
              const after = { waiting: Math.max(0, Number(batch.offsetLag())) };
              if (events.length > 0)
                await consumeBatch(
                  o,
                  (es) => handleBatch(es, after),
                  batch.topic,
                  batch.partition,
                  parsed,
                  events,
                );
              const last = batch.messages.at(-1);
              if (last) b.resolveOffset(last.offset);
              await b.heartbeat();
            },
          }
        : {
            autoCommit: true,
            eachMessage: async ({ message, topic, partition }) => {
              const parsed = parse(topic, partition, message);
              if (parsed) await consumeOne(o, topic, partition, message, parsed);
            },
          },
    )
    .catch((e: unknown) => o.logger?.error(`consumer ${o.groupId} failed to run: ${String(e)}`));
  return consumer;
}

const consumeAttributes = (
  o: EnvelopeConsumerOptions,
  topic: string,
  partition: number,
  m: KafkaMessage,
) => ({
  'messaging.system': 'kafka',
  'messaging.consumer.group.name': o.groupId,
  'messaging.destination.name': topic,
  'messaging.destination.partition.id': String(partition),
  'messaging.kafka.offset': m.offset,
});

/** Handles one message in a CONSUMER span, child of the relay's publish span (the message's `traceparent`). */
function consumeOne(
  o: EnvelopeConsumerOptions,
  topic: string,
  partition: number,
  m: KafkaMessage,
  event: EventEnvelope,
): Promise<void> {
  if (!m.headers?.['traceparent']) return o.handle(event);
  return inSpan(
    `consume ${event.type}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: { ...consumeAttributes(o, topic, partition, m), 'event.id': event.eventId },
      parent: contextFrom(m.headers),
    },
    () => o.handle(event),
  );
}

/**
 * Handles a fetched batch in one span; each traced message gets its own CONSUMER span (child of its publish span)
 * that lasts as long as the batch's handler, so every step's trace ends at the consumer that read its event.
 */
async function consumeBatch(
  o: EnvelopeConsumerOptions,
  handleBatch: (events: EventEnvelope[]) => Promise<void>,
  topic: string,
  partition: number,
  traced: { m: KafkaMessage; e: EventEnvelope }[],
  events: EventEnvelope[],
): Promise<void> {
  const spans: Span[] = traced
    .filter(({ m }) => m.headers?.['traceparent'])
    .map(({ m, e }) =>
      tracer().startSpan(
        `consume ${e.type}`,
        {
          kind: SpanKind.CONSUMER,
          attributes: { ...consumeAttributes(o, topic, partition, m), 'event.id': e.eventId },
        },
        contextFrom(m.headers ?? {}),
      ),
    );
  if (spans.length === 0) return handleBatch(events);
  try {
    await inSpan(
      `consume batch ${topic}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: { 'messaging.batch.message_count': events.length },
        parent: trace.setSpan(context.active(), spans[0]!),
      },
      () => handleBatch(events),
    );
  } finally {
    for (const s of spans) s.end();
  }
}

/** Messages not yet consumed by `groupId` on `topic` (sum over partitions). */
export async function consumerLag(
  admin: ReturnType<Kafka['admin']>,
  groupId: string,
  topic: string,
): Promise<number> {
  const [ends, [committed]] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const at = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  return ends.reduce((sum, p) => {
    const c = at.get(p.partition) ?? -1;
    return sum + (c < 0 ? Number(p.offset) - Number(p.low) : Math.max(0, Number(p.offset) - c));
  }, 0);
}

export function createIdempotentProducer(kafka: Kafka) {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}
