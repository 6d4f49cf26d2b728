import {
  Controller,
  Get,
  Inject,
  Injectable,
  Logger,
  Module,
  Req,
  Res,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { loadConfig, type AppConfig } from '@pingyi/config';
import { createOrmConfig, type OrmOptions } from '@pingyi/persistence';
import { TaskQueue } from '@pingyi/contracts';
import { createIdempotentProducer, createKafka, ensureTopics, OutboxRelay } from '@pingyi/messaging';
import { connectTemporal } from '@pingyi/temporal';
import { guardPool } from './presence';
import {
  answerScrape,
  flushTraces,
  startMetrics,
  type ScrapeRequest,
  type ScrapeResponse,
} from '@pingyi/observability';
import { checkReadiness } from './readiness';
import { registerServiceGauges } from './service-metrics';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const KAFKA = Symbol('KAFKA');
export const SERVICE_OPTIONS = Symbol('SERVICE_OPTIONS');

export interface ServiceOptions {
  /** Service name, e.g. `commitment`. */
  name: string;
  /** Its PostgreSQL schema. */
  schema: string;
  entities: OrmOptions['entities'];
  migrationsPath: string;
  /** Topics its outbox publishes to. */
  topics: string[];
  /**
   * Task queues whose workers /health checks; by default every queue named after the service (`org`; `commitment`
   * and `commitment-launch`).
   */
  taskQueues?: string[];
}

export function serviceTaskQueues(o: Pick<ServiceOptions, 'name' | 'taskQueues'>): string[] {
  return (
    o.taskQueues ?? Object.values(TaskQueue).filter((q: string) => q === o.name || q.startsWith(`${o.name}-`))
  );
}

/** Brings the schema up to date before the service answers. */
@Injectable()
class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger('Migrations');
  constructor(
    private readonly orm: MikroORM,
    @Inject(SERVICE_OPTIONS) private readonly o: ServiceOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.orm.em.getConnection().execute(`create schema if not exists "${this.o.schema}"`);
    const done = await this.orm.getMigrator().up();
    if (done.length > 0) this.logger.log(`applied ${done.map((m) => m.name).join(', ')}`);
  }
}

/** Publishes this service's outbox to Kafka for as long as the service runs; drains on shutdown. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private pool: Pool | undefined;
  private producer: Producer | undefined;
  private starting: Promise<void> | undefined;
  private stopped = false;
  private startFailures = 0;
  private lastError: string | undefined;
  relay: OutboxRelay | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SERVICE_OPTIONS) private readonly o: ServiceOptions,
  ) {}

  /**
   * Starts in the background and keeps trying until Kafka answers: the service serves HTTP (and /health says why it
   * is not ready) meanwhile; committed rows wait in the outbox.
   */
  onApplicationBootstrap(): void {
    this.pool = guardPool(
      new Pool({ connectionString: this.config.DATABASE_URL, max: 2 }),
      `outbox relay (${this.o.schema})`,
      this.logger,
    );
    this.starting = this.startUntilRunning();
  }

  /** For /health. */
  get state(): { running: boolean; failures: number; error?: string } {
    return {
      running: !!this.relay,
      failures: this.relay?.failures ?? this.startFailures,
      error: this.lastError,
    };
  }

  private async startUntilRunning(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await ensureTopics(this.kafka, this.o.topics, {
          partitions: this.config.KAFKA_PARTITIONS,
          replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
        });
        const producer = createIdempotentProducer(this.kafka);
        this.producer = producer;
        await producer.connect();
        if (this.stopped || !this.pool) return;
        this.relay = new OutboxRelay({
          pool: this.pool,
          schema: this.o.schema,
          producer,
          renewProducer: async () => {
            const renewed = createIdempotentProducer(this.kafka);
            await renewed.connect();
            this.producer = renewed;
            return renewed;
          },
          pollMs: this.config.OUTBOX_POLL_MS,
          logger: this.logger,
        });
        this.relay.start();
        this.lastError = undefined;
        return;
      } catch (e) {
        this.startFailures = attempt;
        this.lastError = (e as Error).message;
        this.logger.warn(`outbox relay not started (attempt ${attempt}): ${this.lastError}; retrying`);
        await this.producer?.disconnect().catch(() => undefined);
        await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * attempt)));
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.starting;
    await this.relay?.stop();
    await this.producer?.disconnect();
    await this.pool?.end();
    // The spans of what was just drained, and of the last requests, before the process exits.
    await flushTraces();
  }
}

@Injectable()
class TemporalClientCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

@Controller()
class HealthController {
  constructor(
    private readonly orm: MikroORM,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SERVICE_OPTIONS) private readonly o: ServiceOptions,
    private readonly relay: OutboxRelayService,
  ) {
    startMetrics(o.name);
    registerServiceGauges({ orm, kafka, schema: o.schema });
  }

  /** Prometheus metrics (for scrapers inside the cluster only). */
  @Get('metrics')
  async metrics(@Req() req: ScrapeRequest, @Res() res: ScrapeResponse): Promise<void> {
    await answerScrape(req, res);
  }

  /** Readiness: 200 when every dependency and worker is ready, else 503 naming each failing part (code, why). */
  @Get('health')
  async health(@Res() res: HttpResponse): Promise<void> {
    const result = await checkReadiness({
      orm: this.orm,
      temporal: this.temporal,
      namespace: this.config.TEMPORAL_NAMESPACE,
      kafka: this.kafka,
      schema: this.o.schema,
      taskQueues: serviceTaskQueues(this.o),
      relay: this.relay.state,
    });
    res.status(result.status === 'ok' ? 200 : 503).json({ service: this.o.name, ...result });
  }

  /** Liveness: the process serves HTTP. */
  @Get('health/live')
  live(@Res() res: HttpResponse): void {
    res.status(200).json({ service: this.o.name, status: 'live', pid: process.pid });
  }
}

type HttpResponse = { status(code: number): { json(body: unknown): void } };

/** Database (own schema, migrations), Temporal client, Kafka, outbox relay and /health for one service. */
@Module({})
export class PlatformModule {
  static forService(o: ServiceOptions): DynamicModule {
    const config = loadConfig();
    return {
      module: PlatformModule,
      global: true,
      imports: [
        MikroOrmModule.forRoot({
          ...createOrmConfig({
            clientUrl: config.DATABASE_URL,
            schema: o.schema,
            entities: o.entities,
            migrationsPath: o.migrationsPath,
          }),
          registerRequestContext: true,
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_OPTIONS, useValue: o },
        { provide: APP_CONFIG, useValue: config },
        {
          provide: TEMPORAL_CLIENT,
          useFactory: () =>
            connectTemporal({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE }),
        },
        {
          provide: KAFKA,
          useFactory: () =>
            createKafka({ brokers: config.KAFKA_BROKERS, clientId: `${config.KAFKA_CLIENT_ID}-${o.name}` }),
        },
        MigrationRunner,
        OutboxRelayService,
        TemporalClientCloser,
      ],
      exports: [APP_CONFIG, TEMPORAL_CLIENT, KAFKA, OutboxRelayService],
    };
  }
}
