import type { Consumer } from 'kafkajs';
import { markConsumerWaiting, startEnvelopeConsumer, type EnvelopeConsumerOptions } from './consumer';
import { ensureTopics } from './kafka';

export interface BackgroundConsumerOptions extends EnvelopeConsumerOptions {
  /** How the topics are created if they do not exist yet. */
  topicSettings: { partitions: number; replicationFactor: number };
}

export interface BackgroundConsumer {
  stop(): Promise<void>;
}

/**
 * Creates the topics and starts the consumer in the background, trying again with back-off (1 s more each time, at
 * most 10 s) while Kafka cannot be reached: a service serves HTTP, and says in /health that it is not ready, instead
 * of failing to start when Kafka is down or still electing leaders.
 */
export function consumeInBackground(o: BackgroundConsumerOptions): BackgroundConsumer {
  let stopped = false;
  let consumer: Consumer | undefined;
  markConsumerWaiting(o, '正在连接 Kafka (connecting)');
  const run = async () => {
    for (let attempt = 1; !stopped; attempt++) {
      try {
        await ensureTopics(o.kafka, o.topics, o.topicSettings);
        const started = await startEnvelopeConsumer(o);
        if (stopped) await started.disconnect();
        else consumer = started;
        return;
      } catch (e) {
        markConsumerWaiting(o, `无法连接 Kafka (cannot reach Kafka): ${(e as Error).message}`);
        o.logger?.log(
          `consumer ${o.groupId} not started (attempt ${attempt}): ${(e as Error).message}; retrying`,
        );
        await new Promise((r) => setTimeout(r, Math.min(10_000, 1000 * attempt)));
      }
    }
  };
  void run();
  return {
    stop: async () => {
      stopped = true;
      await consumer?.disconnect();
    },
  };
}
