import { randomUUID } from 'node:crypto';
import { EntitySchema } from '@mikro-orm/core';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Kafka, KafkaJSProtocolError, logLevel, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { z } from 'zod';
import { defineEvent } from '@pingyi/contracts';
import {
  createIdempotentProducer,
  ensureTopics,
  OutboxRelay,
  startEnvelopeConsumer,
} from '@pingyi/messaging';
import {
  InboxEventSchema,
  OutboxEventSchema,
  handleOnce,
  outboxInboxSql,
  recordEvent,
} from '@pingyi/persistence';

const SCHEMA = 'e2e_outbox';
const TOPIC = `pingyi.e2e.outbox.${randomUUID().slice(0, 8)}`;

class Thing {
  id!: string;
  name!: string;
}
const ThingSchema = new EntitySchema<Thing>({
  class: Thing,
  tableName: 'thing',
  properties: { id: { type: 'uuid', primary: true }, name: { type: 'string' } },
});
const ThingRenamed = defineEvent({
  type: 'thing.renamed',
  schemaVersion: 1,
  topic: TOPIC,
  aggregateType: 'thing',
  payload: z.object({ name: z.string(), n: z.number() }),
});

describe('outbox, relay and inbox on the real PostgreSQL and Kafka', () => {
  let orm: MikroORM;
  let pool: Pool;
  const kafka = new Kafka({
    clientId: 'e2e-outbox',
    brokers: process.env['KAFKA_BROKERS']!.split(','),
    logLevel: logLevel.NOTHING,
  });

  beforeAll(async () => {
    pool = new Pool({ connectionString: process.env['DATABASE_URL'], max: 2 });
    await pool.query(`drop schema if exists ${SCHEMA} cascade; create schema ${SCHEMA}`);
    await pool.query(`create table ${SCHEMA}.thing (id uuid primary key, name text not null)`);
    for (const sql of outboxInboxSql(SCHEMA)) await pool.query(sql);
    orm = await MikroORM.init({
      driver: PostgreSqlDriver,
      clientUrl: process.env['DATABASE_URL'],
      schema: SCHEMA,
      entities: [ThingSchema, OutboxEventSchema, InboxEventSchema],
      allowGlobalContext: false,
    });
    await ensureTopics(kafka, [TOPIC], { partitions: 3, replicationFactor: 1 });
  });
  afterAll(async () => {
    await orm.close();
    await pool.end();
  });

  it('commits the state and its event together, or neither', async () => {
    const id = randomUUID();
    await orm.em.fork().transactional(async (em) => {
      em.persist(em.create(Thing, { id, name: 'a' }));
      recordEvent(em, ThingRenamed, { aggregateId: id, orgPath: 'bt.kdq', payload: { name: 'a', n: 0 } });
    });
    expect((await pool.query(`select 1 from ${SCHEMA}.thing where id = $1`, [id])).rowCount).toBe(1);
    expect(
      (await pool.query(`select 1 from ${SCHEMA}.outbox_event where message_key = $1`, [id])).rowCount,
    ).toBe(1);

    const failed = randomUUID();
    await expect(
      orm.em.fork().transactional(async (em) => {
        em.persist(em.create(Thing, { id: failed, name: 'b' }));
        recordEvent(em, ThingRenamed, {
          aggregateId: failed,
          orgPath: 'bt.kdq',
          payload: { name: 'b', n: 0 },
        });
        await em.flush();
        throw new Error('boom after flush');
      }),
    ).rejects.toThrow('boom');
    expect((await pool.query(`select 1 from ${SCHEMA}.thing where id = $1`, [failed])).rowCount).toBe(0);
    expect(
      (await pool.query(`select 1 from ${SCHEMA}.outbox_event where message_key = $1`, [failed])).rowCount,
    ).toBe(0);
  });

  it('rejects an event whose payload does not match its schema, before anything is written', () => {
    const em = orm.em.fork();
    expect(() =>
      recordEvent(em, ThingRenamed, { aggregateId: 'x', orgPath: 'bt', payload: { name: 1 } as never }),
    ).toThrow();
  });

  it('the relay publishes committed events in order per aggregate; a consumer handles each once', async () => {
    const id = randomUUID();
    for (let n = 1; n <= 20; n++) {
      await orm.em.fork().transactional(async (em) => {
        recordEvent(em, ThingRenamed, { aggregateId: id, orgPath: 'bt.kdq', payload: { name: `v${n}`, n } });
      });
    }
    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    const relay = new OutboxRelay({ pool, schema: SCHEMA, producer, pollMs: 50, batchSize: 7 });
    relay.start();

    const seen: number[] = [];
    const handled: number[] = [];
    const done = new Promise<void>((resolve) => {
      void startEnvelopeConsumer({
        kafka,
        groupId: `e2e-outbox-${randomUUID()}`,
        topics: [TOPIC],
        handle: async (e) => {
          if (e.aggregate.id !== id) return;
          const n = (e.payload as { n: number }).n;
          seen.push(n);
          // Deliver each event twice: the inbox must make the second a no-op.
          for (let i = 0; i < 2; i++) {
            await handleOnce(orm.em, 'e2e-consumer', e.eventId, async () => {
              handled.push(n);
            });
          }
          if (seen.length === 20) resolve();
        },
      }).then((c) => done.finally(() => c.disconnect()));
    });
    await done;
    await relay.stop();
    await producer.disconnect();
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(handled).toEqual(seen);
    const unpublished = await pool.query(
      `select count(*)::int as n from ${SCHEMA}.outbox_event where published_at is null`,
    );
    expect(unpublished.rows[0].n).toBe(0);
    const inbox = await pool.query(
      `select count(*)::int as n from ${SCHEMA}.inbox_event where consumer = 'e2e-consumer'`,
    );
    expect(inbox.rows[0].n).toBe(20);
  });

  it('a producer refused for its sequence numbers is replaced, and what it held back is published once more', async () => {
    const id = randomUUID();
    for (let n = 1; n <= 5; n++) {
      await orm.em.fork().transactional(async (em) => {
        recordEvent(em, ThingRenamed, { aggregateId: id, orgPath: 'bt.kdq', payload: { name: `v${n}`, n } });
      });
    }
    // The broker's answer after a failover in which kafkajs rolled back a sequence number the broker had kept.
    const stale = createIdempotentProducer(kafka);
    await stale.connect();
    const refused: Producer = {
      ...stale,
      sendBatch: () =>
        Promise.reject(
          new KafkaJSProtocolError(
            Object.assign(new Error('The broker received an out of order sequence number'), {
              type: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
              code: 45,
              retriable: false,
            }),
          ),
        ),
    };
    const renewed: Producer[] = [];
    const relay = new OutboxRelay({
      pool,
      schema: SCHEMA,
      producer: refused,
      renewProducer: async () => {
        const p = createIdempotentProducer(kafka);
        await p.connect();
        renewed.push(p);
        return p;
      },
      pollMs: 50,
    });
    relay.start();
    const unpublished = async () =>
      (
        await pool.query(
          `select count(*)::int as n from ${SCHEMA}.outbox_event
            where published_at is null and envelope->'aggregate'->>'id' = $1`,
          [id],
        )
      ).rows[0].n as number;
    const until = Date.now() + 30_000;
    while ((await unpublished()) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await relay.stop();
    await Promise.all(renewed.map((p) => p.disconnect()));
    expect(await unpublished()).toBe(0);
    expect(relay.renewals).toBe(1);
    const failed = await pool.query(
      `select count(*)::int as n from ${SCHEMA}.outbox_event
        where envelope->'aggregate'->>'id' = $1 and attempts = 2 and last_error is null`,
      [id],
    );
    expect(failed.rows[0].n).toBe(5);
  });

  it('a failing handler leaves no inbox row, so the event is handled on redelivery', async () => {
    const eventId = randomUUID();
    await expect(
      handleOnce(orm.em, 'e2e-failing', eventId, async () => {
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    let ran = 0;
    expect(await handleOnce(orm.em, 'e2e-failing', eventId, async () => void ran++)).toBe(true);
    expect(await handleOnce(orm.em, 'e2e-failing', eventId, async () => void ran++)).toBe(false);
    expect(ran).toBe(1);
  });
});
