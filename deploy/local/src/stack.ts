import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startKafkaCluster, startTemporalCluster } from './cluster';
import { ensureKafka, ensureTemporal, ensureTemporalServer } from './install';
import { PartError } from './errors';
import { startKafka } from './kafka';
import { ensureMaildev, startMaildev } from './mail';
import { profileDir } from './paths';
import { startPostgres } from './postgres';
import { startService, type ServiceHandle, type ServiceSpec } from './services';
import { Supervisor, type PartHandle } from './supervisor';
import { startTemporal } from './temporal';

export type Profile = 'dev' | 'test';

export interface StackOptions {
  profile: Profile;
  /** Start the services (gateway, subgraphs, workers) too. */
  services: boolean;
  /** Temporal Web UI. */
  ui: boolean;
  /**
   * `cluster`: Temporal's own server (four role processes on PostgreSQL) and three Kafka brokers instead of the dev
   * server and one broker (`npm start -- --profile cluster`, PINGYI_PROFILE=cluster for the tests).
   */
  engines?: 'single' | 'cluster';
  /** Wipe data before starting and keep Temporal in memory (tests). */
  ephemeral: boolean;
  say?: (msg: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Data/log folder name under the cache (default: the profile). */
  instance?: string;
  /** Ports overriding the profile's defaults and the PINGYI_* variables. */
  ports?: Partial<StackPorts>;
  /**
   * Restart a part that dies, with back-off (`npm start`: true), or only the parts named; any other death is only
   * reported (tests restart services themselves). Either way each death is said and appended to `<logs>/launcher.log`.
   */
  supervise?: boolean | string[];
  /** A part kept dying: the stack has been stopped in order; the launcher should exit. */
  onGiveUp?: (reason: string) => void;
}

export interface StackPorts {
  postgres: number;
  temporal: number;
  temporalUi: number;
  kafka: number;
  kafkaController: number;
  gateway: number;
  org: number;
  commitment: number;
  /** The local SMTP server (maildev) and its page/REST API. */
  smtp: number;
  mailWeb: number;
  insight: number;
  /** Cluster engines: first port of the Temporal roles (frontend HTTP, membership, the other roles' gRPC, metrics). */
  temporalCluster: number;
  /** Cluster engines: first of the three brokers (controllers at +10). */
  kafkaCluster: number;
}

const DEFAULT_PORTS: Record<Profile, StackPorts> = {
  dev: {
    postgres: 54329,
    temporal: 7233,
    temporalUi: 8233,
    kafka: 9092,
    kafkaController: 9093,
    gateway: 4000,
    org: 4101,
    commitment: 4102,
    smtp: 1025,
    mailWeb: 1080,
    insight: 4103,
    temporalCluster: 7250,
    kafkaCluster: 9200,
  },
  test: {
    postgres: 54339,
    temporal: 7243,
    temporalUi: 8243,
    kafka: 9192,
    kafkaController: 9193,
    gateway: 4010,
    org: 4111,
    commitment: 4112,
    smtp: 1035,
    mailWeb: 1090,
    insight: 4113,
    temporalCluster: 7280,
    kafkaCluster: 9220,
  },
};

function num(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  return v ? Number(v) : fallback;
}

export function resolvePorts(profile: Profile, env: NodeJS.ProcessEnv): StackPorts {
  const d = DEFAULT_PORTS[profile];
  return {
    postgres: num(env, 'PINGYI_PG_PORT', d.postgres),
    temporal: num(env, 'PINGYI_TEMPORAL_PORT', d.temporal),
    temporalUi: num(env, 'PINGYI_TEMPORAL_UI_PORT', d.temporalUi),
    kafka: num(env, 'PINGYI_KAFKA_PORT', d.kafka),
    kafkaController: num(env, 'PINGYI_KAFKA_CONTROLLER_PORT', d.kafkaController),
    gateway: num(env, 'GATEWAY_PORT', d.gateway),
    org: num(env, 'ORG_PORT', d.org),
    commitment: num(env, 'COMMITMENT_PORT', d.commitment),
    smtp: num(env, 'PINGYI_SMTP_PORT', d.smtp),
    mailWeb: num(env, 'PINGYI_MAIL_WEB_PORT', d.mailWeb),
    insight: num(env, 'INSIGHT_PORT', d.insight),
    temporalCluster: num(env, 'PINGYI_TEMPORAL_CLUSTER_PORT', d.temporalCluster),
    kafkaCluster: num(env, 'PINGYI_KAFKA_CLUSTER_PORT', d.kafkaCluster),
  };
}

/** The services, in start order (subgraphs before workers before the gateway that composes them). */
export function serviceSpecs(p: StackPorts): ServiceSpec[] {
  return [
    { name: 'org', entry: 'services/org/dist/main.js', port: p.org },
    { name: 'org-worker', entry: 'services/org/dist/worker.js', readyLine: 'polling task queue' },
    { name: 'commitment', entry: 'services/commitment/dist/main.js', port: p.commitment },
    {
      name: 'commitment-worker',
      entry: 'services/commitment/dist/worker.js',
      readyLine: 'polling task queue',
    },
    { name: 'insight', entry: 'services/insight/dist/main.js', port: p.insight },
    { name: 'insight-worker', entry: 'services/insight/dist/worker.js', readyLine: 'polling task queue' },
    { name: 'gateway', entry: 'services/gateway/dist/main.js', port: p.gateway },
  ];
}

export interface Stack {
  ports: StackPorts;
  /** Environment for processes that use the stack (the services, tests). */
  env: Record<string, string>;
  /** `mail`: the local SMTP server's page (REST: `<mail>/email`); absent with an external SMTP_URL. */
  urls: { graphql: string; temporalUi?: string; mail?: string; health: Record<string, string> };
  logDir: string;
  stop(): Promise<void>;
}

/** `PINGYI_TRACE_DIR` for the services: as given (empty turns traces off), none with OTLP, else `dir`. */
export function traceEnv(env: NodeJS.ProcessEnv, dir: string): Record<string, string> {
  if (env['PINGYI_TRACE_DIR'] !== undefined) return { PINGYI_TRACE_DIR: env['PINGYI_TRACE_DIR'] };
  if (env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']) return {};
  return { PINGYI_TRACE_DIR: dir };
}

/**
 * Starts PostgreSQL, Temporal and Kafka (each local, or external when DATABASE_URL, TEMPORAL_ADDRESS or
 * KAFKA_BROKERS is set), then the services. On any failure, stops what it had started and rethrows.
 */
export async function startStack(o: StackOptions): Promise<Stack> {
  const env = o.env ?? process.env;
  const say = o.say ?? ((m: string) => console.log(m));
  const ports = { ...resolvePorts(o.profile, env), ...o.ports };
  const dir = profileDir(o.instance ?? o.profile);
  if (o.ephemeral) rmSync(dir, { recursive: true, force: true });
  const logDir = join(dir, 'logs');
  const runDir = join(dir, 'run');
  mkdirSync(logDir, { recursive: true });
  mkdirSync(runDir, { recursive: true });
  const timeoutMs = num(env, 'PINGYI_START_TIMEOUT_MS', 90_000);

  // Read once: a restart must not take the stack's own addresses (set into the environment by tests) for external ones.
  const external = {
    db: env['DATABASE_URL'],
    temporal: env['TEMPORAL_ADDRESS'],
    kafka: env['KAFKA_BROKERS'],
    smtp: env['SMTP_URL'],
  };
  const sup = new Supervisor({
    say,
    restart: o.supervise ?? false,
    eventLog: join(logDir, 'launcher.log'),
    onGiveUp: o.onGiveUp,
  });
  const stopAll = () => sup.stopAll();
  try {
    const cluster = o.engines === 'cluster';
    const temporalBin = env['TEMPORAL_ADDRESS'] || cluster ? undefined : ensureTemporal(say);
    const temporalServer = env['TEMPORAL_ADDRESS'] || !cluster ? undefined : ensureTemporalServer(say);
    const kafkaLibs = env['KAFKA_BROKERS'] ? undefined : ensureKafka(say);
    const maildev = external.smtp ? undefined : ensureMaildev(say);

    /** Starts one part under the supervisor, saying so; `ready` adds where it answers to the ready line. */
    const startPart = async <H extends PartHandle>(
      name: string,
      start: (logFile: string) => Promise<H>,
      ready: (h: H) => string = () => '',
    ): Promise<H> => {
      say(`[${name}] 启动中 (starting)…`);
      const logFile = join(logDir, `${name}.log`);
      let handle!: H;
      await sup.add({ name, logFile, start: async () => (handle = await start(logFile)) });
      const where = ready(handle);
      say(`[${name}] 就绪 (ready)${where ? ` ${where}` : ''}`);
      return handle;
    };

    const pg = await startPart(
      'postgres',
      (logFile) =>
        startPostgres({
          dataDir: join(dir, 'postgres'),
          logFile,
          port: ports.postgres,
          database: 'pingyi',
          timeoutMs,
          externalUrl: external.db,
        }),
      (h) => (h.external ? '外部 external' : `127.0.0.1:${ports.postgres}`),
    );

    const namespace = env['TEMPORAL_NAMESPACE'] ?? 'default';
    if (temporalServer && pg.external)
      throw new PartError(
        'temporal',
        '集群配置需用本地 PostgreSQL，或同时给出外部 TEMPORAL_ADDRESS (cluster engines need the local PostgreSQL)',
      );
    const clusterOptions = {
      startPart,
      dir,
      temporalServer: temporalServer!,
      kafkaLibs: kafkaLibs?.kafkaLibs ?? '',
      temporalPort: ports.temporal,
      temporalBasePort: ports.temporalCluster,
      kafkaBasePort: ports.kafkaCluster,
      pgPort: ports.postgres,
      namespace,
      timeoutMs,
    };
    const temporal = temporalServer
      ? { address: await startTemporalCluster(clusterOptions), uiUrl: undefined }
      : await startPart(
          'temporal',
          (logFile) =>
            startTemporal({
              binary: temporalBin?.temporal ?? '',
              dataDir: join(dir, 'temporal'),
              logFile,
              port: ports.temporal,
              uiPort: ports.temporalUi,
              ui: o.ui,
              persistent: !o.ephemeral,
              namespace,
              timeoutMs,
              externalAddress: external.temporal,
            }),
          (h) => h.address,
        );

    const kafka =
      cluster && kafkaLibs
        ? { brokers: await startKafkaCluster(clusterOptions) }
        : await startPart(
            'kafka',
            (logFile) =>
              startKafka({
                libs: kafkaLibs?.kafkaLibs ?? '',
                dataDir: join(dir, 'kafka'),
                logFile,
                port: ports.kafka,
                controllerPort: ports.kafkaController,
                timeoutMs,
                externalBrokers: external.kafka?.split(',').map((b) => b.trim()),
              }),
            (h) => h.brokers.join(','),
          );

    // Mail leaves through a real SMTP server: the organisation's relay when SMTP_URL is set, else the local maildev.
    const mail = maildev
      ? await startPart(
          'mail',
          (logFile) =>
            startMaildev({
              entry: maildev.maildevEntry,
              dataDir: join(dir, 'mail', 'messages'),
              logFile,
              smtpPort: ports.smtp,
              webPort: ports.mailWeb,
              timeoutMs,
            }),
          (h) => `${h.smtpUrl}，已发邮件 sent mail: ${h.webUrl}`,
        )
      : undefined;

    const serviceEnv: Record<string, string> = {
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: namespace,
      KAFKA_BROKERS: kafka.brokers.join(','),
      // Topics the services create are replicated to all three brokers of the cluster profile.
      ...(cluster && kafkaLibs ? { KAFKA_REPLICATION_FACTOR: '3' } : {}),
      GATEWAY_PORT: String(ports.gateway),
      ORG_PORT: String(ports.org),
      COMMITMENT_PORT: String(ports.commitment),
      SMTP_URL: mail?.smtpUrl ?? external.smtp ?? '',
      INSIGHT_PORT: String(ports.insight),
      // Said explicitly: the services refuse the published development secrets unless NODE_ENV is development or test.
      NODE_ENV: o.profile === 'test' ? 'test' : 'development',
      // Tests stand in for clients behind a proxy on loopback, so each can have its own address (X-Forwarded-For).
      ...(o.profile === 'test' ? { TRUSTED_PROXY: '127.0.0.1' } : {}),
      NO_COLOR: '1',
      // Spans as JSON lines under the stack's directory (README, Traces), unless an OTLP collector is named.
      ...traceEnv(env, join(dir, 'traces')),
    };
    if (o.services) {
      for (const spec of serviceSpecs(ports)) {
        await startPart(spec.name, (): Promise<ServiceHandle> =>
          startService(spec, { env: { ...env, ...serviceEnv }, logDir, runDir, timeoutMs }),
        );
      }
    }
    return {
      ports,
      env: serviceEnv,
      logDir,
      urls: {
        graphql: `http://127.0.0.1:${ports.gateway}/graphql`,
        temporalUi: temporal.uiUrl,
        mail: mail?.webUrl,
        health: {
          gateway: `http://127.0.0.1:${ports.gateway}/health`,
          org: `http://127.0.0.1:${ports.org}/health`,
          commitment: `http://127.0.0.1:${ports.commitment}/health`,
          insight: `http://127.0.0.1:${ports.insight}/health`,
        },
      },
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
