import { join } from 'node:path';
import { PartError } from './errors';
import type { TemporalServerTools } from './install';
import { ping as pingKafka, startKafkaNode, type KafkaNode } from './kafka';
import { portOpen, waitUntil } from './net';
import type { PartHandle } from './supervisor';
import {
  registerNamespace,
  setupClusterSchema,
  startTemporalRole,
  TEMPORAL_ROLES,
  writeClusterConfig,
  type TemporalClusterOptions,
} from './temporal-cluster';

/** History shards of the local cluster (fixed once the database is set up). */
export const CLUSTER_HISTORY_SHARDS = 4;
/** Brokers of the local Kafka cluster (each also a KRaft controller). */
export const CLUSTER_KAFKA_NODES = 3;

/** Starts one part under the stack's supervisor, saying so (stack.ts). */
export type StartPart = <H extends PartHandle>(
  name: string,
  start: (logFile: string) => Promise<H>,
  ready?: (h: H) => string,
) => Promise<H>;

export interface ClusterOptions {
  startPart: StartPart;
  /** The profile's data folder. */
  dir: string;
  temporalServer: TemporalServerTools;
  kafkaLibs: string;
  /** Frontend gRPC port, and the first of the other roles' ports. */
  temporalPort: number;
  temporalBasePort: number;
  /** First broker port (brokers at +0, +1, +2; their controllers at +10, +11, +12). */
  kafkaBasePort: number;
  pgPort: number;
  namespace: string;
  timeoutMs: number;
}

/** The cluster's parts, as the supervisor names them (restarted by the test stack when killed). */
export const CLUSTER_PARTS = [
  ...TEMPORAL_ROLES.map((r) => `temporal-${r}`),
  ...Array.from({ length: CLUSTER_KAFKA_NODES }, (_, i) => `kafka-${i + 1}`),
];

export function kafkaClusterNodes(basePort: number): KafkaNode[] {
  return Array.from({ length: CLUSTER_KAFKA_NODES }, (_, i) => ({
    id: i + 1,
    port: basePort + i,
    controllerPort: basePort + 10 + i,
  }));
}

export function temporalClusterOptions(o: ClusterOptions): TemporalClusterOptions {
  return {
    tools: o.temporalServer,
    dataDir: join(o.dir, 'temporal-cluster'),
    port: o.temporalPort,
    basePort: o.temporalBasePort,
    pg: { host: '127.0.0.1', port: o.pgPort, user: 'postgres', password: 'postgres' },
    shards: CLUSTER_HISTORY_SHARDS,
    namespace: o.namespace,
    timeoutMs: o.timeoutMs,
  };
}

/**
 * Temporal's server as four processes (history, matching, frontend, worker) on the stack's PostgreSQL, the namespace
 * registered; returns the frontend address.
 */
export async function startTemporalCluster(o: ClusterOptions): Promise<string> {
  const t = temporalClusterOptions(o);
  const configs = writeClusterConfig(t);
  for (const role of TEMPORAL_ROLES) {
    await o.startPart(
      `temporal-${role}`,
      async (logFile) => {
        // Schema first (idempotent): a restarted history after a wiped database would find none.
        if (role === 'history') await setupClusterSchema(t, logFile);
        return startTemporalRole(t, role, configs[role], logFile);
      },
      () => (role === 'frontend' ? `127.0.0.1:${t.port}` : ''),
    );
  }
  await registerNamespace(t).catch((e: Error) => {
    throw new PartError(
      'temporal-frontend',
      `注册命名空间失败 (namespace registration failed): ${e.message}`,
    );
  });
  return `127.0.0.1:${t.port}`;
}

/** Three KRaft brokers (combined broker + controller), replication factor 3, min.insync.replicas=2. */
export async function startKafkaCluster(o: ClusterOptions): Promise<string[]> {
  const voters = kafkaClusterNodes(o.kafkaBasePort);
  for (const node of voters) {
    await o.startPart(
      `kafka-${node.id}`,
      (logFile) =>
        startKafkaNode({
          libs: o.kafkaLibs,
          dataDir: join(o.dir, `kafka-${node.id}`),
          logFile,
          node,
          voters,
          timeoutMs: o.timeoutMs,
          heapMb: 384,
          // A lone node has no quorum yet: its controller listener is enough; the cluster is awaited below.
          ready: () => portOpen(node.controllerPort),
        }),
      () => `127.0.0.1:${node.port}`,
    );
  }
  const brokers = voters.map((v) => `127.0.0.1:${v.port}`);
  await waitUntil('kafka', () => pingKafka(brokers, voters.length), { timeoutMs: o.timeoutMs }).catch(
    (e: Error) => {
      throw new PartError('kafka', `Kafka 集群未就绪 (cluster not ready): ${e.message}`);
    },
  );
  return brokers;
}
