import { Client as PgClient } from 'pg';
import { gql } from './helpers';
import {
  driveToPublicity,
  eventually,
  fastSettings,
  openOne,
  type OrgWorld,
  type useWorld,
} from './lifecycle-fixtures';
import { Kafka, logLevel } from 'kafkajs';
import { Topic } from '@pingyi/contracts';
import { collectEvents } from './kafka-collector';
import { pidsOf } from './processes';

/** Progress steps driven through a disruption, with the accounting of what was acknowledged, applied and published. */

type World = ReturnType<typeof useWorld>;

export const SERVICES = [
  'services/org/dist/main.js',
  'services/org/dist/worker.js',
  'services/commitment/dist/main.js',
  'services/commitment/dist/worker.js',
  'services/gateway/dist/main.js',
];
const CLOSE = `mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`;
const PROGRESS = `mutation($id: ID!, $p: Int!, $n: String!) { reportProgress(commitmentId: $id, itemIndex: 0, percent: $p, note: $n) { ok } }`;

export const healthUrl = (name: 'gateway' | 'org' | 'commitment') => {
  const port = { gateway: 'GATEWAY_PORT', org: 'ORG_PORT', commitment: 'COMMITMENT_PORT' }[name];
  return `http://127.0.0.1:${process.env[port]}/health`;
};

export interface Health {
  status: number;
  body: { status?: string; failing?: { part: string; code: string; message: string }[] };
}
export async function health(url: string): Promise<Health> {
  const r = await fetch(url, { signal: AbortSignal.timeout(8000) });
  return { status: r.status, body: (await r.json()) as Health['body'] };
}

export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export function account(test: string, a: Record<string, number | string>): void {
  process.stdout.write(
    `\n[可靠性 reliability] ${test}\n${Object.entries(a)
      .map(([k, v]) => `  ${k.padEnd(14)}${v}`)
      .join('\n')}\n`,
  );
}

/** Each partition of the commitment topic with its high watermark, as `p:hw`. */
async function topicOffsets(): Promise<string> {
  const admin = new Kafka({
    clientId: 'e2e-offsets',
    brokers: process.env['KAFKA_BROKERS']!.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(Topic.commitment)).map((o) => `${o.partition}:${o.high}`).join(' ');
  } finally {
    await admin.disconnect();
  }
}

/** The highest offset the collector saw per partition, as `p:offset`. */
const lastOffsets = (events: { at: string }[]) => {
  const last = new Map<string, number>();
  for (const { at } of events) {
    const [p, o] = at.split(':');
    last.set(p!, Math.max(last.get(p!) ?? -1, Number(o)));
  }
  return [...last].map(([p, o]) => `${p}:${o}`).join(' ');
};

/** How many progress reports of a commitment carry this note. */
async function appliedNotes(id: string, note: string): Promise<number> {
  const pg = new PgClient({ connectionString: process.env['DATABASE_URL'] });
  await pg.connect();
  try {
    const q = await pg.query<{ n: number }>(
      `select count(*)::int n from commitment.progress where commitment_id = $1 and note = $2`,
      [id, note],
    );
    return q.rows[0]!.n;
  } finally {
    await pg.end();
  }
}

/** A commitment of this run in fulfilment, where `reportProgress` may be called again and again. */
async function inFulfilment(w: OrgWorld): Promise<{ id: string; token: string }> {
  const M = w.person('M');
  const sB = w.person('sB');
  const { commitmentId: id } = await openOne(w, { kind: 'member', id: M.id }, fastSettings());
  await driveToPublicity(id, M.token, sB.token);
  const closed = await gql(CLOSE, { id }, { token: sB.token });
  expect(closed.errors).toBeUndefined();
  return { id, token: M.token };
}

/**
 * `tried` progress steps, `lanes` (3) at a time, each with its own note; `disrupt` runs once `at` answers have come back
 * (`untilDisrupted`: steps go on past `tried` until every disruption has returned, so some are in flight at the fault
 * however long a disruption waits before it strikes). Then, once the stack is ready again, checks what was applied: each acknowledged step exactly once, each event
 * published and seen on Kafka once. Prints the accounting.
 */
