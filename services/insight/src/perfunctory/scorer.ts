import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Pool } from 'pg';
import type { AppConfig } from '@pingyi/config';
import { APP_CONFIG } from '@pingyi/nest';
import { ApplyBacklog } from '../consumer/apply-backlog';
import { SCHEMA } from '../model/ddl';
import { inSwapTransaction } from '../model/pg-sql';
import { scoreQueued } from './apply-perfunctory';

/** Held (per transaction) by the one replica scoring at a time: a text is compared with those scored before it. */
const SCORER_LOCK = 'pingyi-insight-perf-scorer';
/** Texts scored per transaction (≈ 10 ms each here). */
const BATCH = 50;
/** How often an empty queue is looked at again; the lag target is 1 s from the event. */
const IDLE_MS = 100;
/** While the consumer catches up on a backlog, one batch this often. */
const YIELD_MS = 2000;

/**
 * 防走过场: scores the texts the apply queued (`perf_queue`), oldest first, a batch per transaction under the swap lock
 * like the apply; while the consumer catches up on a backlog, a batch every 2 s only (the figures first). A batch that fails is tried again one text at a time; a text that fails alone three times (not for
 * want of the database) is logged and left out: it would hold every later text back.
 */
@Injectable()
export class PerfunctoryScorer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Perfunctory');
  private readonly pool: Pool;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly backlog: ApplyBacklog,
  ) {
    this.pool = new Pool({ connectionString: config.DATABASE_URL, max: 1 });
    this.pool.on('error', (e) => this.log.error(`scorer connection lost: ${e.message}`));
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.pool.end();
  }

  private async run(): Promise<void> {
    let batch = BATCH;
    let failures = 0;
    while (this.running) {
      try {
        const n = await this.scoreBatch(batch);
        failures = 0;
        batch = BATCH;
        if (n === 0) await sleep(IDLE_MS);
        else if (this.backlog.catchingUp) await sleep(YIELD_MS);
      } catch (e) {
        if (!transient(e)) failures += 1;
        this.log.error(`scoring failed (${failures}): ${(e as Error).message}`);
        if (batch === 1 && failures >= 3) await this.leaveOut().catch(() => undefined);
        batch = 1;
        await sleep(Math.min(5000, 200 * (failures + 1)));
      }
    }
  }

  private scoreBatch(limit: number): Promise<number> {
    return inSwapTransaction(this.pool, async (sql) => {
      const [lock] = await sql.query<{ ok: boolean }>(`select pg_try_advisory_xact_lock(hashtext($1)) ok`, [
        SCORER_LOCK,
      ]);
      return lock?.ok ? scoreQueued(sql, SCHEMA, limit) : 0;
    });
  }

  private leaveOut(): Promise<void> {
    return inSwapTransaction(this.pool, async (sql) => {
      const rows = await sql.query<{ event_id: string }>(
        `delete from ${SCHEMA}.perf_queue where seq = (select min(seq) from ${SCHEMA}.perf_queue) returning event_id`,
      );
      for (const r of rows) this.log.error(`text ${r.event_id} left unscored after three failures`);
    });
  }
}

/** The database out of reach or busy (connection, deadlock, resources, shutdown): no text is to blame. */
function transient(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return /connect|terminat|timeout/i.test((e as Error).message ?? '');
  return !/^[0-9A-Z]{5}$/.test(code) || /^(08|40|53|57|58)/.test(code);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
