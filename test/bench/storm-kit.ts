/* The parts of bench:storm shared by its nodes: the stack on its own ports, the seeded preset, the campaign's
   settings in seconds, the driver of people's steps through the gateway, CPU per phase. */
import { join } from 'node:path';
import { Pool } from 'pg';
import { mintAccessToken } from '@pingyi/auth';
import { loadConfig } from '@pingyi/config';
import { startStack } from '@pingyi/local-stack';
import { openOrgOrm, seedPreset, type PresetName } from '@pingyi/seed';
import { cpuMsOf, percentile } from './bench-util';

// This stack's processes only (other stacks may run on the machine): by absolute path, and the dev server by port.
const WORKER = join(process.cwd(), 'services/commitment/dist/worker.js');
const SERVICE = join(process.cwd(), 'services/commitment/dist/main.js');
const SERVER = '--port\u00007601';
export const WORKER_SCRIPT = WORKER;
export const OPEN = `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId } }`;
const SUBMIT = `mutation($id: ID!, $items: [CommitmentItemInputType!]!) { submitCommitment(commitmentId: $id, items: $items) { ok } }`;
const ACCEPT = `mutation($id: ID!) { reviewCommitment(commitmentId: $id, decision: accept) { ok } }`;
const ITEMS = [{ content: '每周走访困难群众', target: '全年50户', dueDate: '2026-12-31' }];

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const secs = (t0: number) => (Date.now() - t0) / 1000;

export type Kind = 'submit' | 'accept';
interface Sample {
  at: number;
  ms: number;
  kind: Kind;
  ok: boolean;
}
export interface Target {
  id: string;
  subject_id: string;
  reviewer_id: string;
  org_path: string;
}

/** A fresh stack on the bench's ports, with `DEADLINE_TIMERS` = `timers`; the org registry seeded, not relayed. */
export async function stormStack(timers: string, preset: string) {
  process.env['DEADLINE_TIMERS'] = timers; // the services inherit it
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
  const close = async () => {
    await pg.end();
    await stack.stop();
  };
  try {
    const orm = await openOrgOrm(stack.env['DATABASE_URL']!);
    await seedPreset(orm, { preset: preset as PresetName, pepper: loadConfig(stack.env).ID_NUMBER_PEPPER });
    await orm.close();
    // The registry stands for one kept long before the campaign (as in bench:campaign): its events are not relayed.
    await pg.query(`update org.outbox_event set published_at = now() where published_at is null`);
    await sleep(10_000);
  } catch (e) {
    await close();
    throw e;
  }
  const root = await one<{ path: string }>(
    `select path::text path from org.unit where level = 'prefecture' limit 1`,
  );
  const { n: subjects } = await one<{ n: number }>(
    `select (select count(*)::int from org.unit where status = 'active')
          + (select count(*)::int from org.member where status = 'active') n`,
  );
  return { stack, pg, token, gql, one, close, root: root.path, subjects };
}
export type StormStack = Awaited<ReturnType<typeof stormStack>>;

