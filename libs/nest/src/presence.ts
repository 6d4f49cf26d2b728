import { Client, type Pool } from 'pg';

export interface PresenceLogger {
  log(message: string): void;
  warn(message: string): void;
}

/** Logs a pooled connection's error (a terminated backend, 57P01; a restarted server) instead of crashing. */
export function guardPool(pool: Pool, label: string, logger: PresenceLogger): Pool {
  pool.on('error', (e: Error & { code?: string }) =>
    logger.warn(`${label}: 空闲数据库连接断开 (idle connection lost, ${e.code ?? 'no code'}): ${e.message}`),
  );
  return pool;
}

/** Lock namespace of worker presence ('PYIW'); the second key is a hash of the task queue. */
const PRESENCE_NS = 0x50594957;

export function presenceKey(taskQueue: string): number {
  let h = 0;
  for (const ch of taskQueue) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h & 0x7fffffff;
}

/** How many live worker processes hold the presence lock of `taskQueue` in this database (MikroORM `?` params). */
export const PRESENCE_SQL = `select count(*)::int n from pg_locks
  where locktype = 'advisory' and granted and mode = 'ShareLock'
    and database = (select oid from pg_database where datname = current_database())
    and classid = ?::bigint::oid and objid = ?::bigint::oid and objsubid = 2`;
export const presenceParams = (taskQueue: string) => [PRESENCE_NS, presenceKey(taskQueue)];

/**
 * Says "a worker process for these task queues is alive" for as long as the process lives: a shared advisory lock per
 * queue on a connection of its own. PostgreSQL drops the lock the moment the process dies (kill -9 included), so a
 * service's /health sees a dead worker at once (Temporal's poller list alone lags by up to a long poll, ~60 s).
 * A lost connection (terminated backend, restart) is reconnected with back-off.
 */
export class WorkerPresence {
  private client: Client | undefined;
  private stopped = false;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly taskQueues: string[],
    private readonly logger: PresenceLogger,
  ) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 5000 });
    this.client = client;
    let lost = false;
    const onLost = (why: string) => {
      if (lost) return;
      lost = true;
      if (!this.stopped) this.retry(why);
    };
    client.on('error', (e) => onLost(e.message));
    client.on('end', () => onLost('connection ended'));
    try {
      await client.connect();
      for (const q of this.taskQueues)
        await client.query('select pg_advisory_lock_shared($1, $2)', presenceParams(q));
      if (this.failures > 0) this.logger.log('worker presence re-established');
      this.failures = 0;
    } catch (e) {
      await client.end().catch(() => undefined);
      onLost((e as Error).message);
    }
  }

  private retry(why: string): void {
    this.failures++;
    const ms = Math.min(10_000, 250 * 2 ** Math.min(this.failures, 6));
    this.logger.warn(`worker presence connection lost (${why}); reconnecting in ${ms} ms`);
    this.timer = setTimeout(() => void this.connect(), ms);
  }
}
