/* npm run bench:insight [-- --opened M --commitments N] — the insight consumer on the real stack (README,
   Benchmarks): a Baotou-size tree seeded through the org service (its events relayed to Kafka as always), then a
   campaign's history written straight onto the commitment topic (insight-events.ts): M commitments opened, N of them
   through their whole lifecycle. Measured in the same run: events/s applied by insight against a consumer that only
   reads and discards the same messages; event → dashboard lag while a lifecycle load runs; dashboard and ranking p95
   through the gateway at every level; insight RSS. The 承诺台账 XLSX is bench:exports. */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client as PgClient } from 'pg';
import type { Kafka, Message, Producer } from 'kafkajs';
import { mintAccessToken } from '@pingyi/auth';
import { loadConfig } from '@pingyi/config';
import { Topic } from '@pingyi/contracts';
import { profileDir, startStack, type Stack } from '@pingyi/local-stack';
import { consumerLag, createIdempotentProducer, createKafka } from '@pingyi/messaging';
import { openOrgOrm, seedPreset, type PresetName } from '@pingyi/seed';
import { peakSampler, rssOf } from './bench-util';
import {
  campaignMessage,
  lifecycleSteps,
  produceHistory,
  stepMessage,
  type BenchSubject,
} from './insight-events';
import { measureQueries, probeLag, reviewScoring } from './insight-probes';

const { values: args } = parseArgs({
  options: {
    preset: { type: 'string', default: 'baotou' },
    /** Subjects whose commitment is opened, spread evenly over the tree; 0: all of the preset (174,535 for Baotou). */
    opened: { type: 'string', default: '40000' },
    /** Of these, how many run through their whole lifecycle (spread evenly). */
    commitments: { type: 'string', default: '2000' },
    /** Events per second of the lifecycle load during the lag probes, and how long it runs. */
    rate: { type: 'string', default: '100' },
    'load-seconds': { type: 'string', default: '60' },
    /** Timed requests per panel and level. */
    queries: { type: 'string', default: '40' },
  },
});
const INSTANCE = 'bench-insight';
const INSIGHT = join(process.cwd(), 'services/insight/dist/main.js');
const GROUP = 'insight.read-models';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmt = (n: number) => Math.round(n).toLocaleString('en');

async function lagOf(kafka: Kafka, group: string, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await consumerLag(admin, group, topic);
  } finally {
    await admin.disconnect();
  }
}

/** Waits until `group` has consumed everything on `topic`; returns the ms from its first progress to the end. */
async function drain(
  kafka: Kafka,
  topic: string,
  onTick: () => void,
): Promise<{ ms: number; messages: number }> {
  const first = await lagOf(kafka, GROUP, topic);
  let started: number | undefined;
  let lag = first;
  while (lag > 0) {
    await sleep(250);
    lag = await lagOf(kafka, GROUP, topic);
    if (started === undefined && lag < first) started = Date.now() - 125;
    onTick();
    process.stdout.write(`\r  insight lag ${fmt(lag)} of ${fmt(first)}     `);
  }
  process.stdout.write('\n');
  return { ms: Date.now() - (started ?? Date.now()), messages: first };
}

