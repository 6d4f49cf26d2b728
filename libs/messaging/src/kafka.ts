import { ConfigResourceTypes, Kafka, logLevel, type ITopicConfig, type KafkaConfig } from 'kafkajs';
import { consumerLag } from './consumer';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  connectionTimeout?: number;
}

export function createKafka(o: KafkaOptions): Kafka {
  const config: KafkaConfig = {
    clientId: o.clientId,
    brokers: o.brokers,
    connectionTimeout: o.connectionTimeout ?? 3000,
    logLevel: logLevel.ERROR,
    retry: { retries: 8, initialRetryTime: 200 },
  };
  return new Kafka(config);
}

/**
 * Topic settings of the event topics: every event is kept (no time or size limit, no compaction: the key is the
 * aggregate id, and compaction would keep only an aggregate's last event), so a read model can be rebuilt from the
 * beginning (`npm run insight:rebuild`; README, Insight: retention).
 */
export const EVENT_TOPIC_CONFIG = [
  { name: 'retention.ms', value: '-1' },
  { name: 'retention.bytes', value: '-1' },
  { name: 'cleanup.policy', value: 'delete' },
];

/** Gives existing topics the event-topic settings (topics created before they were set). */
export async function ensureRetention(kafka: Kafka, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.alterConfigs({
      validateOnly: false,
      resources: topics.map((name) => ({
        type: ConfigResourceTypes.TOPIC,
        name,
        configEntries: EVENT_TOPIC_CONFIG,
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** Creates the topics that do not exist yet (idempotent), with the event-topic settings. */
export async function ensureTopics(
  kafka: Kafka,
  topics: string[],
  o: { partitions: number; replicationFactor: number },
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing: ITopicConfig[] = topics
      .filter((t) => !existing.has(t))
      .map((topic) => ({
        topic,
        numPartitions: o.partitions,
        replicationFactor: o.replicationFactor,
        configEntries: EVENT_TOPIC_CONFIG,
      }));
    if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/** For health checks: the cluster answers with at least one broker. */
export async function pingKafka(kafka: Kafka): Promise<{ brokers: number; controller: number | null }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const c = await admin.describeCluster();
    return { brokers: c.brokers.length, controller: c.controller };
  } finally {
    await admin.disconnect();
  }
}

/** For /health: the cluster, and each consumer group of this process (joined? how far behind?). */
export async function describeKafka(
  kafka: Kafka,
  groups: { groupId: string; topics: string[] }[],
): Promise<{ brokers: number; controller: number | null; lag: Record<string, number> }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const c = await admin.describeCluster();
    const lag: Record<string, number> = {};
    for (const g of groups)
      for (const t of g.topics) lag[`${g.groupId}@${t}`] = await consumerLag(admin, g.groupId, t);
    return { brokers: c.brokers.length, controller: c.controller, lag };
  } finally {
    await admin.disconnect();
  }
}
