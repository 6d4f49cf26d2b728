import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { SearchAttributes } from '@pingyi/contracts';
import { PartError } from './errors';
import type { TemporalServerTools } from './install';
import { assertPartPortsFree, portOpen, sleep, waitUntil } from './net';
import { ManagedProcess } from './proc';
import type { PartHandle } from './supervisor';

/** The four roles of Temporal's server, each its own process, in start order. */
export const TEMPORAL_ROLES = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalRole = (typeof TEMPORAL_ROLES)[number];

export interface TemporalClusterOptions {
  tools: TemporalServerTools;
  dataDir: string;
  /** Frontend gRPC port (TEMPORAL_ADDRESS). */
  port: number;
  /** First of the roles' other ports: frontend HTTP and membership, then gRPC + membership of history, matching, worker, then metrics. */
  basePort: number;
  /** PostgreSQL of the stack: persistence in `temporal`, visibility in `temporal_visibility`. */
  pg: { host: string; port: number; user: string; password: string };
  shards: number;
  namespace: string;
  timeoutMs: number;
}

/** Ports of one role: gRPC, membership (ringpop), Prometheus metrics. */
export function rolePorts(o: Pick<TemporalClusterOptions, 'port' | 'basePort'>, role: TemporalRole) {
  const i = TEMPORAL_ROLES.indexOf(role);
  return {
    grpc: role === 'frontend' ? o.port : o.basePort + 2 + 2 * i,
    membership: o.basePort + 3 + 2 * i,
    metrics: o.basePort + 20 + i,
  };
}

/** The server's config (YAML is a superset of JSON): PostgreSQL 12+ persistence and SQL visibility, loopback ring. */
function serverConfig(o: TemporalClusterOptions, role: TemporalRole, dynamicConfig: string): unknown {
  const store = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${o.pg.host}:${o.pg.port}`,
      connectProtocol: 'tcp',
      user: o.pg.user,
      password: o.pg.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const services = Object.fromEntries(
    TEMPORAL_ROLES.map((r) => {
      const p = rolePorts(o, r);
      const rpc = { grpcPort: p.grpc, membershipPort: p.membership, bindOnLocalHost: true };
      return [r, { rpc: r === 'frontend' ? { ...rpc, httpPort: o.basePort } : rpc }];
    }),
  );
  return {
    log: { stdout: true, level: 'warn', format: 'json' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      numHistoryShards: o.shards,
      // Four processes share the stack's PostgreSQL (max_connections 200) with the services: 60 connections at most.
      datastores: { default: store('temporal', 10), visibility: store('temporal_visibility', 5) },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      metrics: {
        prometheus: {
          framework: 'tally',
          timerType: 'histogram',
          listenAddress: `127.0.0.1:${rolePorts(o, role).metrics}`,
        },
      },
    },
    services,
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${o.port}`,
          httpAddress: `127.0.0.1:${o.basePort}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    publicClient: { hostPort: `127.0.0.1:${o.port}` },
    dynamicConfigClient: { filepath: dynamicConfig, pollInterval: '10s' },
  };
}

/** What the code needs beyond the server defaults (the dev server sets the same). */
const DYNAMIC_CONFIG = [
  'frontend.enableUpdateWorkflowExecution:',
  '  - value: true',
  // Search attributes added at start-up are usable at once (the dev server's default too).
  'system.forceSearchAttributesCacheRefreshOnRead:',
  '  - value: true',
  'system.namespaceCacheRefreshInterval:',
  '  - value: 2s',
  '',
].join('\n');

/** Writes the per-role config files; returns the path of each. */
export function writeClusterConfig(o: TemporalClusterOptions): Record<TemporalRole, string> {
  mkdirSync(o.dataDir, { recursive: true });
  const dynamicConfig = join(o.dataDir, 'dynamicconfig.yaml');
  writeFileSync(dynamicConfig, DYNAMIC_CONFIG);
  const files = {} as Record<TemporalRole, string>;
  for (const role of TEMPORAL_ROLES) {
    files[role] = join(o.dataDir, `config-${role}.yaml`);
    writeFileSync(files[role], JSON.stringify(serverConfig(o, role, dynamicConfig), null, 2) + '\n');
  }
  return files;
}

/**
 * Creates the databases `temporal` and `temporal_visibility` and brings their schemas to the server's latest
 * version with the server's own SQL tool (embedded schema dirs postgresql/v12/{temporal,visibility}).
 */
export async function setupClusterSchema(o: TemporalClusterOptions, logFile: string): Promise<void> {
  const url = (db: string) =>
    `postgres://${o.pg.user}:${encodeURIComponent(o.pg.password)}@${o.pg.host}:${o.pg.port}/${db}`;
  const admin = new PgClient({ connectionString: url('postgres') });
  await admin.connect();
  try {
    for (const [db, schema] of [
      ['temporal', 'postgresql/v12/temporal'],
      ['temporal_visibility', 'postgresql/v12/visibility'],
    ] as const) {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [db]);
      if (exists.rowCount === 0) await admin.query(`create database "${db}"`);
      const c = new PgClient({ connectionString: url(db) });
      await c.connect();
      const versioned = await c
        .query("select 1 from information_schema.tables where table_name = 'schema_version'")
        .finally(() => c.end());
      const base = ['--plugin', 'postgres12', '--ep', o.pg.host, '-p', String(o.pg.port)];
      const args = [...base, '-u', o.pg.user, '--pw', o.pg.password, '--db', db];
      if (versioned.rowCount === 0) sqlTool(o, [...args, 'setup-schema', '-v', '0.0'], logFile);
      sqlTool(o, [...args, 'update-schema', '--schema-name', schema], logFile);
    }
  } finally {
    await admin.end();
  }
}

