import type { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { AppConfig } from '@pingyi/config';
import type { EventEnvelope } from '@pingyi/contracts';
import { consumeInBackground, type BackgroundConsumer, type BatchBacklog } from '@pingyi/messaging';

/** Which events a service's consumer group reads. */
export interface EnvelopeSubscription {
  groupId: string;
  topics: string[];
  /** Read the topics from their start the first time the group runs (else only what is published from now on). */
  fromBeginning: boolean;
  /** With `handleBatch`: batches of this many partitions handled at once (each partition's still in order). */
  partitionsConcurrently?: number;
}

/**
 * A service's Kafka consumer of event envelopes, started in the background on bootstrap (see consumeInBackground: the
 * service answers, and says it is not ready, while Kafka cannot be reached; topics are created with the configured
 * partitions and replication) and stopped on shutdown. Subclasses say what they read and implement `handle`, which
 * must be idempotent by eventId.
 */
export abstract class EnvelopeConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: BackgroundConsumer | undefined;

  protected constructor(
    private readonly subscription: EnvelopeSubscription,
    protected readonly log: Logger,
    private readonly kafka: Kafka,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.consumer = consumeInBackground({
      kafka: this.kafka,
      ...this.subscription,
      logger: this.log,
      handle: (e) => this.handle(e),
      handleBatch: this.handleBatch?.bind(this),
      topicSettings: {
        partitions: this.config.KAFKA_PARTITIONS,
        replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  abstract handle(e: EventEnvelope): Promise<void>;

  /** Optional: a fetched batch of one partition at once (in order), e.g. in one transaction; idempotent as `handle`. */
  handleBatch?(events: EventEnvelope[], after: BatchBacklog): Promise<void>;
}
