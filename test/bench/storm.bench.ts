/* npm run bench:storm [-- --preset dongwu] — a node of the campaign calendar passing for every subject at once (the
   drafting window closes for the whole preset) while a driver performs people's steps through the gateway at a steady
   rate: step latency before, during and after the node; how long the node's bookkeeping takes until it is complete
   and exact; CPU of the dev server, worker and service; worker RSS. The baseline is the same driver before the node. */
import 'reflect-metadata';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { mintAccessToken } from '@pingyi/auth';
import { loadConfig } from '@pingyi/config';
import { startStack } from '@pingyi/local-stack';
import { openOrgOrm, seedPreset, type PresetName } from '@pingyi/seed';
import { cpuMsOf, peakSampler, percentile, rssOf } from './bench-util';
import { commitmentQueuesQuiet } from './task-queues';

const { values: args } = parseArgs({
  options: {
    preset: { type: 'string', default: 'fogang' },
    /** People's steps per second (submissions and acceptances alternately). */
    rate: { type: 'string', default: '2' },
    /** Seconds of the same driver before the node, after the launch (the baseline). */
    idle: { type: 'string', default: '90' },
    /** Seconds of the driver after the node's bookkeeping is complete. */
    after: { type: 'string', default: '60' },
    /** Seconds after the drafting deadline to stop waiting for the node's bookkeeping (reported as incomplete). */
    'max-node': { type: 'string', default: '1800' },
    /** `per-workflow`: the design before issue 16 (each commitment's own deadline timer), for the comparison. */
    timers: { type: 'string', default: 'sweep' },
  },
});
const RATE = Number(args.rate);
// This stack's processes only (other stacks may run on the machine): by absolute path, and the dev server by port.
const WORKER = join(process.cwd(), 'services/commitment/dist/worker.js');
const SERVICE = join(process.cwd(), 'services/commitment/dist/main.js');
const SERVER = '--port\u00007601';
const OPEN = `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId } }`;
const SUBMIT = `mutation($id: ID!, $items: [CommitmentItemInputType!]!) { submitCommitment(commitmentId: $id, items: $items) { ok } }`;
const ACCEPT = `mutation($id: ID!) { reviewCommitment(commitmentId: $id, decision: accept) { ok } }`;
const ITEMS = [{ content: '每周走访困难群众', target: '全年50户', dueDate: '2026-12-31' }];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (t0: number) => (Date.now() - t0) / 1000;

interface Sample {
  at: number;
  ms: number;
  kind: 'submit' | 'accept';
  ok: boolean;
}
interface Target {
  id: string;
  subject_id: string;
  reviewer_id: string;
  org_path: string;
}

