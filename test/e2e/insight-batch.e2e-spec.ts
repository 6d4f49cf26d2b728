import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { LifecycleEvents, Topic, type LifecycleEventType } from '@pingyi/contracts';
import { eventMessage } from '@pingyi/messaging';
import { buildEnvelope } from '@pingyi/persistence';
import { eventually } from './lifecycle-fixtures';

/**
 * Issue 17 (bench:insight): the insight consumer applies a fetched batch in one transaction. Every event is still
 * applied exactly once — an id twice in one batch, an event redelivered in a later batch, and a batch holding an event
 * its schema refuses (the batch is then applied one by one and only that event passed by).
 */
describe('insight consumer: batches applied once (issue 17)', () => {
  const pg = new PgClient({ connectionString: process.env['DATABASE_URL'] });
  const kafka = new Kafka({
    clientId: 'e2e-insight-batch',
    brokers: process.env['KAFKA_BROKERS']!.split(','),
    logLevel: logLevel.NOTHING,
  });
  let producer: Producer;
  const campaignId = `e2e-batch-${randomUUID().slice(0, 8)}`;
  const commitmentId = randomUUID();
  const orgPath = 'ebatch.c1.b1';

  const event = (
    type: LifecycleEventType,
    data: Record<string, unknown>,
    eventId: string = randomUUID(),
    of: { id: string; path: string } = { id: commitmentId, path: orgPath },
  ) =>
    buildEnvelope(LifecycleEvents[type], {
      aggregateId: of.id,
      orgPath: of.path,
      eventId,
      payload: {
        commitmentId: of.id,
        campaignId,
        subjectId: 's-1',
        subjectKind: 'member',
        stage: 'publicity',
        rectificationId: null,
        actorId: null,
        data,
      },
    });
  const objection = (eventId?: string) =>
    event('commitment.objection_raised', { content: '异议', count: 1 }, eventId);
  type Envelope = ReturnType<typeof event>;
  /** One send under one key: one record batch on one partition, fetched by the consumer together. */
  const send = (events: Envelope[]) =>
    producer.send({ topic: Topic.commitment, messages: events.map((e) => eventMessage(commitmentId, e)) });
  const applied = async (ids: string[]) =>
    (
      await pg.query<{ event_id: string; tx: string }>(
        `select event_id, xmin::text tx from insight.applied_event where event_id = any($1::uuid[])`,
        [ids],
      )
    ).rows;
  const objections = async () =>
    (
      await pg.query<{ n: number }>(`select objections n from insight.commitment_fact where id = $1`, [
        commitmentId,
      ])
    ).rows[0]?.n;

  beforeAll(async () => {
    await pg.connect();
    producer = kafka.producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
    await pg.end();
  });

  it('applies a batch in one transaction, each event once, and passes by only an event its schema refuses', async () => {
    const opened = event('commitment.opened', {
      subject: { kind: 'member', id: 's-1', name: '批量测试', orgPath },
      campaignId,
      settings: {},
      reviewer: null,
    });
    const [a, b] = [objection(), objection()];
    // Batch 1: an id twice in one batch.
    await send([opened, a, { ...a }, b]);
    const first = await eventually('batch 1 applied', async () => {
      const rows = await applied([opened.eventId, a.eventId, b.eventId]);
      return rows.length === 3 && rows;
    });
    expect(new Set(first.map((r) => r.tx)).size).toBe(1); // one transaction for the batch
    expect(await objections()).toBe(2);

    // Batch 2: a redelivered event, one its schema refuses (no `content`), and a new one.
    const refused = event('commitment.objection_raised', { count: 1 });
    const c = objection();
    await send([{ ...a }, refused, c]);
    await eventually('batch 2 applied', async () => (await applied([c.eventId])).length === 1);
    expect(await applied([refused.eventId])).toEqual([]);
    expect(await objections()).toBe(3);

    // Batch 3: every event of it redelivered, and one more.
    const d = objection();
    await send([opened, a, b, c, d]);
    await eventually('batch 3 applied', async () => (await applied([d.eventId])).length === 1);
    expect(await objections()).toBe(4);
    const rows = await pg.query<{ n: number }>(
      `select count(*)::int n from insight.commitment_fact where campaign_id = $1`,
      [campaignId],
    );
    expect(rows.rows[0]!.n).toBe(1);
  }, 120_000);

  it('applies a batch set-based: each commitment in order, and the node rollup the panels sum follows', async () => {
    // Two commitments' events interleaved in one batch; the first moves to another branch between its objections.
    const x = { id: randomUUID(), path: 'ebatch.c1.b2' };
    const y = { id: randomUUID(), path: 'ebatch.c1.b3' };
    const moved = { ...x, path: 'ebatch.c1.b4' };
    const opened = (c: { id: string; path: string }, name: string) =>
      event(
        'commitment.opened',
        {
          subject: { kind: 'member', id: name, name, orgPath: c.path },
          campaignId,
          settings: {},
          reviewer: null,
        },
        undefined,
        c,
      );
    const raise = (c: { id: string; path: string }) =>
      event('commitment.objection_raised', { content: '异议', count: 1 }, undefined, c);
    const last = raise(moved);
    await send([opened(x, '甲'), opened(y, '乙'), raise(x), raise(y), raise(moved), last]);
    await eventually('batch applied', async () => (await applied([last.eventId])).length === 1);
    const facts = await pg.query<{ id: string; org_path: string; objections: number }>(
      `select id, org_path, objections from insight.commitment_fact where id = any($1::uuid[]) order by org_path`,
      [[x.id, y.id]],
    );
    expect(facts.rows).toEqual([
      { id: y.id, org_path: y.path, objections: 1 },
      { id: x.id, org_path: moved.path, objections: 3 },
    ]);
    const rollup = await pg.query<{ org_path: string; k: string; n: string }>(
      `select org_path, k, n from insight.node_rollup where campaign_id = $1 and org_path <> $2 order by 1, 2`,
      [campaignId, orgPath],
    );
    expect(rollup.rows.map((r) => [r.org_path, r.k, Number(r.n)])).toEqual([
      [y.path, 'objected:publicity', 1],
      [y.path, 'objections:publicity', 1],
      [y.path, 'stage:publicity', 1],
      [moved.path, 'objected:publicity', 1],
      [moved.path, 'objections:publicity', 3],
      [moved.path, 'stage:publicity', 1],
    ]);
  }, 120_000);
});
