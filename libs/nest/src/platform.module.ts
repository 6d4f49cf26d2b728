import {
  Controller,
  Get,
  Inject,
  Injectable,
  Logger,
  Module,
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
import {
  createIdempotentProducer,
  createKafka,
  ensureTopics,
  OutboxRelay,
  pingKafka,
} from '@pingyi/messaging';
import { connectTemporal, pingTemporal } from '@pingyi/temporal';
import { runHealthChecks } from './health';

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
  relay: OutboxRelay | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SERVICE_OPTIONS) private readonly o: ServiceOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, this.o.topics, {
      partitions: this.config.KAFKA_PARTITIONS,
      replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
    });
    this.pool = new Pool({ connectionString: this.config.DATABASE_URL, max: 2 });
    this.producer = createIdempotentProducer(this.kafka);
    await this.producer.connect();
    this.relay = new OutboxRelay({
      pool: this.pool,
      schema: this.o.schema,
      producer: this.producer,
      pollMs: this.config.OUTBOX_POLL_MS,
      logger: this.logger,
    });
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.producer?.disconnect();
    await this.pool?.end();
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
    @Inject(SERVICE_OPTIONS) private readonly o: ServiceOptions,
  ) {}

  @Get('health')
  async health(@Res() res: { status(code: number): { json(body: unknown): void } }): Promise<void> {
    const result = await runHealthChecks({
      database: async () => {
        await this.orm.em.getConnection().execute('select 1');
        return { schema: this.o.schema };
      },
      temporal: () => pingTemporal(this.temporal),
      kafka: () => pingKafka(this.kafka),
    });
    res.status(result.status === 'ok' ? 200 : 503).json({ service: this.o.name, ...result });
  }
}

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