async function main(): Promise<void> {
  process.env['DEADLINE_TIMERS'] = args.timers; // the services inherit it
  const stack = await startStack({
    profile: 'test',
    instance: 'bench-storm',
    services: true,
    ui: false,
    ephemeral: true,
    say: () => undefined,
    ports: {
      postgres: 55401,
      temporal: 7601,
      temporalUi: 8601,
      kafka: 9701,
      kafkaController: 9702,
      gateway: 4601,
      org: 4602,
      commitment: 4603,
    },
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => void stack.stop().finally(() => process.exit(130)));
  // A pool: the driver's pending steps poll their stage while the node's progress is read.
  const pg = new Pool({ connectionString: stack.env['DATABASE_URL'], max: 8 });
  const secret = stack.env['JWT_SECRET'] ?? loadConfig(stack.env).JWT_SECRET;
  const token = (personId: string, roles: string[], orgPath: string) =>
    mintAccessToken({ secret, issuer: 'pingyi', personId, roles: roles as never, orgPath });
  const gql = async (query: string, variables: Record<string, unknown>, bearer: string) => {
    const r = await fetch(stack.urls.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await r.json()) as { data?: Record<string, any>; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
  const one = async <T = Record<string, any>>(q: string, p: unknown[] = []) =>
    (await pg.query(q, p)).rows[0] as T;
  try {
    const orm = await openOrgOrm(stack.env['DATABASE_URL']!);
    await seedPreset(orm, {
      preset: args.preset as PresetName,
      pepper: loadConfig(stack.env).ID_NUMBER_PEPPER,
    });
    await orm.close();
    // The registry stands for one kept long before the campaign (as in bench:campaign): its events are not relayed.
    await pg.query(`update org.outbox_event set published_at = now() where published_at is null`);
    await sleep(10_000);
    const root = await one<{ path: string }>(
      `select path::text path from org.unit where level = 'prefecture' limit 1`,
    );
    const { n: N } = await one<{ n: number }>(
      `select (select count(*)::int from org.unit where status = 'active')
            + (select count(*)::int from org.member where status = 'active') n`,
    );
    // The node (the drafting window's end) comes once the launch is done and the baseline has run; the acceptance
    // window (and with it the node 定诺及审核 and its notice) 30 s later.
    const draft = Math.ceil(N / 25) + Number(args.idle) + 30;
    const settings = {
      unit: 'second',
      draftDays: draft,
      acceptanceDays: 30,
      ...Object.fromEntries(
        [
          'publicityDays',
          'fulfilmentDays',
          'selfEvaluationDays',
          'mutualReviewDays',
          'leadershipReviewDays',
          'massEvaluationDays',
          'rectificationDays',
          'followUpDays',
          'outcomeDays',
          'escalationGraceDays',
        ].map((k) => [k, 36_000]),
      ),
      reminderDaysBefore: [],
      followUpDelayDays: 1,
      schedules: { monthlyReport: 'off', quarterlyReport: 'off', spotCheck: 'off' },
    };
    const admin = await token('bench-admin', ['prefecture_admin'], root.path);
    const campaignId = `storm-${args.preset}-${Date.now()}`;
    const rss = peakSampler(() => rssOf(WORKER), 500);
    const tOpen = Date.now();
    await gql(
      OPEN,
      {
        i: {
          id: campaignId,
          name: `${args.preset} 节点风暴基准`,
          year: 2026,
          scopePath: root.path,
          settingsJson: JSON.stringify(settings),
          pageSize: 500,
          startConcurrency: 32,
        },
      },
      admin,
    );
    const { started_at: startedAt } = await one<{ started_at: Date }>(
      `select started_at from commitment.campaign where id = $1`,
      [campaignId],
    );
    const nodeAt = new Date(startedAt).getTime() + draft * 1000;
    console.log(
      `preset ${args.preset}: ${N} subjects; drafting ends ${draft} s after the start, the node 定诺及审核 30 s later`,
    );
    for (;;) {
      const r = await one(
        `select launch_status s, subjects_created n from commitment.campaign where id = $1`,
        [campaignId],
      );
      process.stdout.write(`\r  launch ${r.n}/${N}   `);
      if (r.s === 'launched') break;
      await sleep(2000);
    }
    const launchSec = secs(tOpen);
    console.log(
      `\r  launched ${N} in ${launchSec.toFixed(0)} s; baseline until the node: ${((nodeAt - Date.now()) / 1000).toFixed(0)} s`,
    );
    if (nodeAt - Date.now() < 30_000) throw new Error('the launch ran into the node: raise --idle');
    // The baseline is the driver with nothing else running: the launch reports every workflow started long before
    // the worker has run their first tasks (thousands queued), so wait until the commitment queues are quiet.
    const tQuiet = Date.now();
    await commitmentQueuesQuiet(
      { address: stack.env['TEMPORAL_ADDRESS']!, timeoutMs: Math.max(30_000, nodeAt - Date.now() - 60_000) },
      (w) => process.stdout.write(`\r  launch queues: ${w.join(' + ')} workflow tasks waiting   `),
    );
    const quietSec = secs(tQuiet);
    console.log(
      `\n  queues quiet ${quietSec.toFixed(0)} s after the launch; baseline ${((nodeAt - Date.now()) / 1000).toFixed(0)} s`,
    );
    if (nodeAt - Date.now() < 30_000)
      throw new Error('the first tasks of the launch ran into the node: raise --idle');

    // The driver: at a steady rate, a submission by a member still drafting, or an acceptance by the reviewer of one
    // who submitted — open loop, so a slow step does not slow the driver.
    // Members (not secretaries) of branches with a secretary: the secretary reviews them.
    const targets = (
      await pg.query<Target>(
        `select c.id, c.subject_id, u.secretary_id reviewer_id, u.path::text org_path
           from commitment.commitment c join org.member m on m.id::text = c.subject_id
           join org.unit u on u.id = m.branch_id
          where c.campaign_id = $1 and c.subject_kind = 'member' and c.stage = 'drafting' and u.secretary_id is not null
            and not exists (select 1 from org.unit x where x.secretary_id = m.id)
          order by md5(c.id::text) limit 5000`,
        [campaignId],
      )
    ).rows;
    if (targets.length === 0) throw new Error('no member to drive');
    const samples: Sample[] = [];
    const submitted: Target[] = [];
    const inflight = new Set<Promise<void>>();
    let driving = true;
    let tick = 0;
    // A step still pending at its deadline (STEP_PENDING, 10 s) is timed until its workflow has applied it.
    const applied = async (kind: Sample['kind'], id: string) => {
      for (;;) {
        const { stage } = await one<{ stage: string }>(
          `select stage from commitment.commitment where id = $1`,
          [id],
        );
        if (kind === 'submit' ? stage !== 'drafting' : stage !== 'acceptance') return;
        await sleep(250);
      }
    };
    let pending = 0;
    const step = async (kind: Sample['kind'], t: Target) => {
      const at = Date.now();
      let ok = true;
      try {
        if (kind === 'submit')
          await gql(SUBMIT, { id: t.id, items: ITEMS }, await token(t.subject_id, ['member'], t.org_path));
        else await gql(ACCEPT, { id: t.id }, await token(t.reviewer_id, ['unit_secretary'], t.org_path));
      } catch (e) {
        if (String(e).includes('STEP_PENDING')) {
          pending++;
          await applied(kind, t.id);
        } else {
          ok = false;
          if (samples.filter((s) => !s.ok).length < 3)
            console.error(`\n  ${kind} failed: ${String(e).slice(0, 300)}`);
        }
      }
      samples.push({ at, ms: Date.now() - at, kind, ok });
      if (ok && kind === 'submit') submitted.push(t);
    };
    const driver = (async () => {
      const t0 = Date.now();
      while (driving) {
        const accept = tick % 2 === 1 && submitted.length > 0;
        const t = accept ? submitted.shift() : targets.shift();
        if (t) {
          const p = step(accept ? 'accept' : 'submit', t);
          inflight.add(p);
          void p.finally(() => inflight.delete(p));
        }
        tick++;
        await sleep(Math.max(0, t0 + (tick * 1000) / RATE - Date.now()));
      }
    })();

    // CPU per phase.
    const cpu = () => ({
      server: cpuMsOf(SERVER),
      worker: cpuMsOf(WORKER),
      service: cpuMsOf(SERVICE),
      t: Date.now(),
    });
    const pct = (a: ReturnType<typeof cpu>, b: ReturnType<typeof cpu>) =>
      (['server', 'worker', 'service'] as const)
        .map((k) => `${k} ${(((b[k] - a[k]) / (b.t - a.t)) * 100).toFixed(0)} %`)
        .join(', ');
    const cpuStart = cpu();
    await sleep(Math.max(0, nodeAt - Date.now()));
    const cpuNode = cpu();

    // The node's bookkeeping: every commitment still drafting flagged overdue with its fact, the counters equal to
    // direct counts, and the notice of 定诺及审核 issued.
    const tNode = Date.now();
    // Each page of the launch opened with its own deadline: the last one is when the node has passed for everybody.
    const { last } = await one<{ last: Date }>(
      `select max(stage_deadline) last from commitment.commitment where campaign_id = $1 and stage = 'drafting'`,
      [campaignId],
    );
    let flagsAt = 0;
    let noticeAt = 0;
    for (;;) {
      const r = await one(
        `select count(*) filter (where stage = 'drafting' and not deadline_missed)::int unflagged,
                count(*) filter (where stage = 'drafting')::int drafting
           from commitment.commitment where campaign_id = $1`,
        [campaignId],
      );
      const notice = await one(`select 1 from commitment.milestone_notice where campaign_id = $1`, [
        campaignId,
      ]);
      if (!flagsAt && r.unflagged === 0) flagsAt = Date.now();
      if (!noticeAt && notice) noticeAt = Date.now();
      process.stdout.write(
        `\r  node: ${r.drafting - r.unflagged}/${r.drafting} drafting flagged overdue, notice ${notice ? 'issued' : 'pending'}   `,
      );
      if (flagsAt && noticeAt) break;
      if (secs(tNode) > Number(args['max-node'])) {
        console.log(
          `\n  stopped waiting after ${args['max-node']} s: the node's bookkeeping is not complete`,
        );
        break;
      }
      await sleep(1000);
    }
    const doneAt = flagsAt && noticeAt ? Math.max(flagsAt, noticeAt) : Date.now();
    const cpuDone = cpu();
    await sleep(Number(args.after) * 1000);
    const cpuAfter = cpu();
    driving = false;
    await driver;
    await Promise.all([...inflight]);
    const peakRss = rss.stop();

    // Exact: counters = direct counts; every drafting commitment has its deadline_missed fact; the notice names
    // exactly those who had not reached publicity when it was issued.
    const counters = await one(
      `select count(*)::int bad from (
         select org_path, stage, count(*)::int n, count(*) filter (where deadline_missed)::int overdue
           from commitment.commitment where campaign_id = $1 group by 1, 2) d
         full join (select org_path, stage, n, overdue from commitment.coverage_count where campaign_id = $1 and n <> 0) k
           using (org_path, stage)
        where d.n is distinct from k.n or d.overdue is distinct from k.overdue`,
      [campaignId],
    );
    const facts = await one(
      `select count(*)::int n from commitment.commitment c where c.campaign_id = $1 and c.stage = 'drafting'
          and not exists (select 1 from commitment.timeline t where t.commitment_id = c.id and t.type = 'commitment.deadline_missed')`,
      [campaignId],
    );
    const notice = await one(
      `select n.id, n.missed, n.issued_at, (select count(*)::int from commitment.milestone_notice_subject s where s.notice_id = n.id) listed
         from commitment.milestone_notice n where campaign_id = $1`,
      [campaignId],
    );
    const reached = await one(
      `select count(*)::int n from commitment.commitment c where c.campaign_id = $1 and exists (
         select 1 from commitment.timeline t where t.commitment_id = c.id and t.type = 'commitment.stage_changed'
            and t.stage = 'publicity' and t.at <= $2)`,
      [campaignId, notice.issued_at],
    );

    const phase = (from: number, to: number) => {
      const ms = samples.filter((s) => s.at >= from && s.at < to && s.ok).map((s) => s.ms);
      const failed = samples.filter((s) => s.at >= from && s.at < to && !s.ok).length;
      return `${percentile(ms, 50)} / ${percentile(ms, 95)} / ${Math.max(...ms)} ms (${ms.length} steps${failed ? `, ${failed} failed` : ''})`;
    };
    console.log('');
    console.log(`node storm over ${args.preset} (${N} subjects), driver ${RATE} steps/s through the gateway`);
    console.log(
      `  launch                  ${launchSec.toFixed(0)} s (its first workflow tasks all run ${quietSec.toFixed(0)} s later)`,
    );
    console.log(`  steps p50 / p95 / max`);
    console.log(`    before (baseline)     ${phase(cpuStart.t, tNode)}`);
    console.log(`    during the node       ${phase(tNode, doneAt)}`);
    console.log(`    after                 ${phase(doneAt, Date.now())}`);
    console.log(
      `  node bookkeeping        ${((doneAt - tNode) / 1000).toFixed(1)} s (overdue flags ${((flagsAt - tNode) / 1000).toFixed(1)} s, notice ${((noticeAt - tNode) / 1000).toFixed(1)} s after the drafting deadline; the node itself 30 s after it)`,
    );
    console.log(
      `  after the last deadline ${((doneAt - new Date(last).getTime()) / 1000).toFixed(1)} s (the drafting deadlines spread over ${((new Date(last).getTime() - nodeAt) / 1000).toFixed(0)} s, as the launch's pages opened)`,
    );
    console.log(
      `  exact                   counters off in ${counters.bad} places; ${facts.n} drafting without their fact; notice missed ${notice.missed}, listed ${notice.listed}, direct ${N - reached.n}`,
    );
    console.log(`  pending at the deadline ${pending} steps (STEP_PENDING after 10 s; timed until applied)`);
    console.log(`  CPU before              ${pct(cpuStart, cpuNode)} of a core`);
    console.log(`  CPU during              ${pct(cpuNode, cpuDone)}`);
    console.log(`  CPU after               ${pct(cpuDone, cpuAfter)}`);
    console.log(`  worker peak RSS         ${peakRss.toFixed(0)} MiB`);
  } finally {
    await pg.end();
    await stack.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
