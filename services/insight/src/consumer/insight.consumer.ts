import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Kafka } from 'kafkajs';
import { ZodError } from 'zod';
import type { EventEnvelope } from '@pingyi/contracts';
import type { AppConfig } from '@pingyi/config';
import { APP_CONFIG, EnvelopeConsumer, KAFKA } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import { applyEvent, isApplied } from '../model/apply';
import { SCHEMA } from '../model/ddl';
import { SWAP_LOCK } from '../model/swap';
import { INSIGHT_GROUP, INSIGHT_TOPICS } from './topics';

/**
 * Feeds the read models from Kafka only. Messages of a partition are handled one after another and the key is the
 * aggregate id, so the events of a commitment (or unit, or campaign) are applied in order. Each is applied in one
 * transaction with its inbox row, under a shared lock a rebuild takes exclusively while it swaps the tables in.
 */
@Injectable()
export class InsightConsumer extends EnvelopeConsumer {
  constructor(
    private readonly em: EntityManager,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(
      { groupId: INSIGHT_GROUP, topics: INSIGHT_TOPICS, fromBeginning: true },
      new Logger('Insight'),
      kafka,
      config,
    );
  }

  async handle(e: EventEnvelope): Promise<void> {
    if (!isApplied(e.type)) return;
    try {
      await this.em.fork().transactional(async (tx) => {
        const sql = emSql(tx);
        await sql.query(`select pg_advisory_xact_lock_shared(hashtext($1))`, [SWAP_LOCK]);
        await applyEvent(sql, SCHEMA, e);
      });
    } catch (err) {
      // An event its schema refuses would be retried for ever: it is logged and passed by (nothing was written).
      if (!(err instanceof ZodError)) throw err;
      this.log.error(`skipping ${e.type} ${e.eventId}: ${err.message.slice(0, 500)}`);
    }
  }
}
