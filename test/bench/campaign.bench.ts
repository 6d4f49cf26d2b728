/* npm run bench:campaign [-- --preset baotou] [--profile cluster] — a campaign launched over a whole prefecture against the real dev
   server, Kafka and PostgreSQL: commitments created per second against no-op workflows started on the same server in
   the same run, coverage queries through the gateway while it runs, and peak RSS. */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client as PgClient } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_PATH } from '@pingyi/workflows/bundle-path';
import { mintAccessToken } from '@pingyi/auth';
import { loadConfig } from '@pingyi/config';
import { startStack } from '@pingyi/local-stack';
import { workerTracing } from '@pingyi/observability/dist/temporal';
import { openOrgOrm, seedPreset, type PresetName } from '@pingyi/seed';
import { join } from 'node:path';
import {
  PROFILE_OPTION,
  benchStack,
  peakMemoryLine,
  peakSampler,
  percentile,
  rssOfPidFile,
} from './bench-util';

const { values: args } = parseArgs({
  options: {
    preset: { type: 'string', default: 'fogang' },
    concurrency: { type: 'string', default: '32' },
    'page-size': { type: 'string', default: '500' },
    ...PROFILE_OPTION,
  },
});
const CONCURRENCY = Number(args.concurrency);
const PAGE_SIZE = Number(args['page-size']);
const NOOP_QUEUE = 'bench-noop';
const OPEN = `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId } }`;
const COVERAGE = `query($c: String!, $p: String) { coverage(campaignId: $c, orgPath: $p) { commitments } }`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (t0: number) => (Date.now() - t0) / 1000;

/** Runs `fn` for 0..n-1, `c` at a time. */
async function pool(n: number, c: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(c, n) }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

