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

async function ping(brokers: string[]): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'pingyi-launcher',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const c = await admin.describeCluster();
    return c.brokers.length > 0 && c.controller !== null;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Single-node KRaft broker+controller, replication factors set for one broker. */
function serverProperties(o: KafkaOptions): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${o.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${o.port},CONTROLLER://127.0.0.1:${o.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${o.port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${join(o.dataDir, 'data')}`,
    'num.partitions=3',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    'log.retention.hours=168',
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

/** Kafka from the Maven Central jars, run with the machine's Java, or external KAFKA_BROKERS. */
export async function startKafka(o: KafkaOptions): Promise<KafkaHandle> {
  if (o.externalBrokers) {
    await waitUntil('kafka', () => ping(o.externalBrokers!), { timeoutMs: o.timeoutMs }).catch((e: Error) => {
      throw new PartError('kafka', `无法连接外部 Kafka (KAFKA_BROKERS): ${e.message}`);
    });
    return { brokers: o.externalBrokers, external: true, stop: async () => undefined };
  }
  await assertPartPortsFree(
    'kafka',
    [
      [o.port, 'PINGYI_KAFKA_PORT'],
      [o.controllerPort, 'PINGYI_KAFKA_CONTROLLER_PORT'],
    ] as const,
    o.logFile,
  );
  mkdirSync(o.dataDir, { recursive: true });
  const props = join(o.dataDir, 'server.properties');
  const log4j = join(o.dataDir, 'log4j2.properties');
  writeFileSync(props, serverProperties(o));
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
      throw new PartError('kafka', `存储格式化失败 (storage format failed)`, o.logFile, r.stderr);
  }
  const proc = new ManagedProcess({
    name: 'kafka',
    command: 'java',
    args: [...jvm, '-cp', classpath, 'kafka.Kafka', props],
    logFile: o.logFile,
    pidFile: join(o.dataDir, 'kafka.pid'),
    marker: 'kafka.Kafka',
  });
  proc.start();
  const brokers = [`127.0.0.1:${o.port}`];
  try {
    await waitUntil('kafka', () => ping(brokers), {
      timeoutMs: o.timeoutMs,
      failFast: () => proc.exitReason(),
    });
  } catch (e) {
    await proc.stop(3000);
    throw new PartError('kafka', (e as Error).message, o.logFile, proc.tail());
  }
  return { brokers, external: false, stop: () => proc.stop(20_000), onExit: (cb) => proc.onExit(cb) };
}