/** Campaign settings in seconds: every window 10 hours unless given. */
export function secondSettings(windows: Record<string, number>) {
  return {
    unit: 'second',
    ...Object.fromEntries(
      [
        'draftDays',
        'acceptanceDays',
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
    ...windows,
    reminderDaysBefore: [],
    followUpDelayDays: 1,
    schedules: { monthlyReport: 'off', quarterlyReport: 'off', spotCheck: 'off' },
  };
}

/**
 * Members still drafting (not secretaries) of branches with a secretary — the secretary reviews them — in a stable
 * random order.
 */
export async function drivable(s: StormStack, campaignId: string, limit: number): Promise<Target[]> {
  return (
    await s.pg.query<Target>(
      `select c.id, c.subject_id, u.secretary_id reviewer_id, u.path::text org_path
         from commitment.commitment c join org.member m on m.id::text = c.subject_id
         join org.unit u on u.id = m.branch_id
        where c.campaign_id = $1 and c.subject_kind = 'member' and c.stage = 'drafting' and u.secretary_id is not null
          and not exists (select 1 from org.unit x where x.secretary_id = m.id)
        order by md5(c.id::text) limit $2`,
      [campaignId, limit],
    )
  ).rows;
}

/**
 * A person's step through the gateway: a submission by the member, or the acceptance by their secretary. One still
 * pending at its deadline (STEP_PENDING, 10 s) is waited for until its workflow has applied it. Returns whether it
 * was taken and whether it was pending.
 */
export async function takeStep(
  s: StormStack,
  kind: Kind,
  t: Target,
): Promise<{ ok: boolean; pending: boolean; error?: string }> {
  try {
    if (kind === 'submit')
      await s.gql(SUBMIT, { id: t.id, items: ITEMS }, await s.token(t.subject_id, ['member'], t.org_path));
    else await s.gql(ACCEPT, { id: t.id }, await s.token(t.reviewer_id, ['unit_secretary'], t.org_path));
    return { ok: true, pending: false };
  } catch (e) {
    if (!String(e).includes('STEP_PENDING'))
      return { ok: false, pending: false, error: String(e).slice(0, 300) };
    for (;;) {
      const { stage } = await s.one<{ stage: string }>(
        `select stage from commitment.commitment where id = $1`,
        [t.id],
      );
      if (kind === 'submit' ? stage !== 'drafting' : stage !== 'acceptance')
        return { ok: true, pending: true };
      await sleep(250);
    }
  }
}

/**
 * The driver: at a steady rate, a submission by a member still drafting, or an acceptance by the reviewer of one who
 * submitted — open loop, so a slow step does not slow the driver.
 */
export function startDriver(s: StormStack, targets: Target[], rate: number) {
  const samples: Sample[] = [];
  const submitted: Target[] = [];
  const inflight = new Set<Promise<void>>();
  let driving = true;
  let pending = 0;
  const step = async (kind: Kind, t: Target) => {
    const at = Date.now();
    const r = await takeStep(s, kind, t);
    if (r.pending) pending++;
    if (r.error && samples.filter((x) => !x.ok).length < 3) console.error(`\n  ${kind} failed: ${r.error}`);
    samples.push({ at, ms: Date.now() - at, kind, ok: r.ok });
    if (r.ok && kind === 'submit') submitted.push(t);
  };
  const loop = (async () => {
    const t0 = Date.now();
    for (let tick = 0; driving;) {
      const accept = tick % 2 === 1 && submitted.length > 0;
      const t = accept ? submitted.shift() : targets.shift();
      if (t) {
        const p = step(accept ? 'accept' : 'submit', t);
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
      }
      tick++;
      await sleep(Math.max(0, t0 + (tick * 1000) / rate - Date.now()));
    }
  })();
  return {
    started: Date.now(),
    pending: () => pending,
    async stop() {
      driving = false;
      await loop;
      await Promise.all([...inflight]);
    },
    /** p50 / p95 / max of the steps started in [from, to). */
    phase(from: number, to: number) {
      const ms = samples.filter((x) => x.at >= from && x.at < to && x.ok).map((x) => x.ms);
      const failed = samples.filter((x) => x.at >= from && x.at < to && !x.ok).length;
      return `${percentile(ms, 50)} / ${percentile(ms, 95)} / ${Math.max(...ms)} ms (${ms.length} steps${failed ? `, ${failed} failed` : ''})`;
    },
  };
}

/** CPU time of this stack's dev server, commitment worker and service so far. */
export const cpu = () => ({
  server: cpuMsOf(SERVER),
  worker: cpuMsOf(WORKER),
  service: cpuMsOf(SERVICE),
  t: Date.now(),
});
/** CPU between two readings, in % of one core each. */
export const cpuBetween = (a: ReturnType<typeof cpu>, b: ReturnType<typeof cpu>) =>
  (['server', 'worker', 'service'] as const)
    .map((k) => `${k} ${(((b[k] - a[k]) / (b.t - a.t)) * 100).toFixed(0)} %`)
    .join(', ');

/** The coverage counters against a direct count: places where they differ. */
export async function countersOff(s: StormStack, campaignId: string): Promise<number> {
  const r = await s.one<{ bad: number }>(
    `select count(*)::int bad from (
       select org_path, stage, count(*)::int n, count(*) filter (where deadline_missed)::int overdue
         from commitment.commitment where campaign_id = $1 group by 1, 2) d
       full join (select org_path, stage, n, overdue from commitment.coverage_count where campaign_id = $1 and n <> 0) k
         using (org_path, stage)
      where d.n is distinct from k.n or d.overdue is distinct from k.overdue`,
    [campaignId],
  );
  return r.bad;
}

export interface StormOptions {
  preset: string;
  rate: number;
  idle: number;
  after: number;
  maxNode: number;
  accepted: number;
}

/** One kind of node: the campaign's settings for it, then what happens once the launch's queues are quiet. */
export interface StormNode {
  plan(subjects: number, o: StormOptions): { settings: Record<string, unknown>; about: string };
  /** Runs the baseline, the node and the time after it; returns the report's lines. */
  run(
    s: StormStack,
    c: { campaignId: string; startedAt: number; cpuStart: ReturnType<typeof cpu> },
    o: StormOptions,
  ): Promise<string[]>;
}