async function main(): Promise<void> {
  // The commitment worker logs its memory (main heap, the rest, cached workflows per queue) every 2 s.
  process.env['WORKER_MEMORY_LOG_MS'] ??= '2000';
  const stack = await startStack({
    profile: 'test',
    instance: 'bench-campaign',
    services: true,
    ui: false,
    ephemeral: true,
    say: () => undefined,
    ...benchStack(args.profile, {
      postgres: 54389,
      temporal: 7303,
      temporalUi: 8303,
      kafka: 9402,
      kafkaController: 9403,
      gateway: 4070,
      org: 4171,
      commitment: 4172,
    }),
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => void stack.stop().finally(() => process.exit(130)));
  // RSS of this stack's processes only (by their pid files; other stacks on the machine run the same entries).
  const pidFile = (name: string) => join(stack.logDir, '..', 'run', `${name}.pid`);
  const rssOfWorker = () => rssOfPidFile(pidFile('commitment-worker'));
  const pg = new PgClient({ connectionString: stack.env['DATABASE_URL'] });
  await pg.connect();
  const connection = await Connection.connect({ address: stack.env['TEMPORAL_ADDRESS']! });
  const client = new Client({ connection });
  const gatewayUrl = stack.urls.graphql;
  try {
    const tSeed = Date.now();
    const orm = await openOrgOrm(stack.env['DATABASE_URL']!);
    await seedPreset(orm, {
      preset: args.preset as PresetName,
      pepper: loadConfig(stack.env).ID_NUMBER_PEPPER,
    });
    await orm.close();
    const [root] = (
      await pg.query<{ path: string }>(
        `select path::text path from org.unit where level = 'prefecture' limit 1`,
      )
    ).rows;
    const [county] = (
      await pg.query<{ path: string }>(
        `select path::text path from org.unit where level = 'county' order by code limit 1`,
      )
    ).rows;
    if (!root || !county) throw new Error('preset has no prefecture or county');
    const { units, members } = (
      await pg.query<{ units: number; members: number }>(
        `select (select count(*)::int from org.unit where status = 'active') units,
                (select count(*)::int from org.member where status = 'active') members`,
      )
    ).rows[0]!;
    const N = units + members;
    console.log(
      `preset ${args.preset}: ${units} units + ${members} members = ${N} subjects (seeded in ${secs(tSeed).toFixed(0)} s); start concurrency ${CONCURRENCY}`,
    );

    // The seed stands for a registry kept long before the campaign: its org events are not relayed (the commitment
    // service would spend minutes on 174,000 joins for no campaign); those already relayed are waited for, so neither
    // measurement shares the machine with them.
    await pg.query(`update org.outbox_event set published_at = now() where published_at is null`);
    const tQuiet = Date.now();
    for (let last = -1; ;) {
      const { unpublished, handled } = (
        await pg.query<{ unpublished: number; handled: number }>(
          `select (select count(*)::int from org.outbox_event where published_at is null) unpublished,
                  (select count(*)::int from commitment.inbox_event where consumer = 'commitment.org-events') handled`,
        )
      ).rows[0]!;
      process.stdout.write(`\r  org events handled by the commitment service: ${handled}   `);
      if (unpublished === 0 && handled === last) break;
      last = handled;
      await sleep(5000);
    }
    console.log(`\r  org events of the seed handled after ${secs(tQuiet).toFixed(0)} s`);

    // Baseline: as many no-op workflows started on the same server, as many at once, while a worker (same SDK and
    // workflow bundle, in this process) runs their first tasks meanwhile, as the commitment worker runs each new
    // commitment's during the launch. Its queue is then left unpolled: the no-ops not yet run cost the server nothing.
    // The bundle's tracing interceptors hand spans to a sink: without it each workflow task logs an error.
    const noopWorker = await Worker.create({
      sinks: workerTracing().sinks,
      connection: await NativeConnection.connect({ address: stack.env['TEMPORAL_ADDRESS']! }),
      taskQueue: NOOP_QUEUE,
      workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
      maxCachedWorkflows: 250,
    });
    const noopRun = noopWorker.run();
    const tNoop = Date.now();
    await pool(N, CONCURRENCY, async (i) => {
      await client.workflow.start('noopWorkflow', {
        taskQueue: NOOP_QUEUE,
        workflowId: `noop-${tNoop}-${i}`,
      });
      if (i % 1000 === 0) process.stdout.write(`\r  no-op starts ${i}/${N}   `);
    });
    const noopSec = secs(tNoop);
    const noopRate = N / noopSec;
    noopWorker.shutdown();
    await noopRun;
    const noopDone = (
      await client.workflow.count(`WorkflowType = 'noopWorkflow' AND ExecutionStatus = 'Completed'`)
    ).count;
    console.log(
      `\rbaseline: ${N} no-op workflows started in ${noopSec.toFixed(1)} s = ${noopRate.toFixed(1)}/s (${noopDone} of them run meanwhile)`,
    );

    // The launch: openCampaign through the gateway, as the prefecture's administrator.
    const token = await mintAccessToken({
      secret: stack.env['JWT_SECRET'] ?? loadConfig(stack.env).JWT_SECRET,
      issuer: 'pingyi',
      personId: 'bench-admin',
      roles: ['prefecture_admin'],
      orgPath: root.path,
    });
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const r = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await r.json()) as { data?: Record<string, any>; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!;
    };
    const campaignId = `bench-${args.preset}-${Date.now()}`;
    const rssWorker = peakSampler(rssOfWorker, 500);
    const rssService = peakSampler(() => rssOfPidFile(pidFile('commitment')), 500);
    const tLaunch = Date.now();
    await gql(OPEN, {
      i: {
        id: campaignId,
        name: `${args.preset} 全市承诺践诺活动（基准）`,
        year: 2026,
        scopePath: root.path,
        settingsJson: JSON.stringify({}),
        pageSize: PAGE_SIZE,
        startConcurrency: CONCURRENCY,
      },
    });
    // Coverage for the prefecture and for a county, through the gateway, while the launch runs.
    // Each sample keeps how far the launch was, to show whether latency grows with the campaign.
    const samples: { ms: number; created: number }[] = [];
    let launching = true;
    let status = '';
    let created = 0;
    const sampler = (async () => {
      for (let i = 0; launching; i++) {
        const t = process.hrtime.bigint();
        await gql(COVERAGE, { c: campaignId, p: i % 2 ? county.path : root.path });
        samples.push({ ms: Number(process.hrtime.bigint() - t) / 1e6, created });
        await sleep(250);
      }
    })();
    while (status !== 'launched') {
      await sleep(1000);
      const r = (
        await pg.query<{ launch_status: string; subjects_created: number }>(
          `select launch_status, subjects_created from commitment.campaign where id = $1`,
          [campaignId],
        )
      ).rows[0];
      status = r?.launch_status ?? '';
      created = r?.subjects_created ?? 0;
      process.stdout.write(
        `\r  launch ${created}/${N} (${(created / secs(tLaunch)).toFixed(1)}/s), worker RSS ${rssOfWorker().toFixed(0)} MiB   `,
      );
    }
    const launchSec = secs(tLaunch);
    launching = false;
    await sampler;
    const latencies = samples.map((x) => x.ms);
    const quarters = [1, 2, 3, 4].map((q) => {
      const inQ = samples.filter((x) => x.created > ((q - 1) * N) / 4 && x.created <= (q * N) / 4);
      return inQ.length
        ? percentile(
            inQ.map((x) => x.ms),
            95,
          ).toFixed(0)
        : '—';
    });
    const workerPeak = rssWorker.stop();
    const servicePeak = rssService.stop();
    console.log('');

    const direct = (
      await pg.query<{ n: number; d: number }>(
        `select count(*)::int n, count(distinct subject_id)::int d from commitment.commitment where campaign_id = $1`,
        [campaignId],
      )
    ).rows[0]!;
    const running = await client.workflow
      .count(`WorkflowType = 'commitmentWorkflow' AND ExecutionStatus = 'Running'`)
      .then((c) => c.count);
    const cov = await gql(COVERAGE, { c: campaignId, p: root.path });
    const rate = N / launchSec;
    console.log('');
    console.log(
      `campaign launch over ${args.preset} (${N} subjects), page ${PAGE_SIZE}, concurrency ${CONCURRENCY}`,
    );
    console.log(`  launch                  ${launchSec.toFixed(1)} s`);
    console.log(`  commitments/s           ${rate.toFixed(1)}`);
    console.log(`  no-op starts/s          ${noopRate.toFixed(1)}   (baseline, same server, same run)`);
    console.log(`  no-op first tasks run   ${noopDone} during the baseline`);
    console.log(`  ratio                   ${(rate / noopRate).toFixed(2)}`);
    console.log(
      `  commitments             ${direct.n} rows, ${direct.d} distinct subjects, ${running} workflows running; coverage says ${cov['coverage'].commitments}`,
    );
    console.log(
      `  coverage p50/p95/max    ${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 95).toFixed(0)} / ${Math.max(...latencies).toFixed(0)} ms (${latencies.length} queries, prefecture and county alternately)`,
    );
    console.log(`  coverage p95 by quarter ${quarters.join(' / ')} ms (of the subjects created)`);
    console.log(
      `  peak RSS                worker ${workerPeak.toFixed(0)} MiB, commitment service ${servicePeak.toFixed(0)} MiB`,
    );
    const mem = peakMemoryLine(join(stack.logDir, 'commitment-worker.log'));
    console.log(`  worker memory at peak   ${JSON.stringify(mem.peak)} (of ${mem.samples} samples)`);
    if (direct.n !== N || direct.d !== N || cov['coverage'].commitments !== N)
      throw new Error(`coverage incomplete: ${direct.n}/${N}`);
  } finally {
    await connection.close();
    await pg.end();
    await stack.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
