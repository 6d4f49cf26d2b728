import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { ZodError } from 'zod';
import type { EventEnvelope } from '@pingyi/contracts';
import type { AppConfig } from '@pingyi/config';
import type { BatchBacklog } from '@pingyi/messaging';
import { APP_CONFIG, EnvelopeConsumer, KAFKA } from '@pingyi/nest';
import { applyEvents, isApplied } from '../model/apply';
import { SCHEMA } from '../model/ddl';
import { inSwapTransaction } from '../model/pg-sql';
import { ApplyBacklog } from './apply-backlog';
import { INSIGHT_GROUP, INSIGHT_TOPICS } from './topics';

/**
 * Batches of this many partitions are applied at once, each in its own transaction on its own connection: the apply
 * waits mostly on PostgreSQL, and one connection keeps one core busy. They meet only at the rollup (see foldRollup).
 */
const APPLY_CONCURRENCY = 3;

/**
 * Feeds the read models from Kafka only. Messages of a partition are handled one after another and the key is the
 * aggregate id, so the events of a commitment (or unit, or campaign) are applied in order. A fetched batch of a
 * partition is applied in one transaction with its inbox rows (offsets committed after it), under a shared lock a
 * rebuild takes exclusively while it swaps the tables in.
 */
@Injectable()
export class InsightConsumer extends EnvelopeConsumer {
  /** Connections of its own (node-pg, without the ORM's query builder: the apply is a few statements per batch). */
  private readonly pool: Pool;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly backlog: ApplyBacklog,
  ) {
    super(
      {
        groupId: INSIGHT_GROUP,
        topics: INSIGHT_TOPICS,
        fromBeginning: true,
        partitionsConcurrently: APPLY_CONCURRENCY,
      },
      new Logger('Insight'),
      kafka,
      config,
    );
    this.pool = new Pool({ connectionString: config.DATABASE_URL, max: APPLY_CONCURRENCY });
    this.pool.on('error', (e) => this.log.error(`insight apply connection lost: ${e.message}`));
  }

  override async onApplicationShutdown(): Promise<void> {
    await super.onApplicationShutdown();
    await this.pool.end();
  }

  /** The whole batch in one transaction; if one of its events is refused by its schema, one by one instead. */
  override async handleBatch(events: EventEnvelope[], after?: BatchBacklog): Promise<void> {
    if (after) this.backlog.sawBatch(after.waiting);
    try {
      await this.apply(events);
    } catch (err) {
      if (!(err instanceof ZodError)) throw err;
      for (const e of events) await this.handle(e);
    }
  }

  async handle(e: EventEnvelope): Promise<void> {
    if (!isApplied(e.type)) return;
    try {
      await this.apply([e]);
    } catch (err) {
      // An event its schema refuses would be retried for ever: it is logged and passed by (nothing was written).
      if (!(err instanceof ZodError)) throw err;
      this.log.error(`skipping ${e.type} ${e.eventId}: ${err.message.slice(0, 500)}`);
    }
  }

  private async apply(events: EventEnvelope[]): Promise<void> {
    await inSwapTransaction(this.pool, (sql) => applyEvents(sql, SCHEMA, events));
  }
}