/** A consumer that reads every message of `topic` (decoding its JSON) and discards it: messages/s. */
async function discardBaseline(kafka: Kafka, topic: string, total: number): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-discard-${Date.now()}`, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let n = 0;
  let first = 0;
  const done = new Promise<number>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        first ||= Date.now();
        for (const m of batch.messages) JSON.parse(m.value?.toString('utf8') ?? 'null');
        n += batch.messages.length;
        if (n >= total) resolve(Date.now());
      },
    });
  });
  const end = await done;
  await consumer.disconnect();
  return n / ((end - first) / 1000);
}

/** Sends lifecycles of another campaign at `rate` events/s until stopped (the load during the lag probes). */
function lifecycleLoad(
  producer: Producer,
  subjects: BenchSubject[],
  rate: number,
): { stop(): Promise<number>; reviewsSentAt: Map<string, number> } {
  const campaignId = `bench-load-${Date.now()}`;
  const reviewsSentAt = new Map<string, number>();
  // Step by step across groups of 50 subjects, so each commitment's events keep their order.
  const queue: Message[] = [];
  for (let g = 0; g < subjects.length; g += 50) {
    const group = subjects
      .slice(g, g + 50)
      .map((s, k) => ({ s, steps: lifecycleSteps(g + k, s, campaignId) }));
    for (let step = 0; step < 30; step += 1)
      for (const { s, steps } of group)
        if (steps[step]) queue.push(stepMessage(campaignId, s, steps[step]!, new Date()));
  }
  let sent = 0;
  let stopped = false;
  const run = (async () => {
    await producer.send({
      topic: Topic.commitment,
      messages: [campaignMessage(campaignId, subjects[0]!.path, 0)],
    });
    const t0 = Date.now();
    while (!stopped && sent < queue.length) {
      const due = Math.min(queue.length, Math.floor(((Date.now() - t0) / 1000) * rate));
      if (due > sent) {
        const batch = queue.slice(sent, due);
        const at = Date.now();
        await producer.send({ topic: Topic.commitment, messages: batch });
        for (const m of batch) {
          const e = JSON.parse(String(m.value)) as { eventId: string; type: string };
          if (e.type === 'review.submitted') reviewsSentAt.set(e.eventId, at);
        }
      }
      sent = due;
      await sleep(50);
    }
  })();
  return {
    reviewsSentAt,
    stop: async () => {
      stopped = true;
      await run;
      return sent;
    },
  };
}

/** Stops the stack's insight service (it leaves its group cleanly), and starts it again later on its own. */
function insightControl(stack: Stack): {
  stop(): Promise<void>;
  start(): Promise<void>;
  end(): Promise<void>;
} {
  let child: ChildProcess | undefined;
  const gone = async (pid: number) => {
    for (;;) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await sleep(100);
    }
  };
  return {
    stop: async () => {
      const pid = Number(readFileSync(join(profileDir(INSTANCE), 'run', 'insight.pid'), 'utf8'));
      process.kill(pid, 'SIGTERM');
      await gone(pid);
    },
    start: async () => {
      const log = openSync(join(stack.logDir, 'insight-bench.log'), 'a');
      // BENCH_INSIGHT_CPU_PROF=<dir>: insight's CPU profile (node --cpu-prof), written there when it stops.
      const prof = process.env['BENCH_INSIGHT_CPU_PROF'];
      const flags = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [];
      child = spawn(process.execPath, [...flags, '--enable-source-maps', INSIGHT], {
        env: { ...process.env, ...stack.env },
        stdio: ['ignore', log, log],
      });
      for (;;) {
        const ok = await fetch(stack.urls.health['insight']!).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        await sleep(200);
      }
    },
    end: async () => {
      if (!child?.pid || child.exitCode !== null) return;
      child.kill('SIGTERM');
      await gone(child.pid);
    },
  };
}

async function main(): Promise<void> {
  const stack = await startStack({
    profile: 'test',
    instance: INSTANCE,
    services: true,
    ui: false,
    ephemeral: true,
    say: () => undefined,
  });
  const insight = insightControl(stack);
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(
      sig,
      () => void insight.end().finally(() => void stack.stop().finally(() => process.exit(130))),
    );
  const config = loadConfig(stack.env);
  const pg = new PgClient({ connectionString: stack.env['DATABASE_URL'] });
  await pg.connect();
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'bench-insight' });
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  try {
    const t0 = Date.now();
    const orm = await openOrgOrm(stack.env['DATABASE_URL']!);
    const seeded = await seedPreset(orm, {
      preset: args.preset as PresetName,
      pepper: config.ID_NUMBER_PEPPER,
    });
    await orm.close();
    for (;;) {
      const { n } = (
        await pg.query<{ n: number }>(
          `select count(*)::int n from org.outbox_event where published_at is null`,
        )
      ).rows[0]!;
      if (n === 0 && (await lagOf(kafka, GROUP, Topic.org)) === 0) break;
      await sleep(1000);
    }
    console.log(
      `preset ${args.preset}: ${fmt(seeded.units.inserted)} units, ${fmt(seeded.members.inserted)} members seeded ` +
        `and their org events applied by insight in ${secs(Date.now() - t0)}`,
    );
    const registry = (
      await pg.query<BenchSubject>(
        `select * from (
           select m.id, 'member' kind, m.name, m.branch_path::text path, m.branch_id "unitId",
                  s.id "reviewerId", s.name "reviewerName"
             from org.member m join org.unit u on u.id = m.branch_id left join org.member s on s.id = u.secretary_id
            where m.status = 'active'
           union all
           select u.id, 'unit', u.name, u.path::text, u.id, s.id, s.name
             from org.unit u left join org.unit p on p.id = u.parent_id left join org.member s on s.id = p.secretary_id
            where u.status = 'active') x order by path, id`,
      )
    ).rows;
    // Every subject's commitment is opened; every `stride`-th (N in all) runs its whole lifecycle.
    const M = Number(args.opened) > 0 ? Math.min(registry.length, Number(args.opened)) : registry.length;
    const all = Array.from({ length: M }, (_, k) => registry[Math.floor((k * registry.length) / M)]!);
    const N = Math.min(all.length, Number(args.commitments));
    const stride = all.length / N;
    const full = (i: number) => Math.floor(i / stride) !== Math.floor((i + 1) / stride);
    const campaignId = `bench-${Date.now()}`;
    const root = all[0]!.path.split('.')[0]!;

    // The history goes onto the topic while insight is stopped, so that its apply is timed alone.
    await insight.stop();
    const tp = Date.now();
    await producer.send({
      topic: Topic.commitment,
      messages: [campaignMessage(campaignId, root, all.length)],
    });
    const events =
      1 +
      (await produceHistory(producer, campaignId, all, full, new Date('2026-03-01T01:00:00Z'), (n) =>
        process.stdout.write(`\r  produced ${fmt(n)} events`),
      ));
    process.stdout.write('\n');
    const perLifecycle = (events - all.length) / N + 1;
    console.log(
      `history: ${fmt(all.length)} commitments opened, ${fmt(N)} of them through their lifecycle ` +
        `(${perLifecycle.toFixed(1)} events each): ${fmt(events)} events produced in ${secs(Date.now() - tp)}`,
    );
    const discard = await discardBaseline(kafka, Topic.commitment, events);
    console.log(`baseline (read, JSON-decode, discard): ${fmt(discard)} events/s`);

    const rss = peakSampler(() => rssOf(INSIGHT), 500);
    await insight.start();
    const applied = await drain(kafka, Topic.commitment, () => undefined);
    const rate = applied.messages / (applied.ms / 1000);
    const applyPeak = rss.stop();
    console.log(
      `insight applied ${fmt(applied.messages)} events in ${secs(applied.ms)} = ${fmt(rate)} events/s; ` +
        `ratio ${(rate / discard).toFixed(3)} (target ≥ 0.25); peak RSS ${applyPeak.toFixed(0)} MiB`,
    );
    // 防走过场: the texts the apply queued are scored after it, by the scorer (one text after another).
    const queued = async () =>
      (await pg.query<{ n: number }>(`select count(*)::int n from insight.perf_queue`)).rows[0]!.n;
    const backlog = await queued();
    const ts = Date.now();
    while ((await queued()) > 0) await sleep(250);
    const texts = (
      await pg.query<{ n: number }>(`select count(*)::int n from insight.perf_text where campaign_id = $1`, [
        campaignId,
      ])
    ).rows[0]!.n;
    console.log(
      `防走过场 scoring after the apply: ${fmt(backlog)} texts still queued when the apply was done, all scored ` +
        `${secs(Date.now() - ts)} later (${fmt(texts)} texts of the campaign scored in all; ` +
        `apply and scoring together ${fmt(applied.messages / ((applied.ms + Date.now() - ts) / 1000))} events/s)`,
    );
    const whole = registry.length * perLifecycle;
    console.log(
      `extrapolated to all ${fmt(registry.length)} commitments through their lifecycle: ${fmt(whole)} events, ` +
        `${(whole / rate / 60).toFixed(1)} min to apply at this rate`,
    );

    const secret = stack.env['JWT_SECRET'] ?? config.JWT_SECRET;
    const bearer = await mintAccessToken({
      secret,
      issuer: 'pingyi',
      personId: 'bench-admin',
      roles: ['prefecture_admin'],
      orgPath: root,
    });
    const levels = (
      await pg.query<{ level: string; path: string }>(
        `select distinct on (level) level, path::text path from org.unit
          where level in ('prefecture', 'county', 'committee', 'branch') order by level, path`,
      )
    ).rows;
    const branch = all.find((s) => s.kind === 'member')!.path;
    const rssLoad = peakSampler(() => rssOf(INSIGHT), 500);
    const loadSubjects = Math.ceil((Number(args.rate) * Number(args['load-seconds'])) / 20);
    const load = lifecycleLoad(producer, all.slice(0, loadSubjects), Number(args.rate));
    // The load stops before anything else, also when a probe fails: otherwise the `finally` below disconnects the
    // producer under it and its "producer is disconnected" hides the probe's own error.
    const lag = await probeLag(
      { url: stack.urls.graphql, bearer, producer },
      branch,
      Number(args['load-seconds']) * 1000,
    ).finally(() => load.stop());
    const loaded = await load.stop();
    const loadPeak = rssLoad.stop();
    console.log(
      `event → dashboard lag (branch ${branch}) while ${fmt(loaded)} lifecycle events ran at ${args.rate}/s: ` +
        `p50 ${lag.p50} ms, p99 ${lag.p99} ms over ${lag.samples} probes (target p99 < 1000 ms); ` +
        `peak RSS ${loadPeak.toFixed(0)} MiB`,
    );
    await drain(kafka, Topic.commitment, () => undefined);
    const scoring = await reviewScoring(pg, load.reviewsSentAt);
    console.log(
      `防走过场: review.submitted → scored (perf_text.scored_at) during that load: p50 ${scoring.p50} ms, ` +
        `p99 ${scoring.p99} ms, max ${scoring.max} ms over ${scoring.samples} reviews` +
        `${scoring.missing ? ` (${scoring.missing} not scored)` : ''} (target p99 < 1000 ms)`,
    );
    const byLevel = await measureQueries(
      { url: stack.urls.graphql, bearer },
      campaignId,
      levels,
      Number(args.queries),
    );
    for (const r of byLevel)
      console.log(
        `${r.level.padEnd(10)} ${r.panel.padEnd(9)} p50 ${String(r.p50).padStart(4)} ms  p95 ${String(r.p95).padStart(4)} ms` +
          `  (${r.path}, ${fmt(r.subjects)} subjects)`,
      );
    const worst = Math.max(...byLevel.map((r) => r.p95));
    console.log(
      `targets: ratio ≥ 0.25 ${rate / discard >= 0.25 ? 'met' : 'NOT met'}, lag p99 < 1 s ${lag.p99 < 1000 ? 'met' : 'NOT met'}, ` +
        `review scored p99 < 1 s ${scoring.p99 < 1000 ? 'met' : 'NOT met'}, ` +
        `queries p95 < 50 ms ${worst < 50 ? 'met' : 'NOT met'}, RSS < 512 MiB ${Math.max(applyPeak, loadPeak, rssOf(INSIGHT)) < 512 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `machine load (1/5/15 min): ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
    );
  } finally {
    await insight.end();
    await producer.disconnect();
    await pg.end();
    await stack.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
