import { join } from 'node:path';
import { Module, type OnApplicationBootstrap, Inject, Injectable, Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { KAFKA, PlatformModule, federatedGraphQLModule } from '@pingyi/nest';
import { ensureRetention } from '@pingyi/messaging';
import { TaskQueue } from '@pingyi/contracts';
import { ApplyBacklog } from './consumer/apply-backlog';
import { InsightConsumer } from './consumer/insight.consumer';
import { INSIGHT_TOPICS } from './consumer/topics';
import { InsightResolver } from './graphql/insight.resolver';
import { InsightService } from './graphql/insight.service';
import { SCHEMA } from './model/ddl';
import { ExportJobs } from './exports/export-jobs.service';
import { ExportsController } from './exports/exports.controller';
import { ExportsResolver } from './exports/exports.resolver';
import { PerfunctoryResolver } from './perfunctory/perfunctory.resolver';
import { StockPhrasesResolver } from './perfunctory/phrases.resolver';
import { PerfunctoryScorer } from './perfunctory/scorer';

/** The event topics keep every event (a rebuild replays them from the start): topics made before that are set so. */
@Injectable()
class TopicRetention implements OnApplicationBootstrap {
  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {}
  onApplicationBootstrap(): void {
    const log = new Logger('Retention');
    ensureRetention(this.kafka, INSIGHT_TOPICS).catch((e: unknown) =>
      log.warn(`topic retention not set yet: ${(e as Error).message}`),
    );
  }
}

@Module({
  imports: [
    PlatformModule.forService({
      name: 'insight',
      schema: SCHEMA,
      entities: [],
      migrationsPath: join(__dirname, 'migrations'),
      // Insight publishes nothing (no outbox topic); its export jobs run on task queue `insight` (dist/worker.js).
      topics: [],
      taskQueues: [TaskQueue.insight],
    }),
    federatedGraphQLModule(),
  ],
  controllers: [ExportsController],
  providers: [
    ApplyBacklog,
    InsightConsumer,
    InsightService,
    InsightResolver,
    TopicRetention,
    ExportJobs,
    ExportsResolver,
    PerfunctoryResolver,
    StockPhrasesResolver,
    PerfunctoryScorer,
  ],
})
export class AppModule {}