export async function stepsThrough(
  ctx: World,
  test: string,
  o: {
    tried: number;
    at: number[];
    disrupt: () => Promise<unknown>;
    marker: string;
    lanes?: number;
    untilDisrupted?: boolean;
    /** When the fault struck (ms since the epoch), for the accounting's time to recover. */
    faultAt?: () => number;
  },
): Promise<{
  lost: string[];
  duplicated: number;
  eventsOut: number;
  eventsSeen: number;
  exited: number;
  outbox: string[];
}> {
  const { id, token } = await inFulfilment(ctx.w);
  const pidsBefore = SERVICES.flatMap((e) => pidsOf(e));
  expect(pidsBefore.length).toBe(SERVICES.length);
  const acknowledged: string[] = [];
  const failed: string[] = [];
  let next = 0;
  let disrupting = o.untilDisrupted ?? false;
  /** When each acknowledged step was sent and answered. */
  const acks: { sent: number; done: number }[] = [];
  const lane = async () => {
    while (next < o.tried || disrupting) {
      const n = `${o.marker}第${next++}步`;
      const sent = Date.now();
      const r = await gql(PROGRESS, { id, p: next % 100, n }, { token }).catch((e: Error) => ({
        errors: [{ message: e.message }],
      }));
      (r.errors ? failed : acknowledged).push(n);
      if (!r.errors) acks.push({ sent, done: Date.now() });
    }
  };
  const steps = Promise.all(Array.from({ length: o.lanes ?? 3 }, lane));
  const disruptions: unknown[] = [];
  for (const after of o.at) {
    await eventually(`${after} answers`, async () => acknowledged.length + failed.length >= after, 60_000);
    disruptions.push(await o.disrupt());
  }
  disrupting = false;
  await steps;
  const t0 = Date.now();
  await eventually('every /health ready', async () => (await health(healthUrl('gateway'))).status === 200);
  const recoverMs = Date.now() - t0;
  const after = await gql(PROGRESS, { id, p: 99, n: `${o.marker}之后` }, { token });
  // The first step after a fault may find its workflow's task still lost with the fault (it is retried after the task
  // timeout) and answer 已受理 (STEP_PENDING) at the deadline: that answer promises the step is recorded and taken.
  if (after.errors) {
    expect(after.errors.map((e) => e.extensions?.['code'])).toEqual(['STEP_PENDING']);
    await eventually('the step after the fault, answered 已受理, taken', async () =>
      appliedNotes(id, `${o.marker}之后`).then((n) => n === 1),
    );
  }
  // Time to recover as a person sees it: from the fault to the first answer of a step sent after it.
  const fault = o.faultAt?.();
  const recovered: Record<string, number> = fault
    ? {
        'fault→ack ms':
          Math.min(Date.now(), ...acks.filter((a) => a.sent >= fault).map((a) => a.done)) - fault,
      }
    : {};

  const pg = new PgClient({ connectionString: process.env['DATABASE_URL'] });
  await pg.connect();
  try {
    const rows = (
      await pg.query<{ note: string; n: number }>(
        `select note, count(*)::int n from commitment.progress where commitment_id = $1 and note like $2 group by note`,
        [id, `${o.marker}第%`],
      )
    ).rows;
    const applied = new Map(rows.map((r) => [r.note, r.n]));
    const outbox = (
      await pg.query<{ id: string }>(
        `select id from commitment.outbox_event where type = 'commitment.progress_reported'
          and envelope->'payload'->>'commitmentId' = $1`,
        [id],
      )
    ).rows.map((r) => r.id);
    const onKafka = () =>
      ctx.kafka.events.filter(
        (e) => e.type === 'commitment.progress_reported' && e.payload['commitmentId'] === id,
      );
    const seen = await eventually('every progress event on Kafka', async () => {
      const got = new Set(onKafka().map((e) => e.eventId));
      return outbox.every((x) => got.has(x)) && got;
    }).catch(async (e: Error) => {
      // Which side fell behind: the relay (rows not yet published) or the collector (published, not seen).
      const got = new Set(onKafka().map((x) => x.eventId));
      const missing = outbox.filter((x) => !got.has(x));
      const published = (
        await pg.query<{ n: number }>(
          `select count(*)::int n from commitment.outbox_event where id = any($1::uuid[]) and published_at is not null`,
          [missing],
        )
      ).rows[0]!.n;
      // And whether Kafka has them: a fresh consumer group reads the topic from the beginning.
      const fresh = await collectEvents(ctx.w.p);
      const inKafka = await eventually(
        'the missing events, read afresh',
        async () => {
          const ids = new Set(fresh.events.map((x) => x.eventId));
          return missing.every((x) => ids.has(x)) && missing.length;
        },
        20_000,
      )
        .catch(() => missing.filter((x) => fresh.events.some((f) => f.eventId === x)).length)
        .finally(() => fresh.consumer.disconnect());
      const offsets = await topicOffsets();
      throw new Error(
        `${e.message}: ${missing.length} of ${outbox.length} not seen, ${published} of them published by the relay, ` +
          `${inKafka} of them read by a fresh consumer group (it read ${fresh.events.length} of this run's events; ` +
          `partition:high watermark ${offsets}; the collector's last offsets ${lastOffsets(ctx.kafka.events)})`,
      );
    });
    // The relay publishes at least once (a crash between Kafka's ack and its mark republishes: a second offset), and a
    // consumer may be handed a message again (the same offset); consumers dedupe both by event id.
    const copies = new Set(onKafka().map((e) => e.at)).size - seen.size;
    const redelivered = onKafka().length - seen.size - copies;
    const r = {
      lost: acknowledged.filter((n) => !applied.has(n)),
      duplicated: rows.filter((x) => x.n > 1).length,
      eventsOut: outbox.length,
      eventsSeen: seen.size,
      exited: pidsBefore.filter((p) => !alive(p)).length,
      outbox,
    };
    account(test, {
      disruptions: disruptions.join(' + '),
      tried: next,
      acknowledged: acknowledged.length,
      'not acked': failed.length,
      applied: applied.size,
      lost: r.lost.length,
      duplicated: r.duplicated,
      'events out': r.eventsOut,
      'events seen': r.eventsSeen,
      'published 2×': copies,
      redelivered,
      exited: r.exited,
      'recover ms': recoverMs,
      ...recovered,
    });
    return r;
  } finally {
    await pg.end();
  }
}
