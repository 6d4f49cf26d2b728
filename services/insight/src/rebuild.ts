import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import type { Kafka } from 'kafkajs';
import { loadConfig } from '@pingyi/config';
import { EventEnvelope } from '@pingyi/contracts';
import { createKafka, ensureRetention } from '@pingyi/messaging';
import { INSIGHT_TOPICS } from './consumer/topics';
import { applyEvents } from './model/apply';
import { scoreQueued } from './perfunctory/apply-perfunctory';
import { sqlOf } from './model/pg-sql';
import { createRebuildTables, REBUILD_SCHEMA, SWAP_LOCK, swapIn } from './model/swap';

type Offsets = Map<string, bigint>;
const key = (topic: string, partition: number) => `${topic}/${partition}`;

/** The end of every partition of the topics now. */
async function ends(kafka: Kafka): Promise<Offsets> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const out: Offsets = new Map();
    for (const topic of INSIGHT_TOPICS)
      for (const p of await admin.fetchTopicOffsets(topic)) out.set(key(topic, p.partition), BigInt(p.high));
    return out;
  } finally {
    await admin.disconnect();
  }
}

/**
 * `npm run insight:rebuild`: replays the org and commitment topics from their beginning into fresh tables (schema
 * insight_rebuild), then, holding the swap lock (live applies wait), replays what arrived meanwhile and swaps the rows
 * in. The live consumer carries on from its own offsets; the rebuilt inbox skips what the rebuild already applied.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const kafka = createKafka({
    brokers: config.KAFKA_BROKERS,
    clientId: `${config.KAFKA_CLIENT_ID}-insight-rebuild`,
  });
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 3 });
  const db = await pool.connect();
  const lock = await pool.connect();
  const scorer = await pool.connect();
  await ensureRetention(kafka, INSIGHT_TOPICS);
  await createRebuildTables(db);
  const at: Offsets = new Map();
  const groupId = `insight.rebuild-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  for (const topic of INSIGHT_TOPICS) await consumer.subscribe({ topic, fromBeginning: true });
  let applied = 0;
  await consumer.run({
    eachBatch: async (b) => {
      const { batch } = b;
      const events = batch.messages
        .map((m) => EventEnvelope.safeParse(JSON.parse(m.value?.toString('utf8') ?? 'null')))
        .flatMap((p) => (p.success ? [p.data as EventEnvelope] : []));
      await db.query('begin');
      applied += await applyEvents(sqlOf(db), REBUILD_SCHEMA, events);
      await db.query('commit');
      const last = batch.messages.at(-1);
      if (last) at.set(key(batch.topic, batch.partition), BigInt(last.offset) + 1n);
      for (const m of batch.messages) b.resolveOffset(m.offset);
      await b.heartbeat();
    },
  });
  const caughtUp = async (target: Offsets) => {
    for (;;) {
      if ([...target].every(([k, end]) => end === 0n || (at.get(k) ?? 0n) >= end)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  await caughtUp(await ends(kafka));
  console.log(`insight rebuild: ${applied} events replayed; scoring their texts (防走过场)`);
  await drainScoring(scorer);
  console.log(`insight rebuild: swapping in`);
  await lock.query(`select pg_advisory_lock(hashtext($1))`, [SWAP_LOCK]);
  try {
    await caughtUp(await ends(kafka));
    await consumer.stop();
    await drainScoring(scorer);
    await swapIn(lock);
  } finally {
    await lock.query(`select pg_advisory_unlock(hashtext($1))`, [SWAP_LOCK]);
  }
  await consumer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.disconnect();
  db.release();
  lock.release();
  scorer.release();
  await pool.end();
  console.log(`insight rebuild: done (${applied} events applied)`);
}

/** Scores every text the replay queued, in the order applied (as the live scorer does), 200 per transaction. */
async function drainScoring(db: PoolClient): Promise<void> {
  let scored = 0;
  for (;;) {
    await db.query('begin');
    const n = await scoreQueued(sqlOf(db), REBUILD_SCHEMA, 200);
    await db.query('commit');
    if (n === 0) break;
    scored += n;
    if (scored % 2000 < n) console.log(`insight rebuild: ${scored} texts scored`);
  }
}

main().catch((e: unknown) => {
  console.error('insight rebuild failed / 重建失败:', e);
  process.exit(1);
});
