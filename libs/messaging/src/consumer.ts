import type { Consumer, Kafka } from 'kafkajs';
import { EventEnvelope } from '@pingyi/contracts';
import type { RelayLogger } from './outbox-relay';

export interface EnvelopeConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
  logger?: RelayLogger;
  /** Must be idempotent by eventId (see handleOnce in @pingyi/persistence). */
  handle: (event: EventEnvelope) => Promise<void>;
}

/**
 * Consumes envelopes one message at a time, committing the offset only after the handler returned.
 * A malformed message is logged and skipped; a failing handler is retried by kafkajs.
 */
export async function startEnvelopeConsumer(o: EnvelopeConsumerOptions): Promise<Consumer> {
  const consumer = o.kafka.consumer({ groupId: o.groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  for (const topic of o.topics) await consumer.subscribe({ topic, fromBeginning: o.fromBeginning ?? true });
  await consumer.run({
    autoCommit: true,
    eachMessage: async ({ message, topic, partition }) => {
      let parsed: EventEnvelope;
      try {
        parsed = EventEnvelope.parse(JSON.parse(message.value?.toString('utf8') ?? 'null')) as EventEnvelope;
      } catch (e) {
        o.logger?.error(`skipping malformed event at ${topic}[${partition}]@${message.offset}: ${String(e)}`);
        return;
      }
      await o.handle(parsed);
    },
  });
  return consumer;
}

export function createIdempotentProducer(kafka: Kafka) {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}
