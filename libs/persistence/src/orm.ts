import 'reflect-metadata';
import { MikroORM, PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ReflectMetadataProvider } from '@mikro-orm/core';
import { InboxEventSchema, OutboxEventSchema } from './outbox.entity';

export interface OrmOptions {
  clientUrl: string;
  /** The service's own PostgreSQL schema. */
  schema: string;
  entities: NonNullable<Options['entities']>;
  /** Compiled migrations folder (absolute path). */
  migrationsPath: string;
  poolMax?: number;
  debug?: boolean;
}

export function createOrmConfig(o: OrmOptions): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: o.clientUrl,
    schema: o.schema,
    entities: [...o.entities, OutboxEventSchema, InboxEventSchema],
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    debug: o.debug ?? false,
    allowGlobalContext: false,
    pool: { min: 0, max: o.poolMax ?? 10 },
    migrations: {
      path: o.migrationsPath,
      glob: '!(*.d).{js,ts}',
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
  };
}

/** Opens the ORM and brings the service's schema up to date. */
export async function openOrm(o: OrmOptions & { migrate?: boolean }): Promise<MikroORM> {
  const orm = await MikroORM.init(createOrmConfig(o));
  if (o.migrate ?? true) {
    await orm.em.getConnection().execute(`create schema if not exists "${o.schema}"`);
    await orm.getMigrator().up();
  }
  return orm;
}
