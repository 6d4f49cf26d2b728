import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Topic } from '@pingyi/contracts';

export interface Collected {
  /** `at`: partition and offset (a copy published twice has two; a redelivered one the same). */
  events: { eventId: string; type: string; payload: Record<string, any>; raw: string; at: string }[];
  consumer: Consumer;
}

/** Collects this run's lifecycle events from Kafka (fresh consumer group, from the beginning). */
export async function collectEvents(prefix: string): Promise<Collected> {
  const kafka = new Kafka({
    clientId: 'e2e-life',
    brokers: process.env['KAFKA_BROKERS']!.split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `e2e-life-${randomUUID()}` });
  const events: Collected['events'] = [];
  // Its own log is off: a crash (a broker killed under it) is printed, with whether kafkajs restarts it.
  consumer.on(consumer.events.CRASH, ({ payload }) =>
    process.stdout.write(
      `  [e2e Kafka collector] 崩溃 (crashed): ${String(payload.error)}; restart: ${payload.restart}\n`,
    ),
  );
  await consumer.connect();
  await consumer.subscribe({ topic: Topic.commitment, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      const raw = message.value!.toString();
      const e = JSON.parse(raw) as { eventId: string; type: string; payload: Record<string, any> };
      const at = `${partition}:${message.offset}`;
      if (String(e.payload?.['campaignId'] ?? '').startsWith(prefix)) events.push({ ...e, raw, at });
    },
  });
  return { events, consumer };
}
