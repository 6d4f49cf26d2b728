import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { PartError } from './errors';
import { assertPartPortsFree, waitUntil } from './net';
import { ManagedProcess } from './proc';
import type { PartHandle } from './supervisor';

/** A started Kafka broker (`onExit` for a local process only). */
export interface KafkaHandle extends PartHandle {
  brokers: string[];
  external: boolean;
}

export interface KafkaOptions {
  libs: string;
  dataDir: string;
  logFile: string;
  port: number;
  controllerPort: number;
  timeoutMs: number;
  heapMb?: number;
  externalBrokers?: string[];
}

/** The brokers answer and a controller is elected (and, with `count`, that many brokers are registered). */
export async function ping(brokers: string[], count = 1): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'pingyi-launcher',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const c = await admin.describeCluster();
    return c.brokers.length >= count && c.controller !== null;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** One KRaft node (broker + controller) of a quorum. */
export interface KafkaNode {
  id: number;
  port: number;
  controllerPort: number;
}

/**
 * A KRaft node in combined mode. One node: replication factor 1. A quorum of three: every topic replicated to all
 * three, writes acknowledged by two (`min.insync.replicas=2` with the producers' acks=all).
 */
export function serverProperties(dataDir: string, node: KafkaNode, voters: KafkaNode[]): string {
  const rf = Math.min(voters.length, 3);
  const minIsr = rf > 1 ? 2 : 1;
  return [
    'process.roles=broker,controller',
    `node.id=${node.id}`,
    `controller.quorum.voters=${voters.map((v) => `${v.id}@127.0.0.1:${v.controllerPort}`).join(',')}`,
    `listeners=PLAINTEXT://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${node.port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${join(dataDir, 'data')}`,
    'num.partitions=3',
    `default.replication.factor=${rf}`,
    `min.insync.replicas=${minIsr}`,
    `offsets.topic.replication.factor=${rf}`,
    'offsets.topic.num.partitions=10',
    `transaction.state.log.replication.factor=${rf}`,
    `transaction.state.log.min.isr=${minIsr}`,
    `share.coordinator.state.topic.replication.factor=${rf}`,
    `share.coordinator.state.topic.min.isr=${minIsr}`,
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    'log.retention.hours=168',
    ...(rf > 1 ? ['unclean.leader.election.enable=false'] : []),
    '',
  ].join('\n');
}

const LOG4J2 = [
  'status = warn',
  'appender.out.type = Console',
  'appender.out.name = OUT',
  'appender.out.layout.type = PatternLayout',
  'appender.out.layout.pattern = [%d] %p %m (%c)%n',
  'rootLogger.level = WARN',
  'rootLogger.appenderRef.out.ref = OUT',
  'logger.server.name = kafka.server.KafkaRaftServer',
  'logger.server.level = INFO',
  '',
].join('\n');

export interface KafkaNodeOptions {
  libs: string;
  dataDir: string;
  logFile: string;
  node: KafkaNode;
  voters: KafkaNode[];
  timeoutMs: number;
  heapMb?: number;
  /** Ready when this resolves true (default: the node answers as a broker with a controller elected). */
  ready?: () => Promise<boolean>;
}

/** One KRaft node from the Maven Central jars, run with the machine's Java (storage formatted on first start). */
export async function startKafkaNode(o: KafkaNodeOptions): Promise<KafkaHandle & { pid?: number }> {
  const name = o.voters.length > 1 ? `kafka-${o.node.id}` : 'kafka';
  const env = o.voters.length > 1 ? 'PINGYI_KAFKA_CLUSTER_PORT' : 'PINGYI_KAFKA_PORT';
  await assertPartPortsFree(
    name,
    [
      [o.node.port, env],
      [o.node.controllerPort, o.voters.length > 1 ? env : 'PINGYI_KAFKA_CONTROLLER_PORT'],
    ] as const,
    o.logFile,
  );
  mkdirSync(o.dataDir, { recursive: true });
  const props = join(o.dataDir, 'server.properties');
  const log4j = join(o.dataDir, 'log4j2.properties');
  writeFileSync(props, serverProperties(o.dataDir, o.node, o.voters));
  writeFileSync(log4j, LOG4J2);
  const classpath = join(o.libs, '*');
  const jvm = [`-Dlog4j2.configurationFile=${log4j}`, `-Xms128m`, `-Xmx${o.heapMb ?? 512}m`, '-XX:+UseG1GC'];
  if (!existsSync(join(o.dataDir, 'data', 'meta.properties'))) {
    const r = spawnSync(
      'java',
      [
        ...jvm,
        '-cp',
        classpath,
        'kafka.tools.StorageTool',
        'format',
        '-t',
        'cGluZ3lpLWxvY2FsLWthZg',
        '-c',
        props,
        '--ignore-formatted',
      ],
      { encoding: 'utf8' },
    );
    writeFileSync(o.logFile, `${r.stdout}\n${r.stderr}\n`, { flag: 'a' });
    if (r.status !== 0)
      throw new PartError(name, `存储格式化失败 (storage format failed)`, o.logFile, r.stderr);
  }
  const proc = new ManagedProcess({
    name,
    command: 'java',
    args: [...jvm, '-cp', classpath, 'kafka.Kafka', props],
    logFile: o.logFile,
    pidFile: join(o.dataDir, 'kafka.pid'),
    marker: props,
  });
  proc.start();
  const brokers = [`127.0.0.1:${o.node.port}`];
  try {
    await waitUntil(name, o.ready ?? (() => ping(brokers)), {
      timeoutMs: o.timeoutMs,
      failFast: () => proc.exitReason(),
    });
  } catch (e) {
    await proc.stop(3000);
    throw new PartError(name, (e as Error).message, o.logFile, proc.tail());
  }
  return {
    brokers,
    external: false,
    pid: proc.pid,
    stop: () => proc.stop(20_000),
    onExit: (cb) => proc.onExit(cb),
  };
}

/** Kafka from the Maven Central jars (one node), or external KAFKA_BROKERS. */
export async function startKafka(o: KafkaOptions): Promise<KafkaHandle> {
  if (o.externalBrokers) {
    await waitUntil('kafka', () => ping(o.externalBrokers!), { timeoutMs: o.timeoutMs }).catch((e: Error) => {
      throw new PartError('kafka', `无法连接外部 Kafka (KAFKA_BROKERS): ${e.message}`);
    });
    return { brokers: o.externalBrokers, external: true, stop: async () => undefined };
  }
  const node = { id: 1, port: o.port, controllerPort: o.controllerPort };
  return startKafkaNode({ ...o, node, voters: [node] });
}