function sqlTool(o: TemporalClusterOptions, args: string[], logFile: string): void {
  const r = spawnSync(o.tools.sqlTool, args, { encoding: 'utf8' });
  const shown = args.map((a) => (a === o.pg.password ? '***' : a)).join(' ');
  writeFileSync(logFile, `$ temporal-sql-tool ${shown}\n${r.stdout ?? ''}${r.stderr ?? ''}\n`, { flag: 'a' });
  if (r.status !== 0)
    throw new PartError(
      'temporal',
      `temporal-sql-tool 退出码 ${r.status} (schema setup failed)`,
      logFile,
      r.stderr,
    );
}

export interface TemporalRoleHandle extends PartHandle {
  role: TemporalRole;
  pid?: number;
}

/** Starts one role's process and waits for its gRPC port (the frontend: for GetSystemInfo). */
export async function startTemporalRole(
  o: TemporalClusterOptions,
  role: TemporalRole,
  configFile: string,
  logFile: string,
): Promise<TemporalRoleHandle> {
  const p = rolePorts(o, role);
  const env = role === 'frontend' ? 'PINGYI_TEMPORAL_PORT' : 'PINGYI_TEMPORAL_CLUSTER_PORT';
  await assertPartPortsFree(
    `temporal-${role}`,
    [
      [p.grpc, env],
      [p.membership, 'PINGYI_TEMPORAL_CLUSTER_PORT'],
    ] as const,
    logFile,
  );
  const proc = new ManagedProcess({
    name: `temporal-${role}`,
    command: o.tools.server,
    args: ['--config-file', configFile, '--allow-no-auth', 'start', '--service', role],
    logFile,
    pidFile: join(o.dataDir, `${role}.pid`),
    marker: `config-${role}.yaml`,
  });
  proc.start();
  const probe =
    role === 'frontend'
      ? async () => {
          const c = await Connection.connect({ address: `127.0.0.1:${o.port}`, connectTimeout: '2s' });
          await c.workflowService.getSystemInfo({}).finally(() => c.close());
          return true;
        }
      : () => portOpen(p.grpc);
  try {
    await waitUntil(`temporal-${role}`, probe, { timeoutMs: o.timeoutMs, failFast: () => proc.exitReason() });
  } catch (e) {
    await proc.stop(3000);
    throw new PartError(`temporal-${role}`, (e as Error).message, logFile, proc.tail());
  }
  return {
    role,
    pid: proc.pid,
    stop: () => proc.stop(),
    onExit: (cb) => proc.onExit(cb),
  };
}

const INDEXED_VALUE_TYPE = { Keyword: 2 } as const;
type RetentionSeconds = NonNullable<
  NonNullable<
    Parameters<Connection['workflowService']['registerNamespace']>[0]['workflowExecutionRetentionPeriod']
  >['seconds']
>;

/** Registers the namespace (7-day retention) and the custom search attributes; waits until both are usable. */
export async function registerNamespace(o: TemporalClusterOptions): Promise<void> {
  const connection = await Connection.connect({ address: `127.0.0.1:${o.port}` });
  /** The call's answer once it succeeds (retried every 500 ms until the start timeout). */
  const waitFor = async <T>(call: () => Promise<T>): Promise<T> => {
    let out: T | undefined;
    await waitUntil('temporal namespace', async () => ((out = await call()), true), {
      timeoutMs: o.timeoutMs,
    });
    return out!;
  };
  try {
    const svc = connection.workflowService;
    const known = await svc.describeNamespace({ namespace: o.namespace }).then(
      () => true,
      () => false,
    );
    if (!known) {
      await svc.registerNamespace({
        namespace: o.namespace,
        // protobufjs takes a number for the Long field.
        workflowExecutionRetentionPeriod: { seconds: (7 * 24 * 3600) as unknown as RetentionSeconds },
      });
    }
    // Every role reads namespaces from a cache refreshed every 2 s (dynamic config above).
    const existing = await waitFor(() =>
      connection.operatorService.listSearchAttributes({ namespace: o.namespace }),
    );
    const missing = Object.values(SearchAttributes).filter((a) => !(a.name in existing.customAttributes));
    if (missing.length > 0) {
      await connection.operatorService.addSearchAttributes({
        namespace: o.namespace,
        searchAttributes: Object.fromEntries(missing.map((a) => [a.name, INDEXED_VALUE_TYPE[a.type]])),
      });
    }
    const q = `${SearchAttributes.campaignId.name} = 'ready-check'`;
    await waitFor(() => svc.listWorkflowExecutions({ namespace: o.namespace, query: q, pageSize: 1 }));
    // History and matching have their own namespace caches (same 2 s refresh).
    if (!known) await sleep(3000);
  } finally {
    await connection.close();
  }
}
