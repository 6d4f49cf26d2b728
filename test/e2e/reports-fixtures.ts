import { Client as TemporalClient, Connection } from '@temporalio/client';
import type { Client as PgClient } from 'pg';
import { campaignScheduleId, drawSpotCheckSample } from '@pingyi/contracts';
import { eventually, must, useWorld } from './lifecycle-fixtures';

export const PUBLIC = { 'x-pingyi-channel': 'public' };
export const OPEN = `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId started existing } }`;
export const SNAPSHOTS = `query($c: String!, $p: String!, $o: String) { reportSnapshots(campaignId: $c, period: $p, orgPath: $o) {
  id periodLabel orgPath orgName level scheduledAt takenAt commitments byStage { key count } reviewsByMode { key label count }
  reviewsNotPassed graded kept closed overdueCommitments rectifications rectificationsSettled rectificationsOpen
  rectificationsOverdue rectificationRate redoOrders massResponses satisfied basicallySatisfied unsatisfied satisfactionRate } }`;
export const DRAW = `mutation($c: String!, $o: String, $u: Int, $k: Int, $s: String) {
  drawSpotCheck(campaignId: $c, orgPath: $o, units: $u, cadres: $k, seed: $s) {
    id week seed method scopePath unitCandidates cadreCandidates reproducible
    units { id name ticket } cadres { id name ticket } tasks { id subjectKind subjectId status orgPath } } }`;
export const FINDING = `mutation($t: ID!, $a: Boolean!, $b: Boolean!, $c: Boolean!, $n: String) {
  recordInspectionFinding(taskId: $t, selfEvaluationSerious: $a, shortcomingsNamed: $b, measuresConcrete: $c, note: $n) {
    id status statusLabel passed note inspectorId } }`;
export const SPOT_CHECKS = `query($c: String!) { spotChecks(campaignId: $c) { id drawnBy week seed reproducible units { id } cadres { id } tasks { id orgPath } } }`;

const ACTION_STAGES = ['drafting', 'acceptance', 'self_evaluation', 'leadership_review', 'outcome'];

/** The report's figures for one subtree, counted straight from the projections. */
export async function directFigures(pg: PgClient, campaignId: string, path: string) {
  const scope = [campaignId, path, path + '.%'];
  const inScope = `c.campaign_id = $1 and (c.org_path = $2 or c.org_path like $3)`;
  const one = async (q: string, p: unknown[] = scope) => (await pg.query(q, p)).rows;
  const [c] = await one(
    `select count(*)::int n, count(*) filter (where grade = 'good')::int kept, count(*) filter (where grade is not null)::int graded,
            count(*) filter (where stage = 'closed')::int closed, coalesce(sum(redo_count), 0)::int redo,
            count(*) filter (where deadline_missed or (stage_deadline < now() and stage = any($4)))::int overdue
       from commitment.commitment c where ${inScope}`,
    [...scope, ACTION_STAGES],
  );
  const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const stages = (
    await one(
      `select stage as key, count(*)::int count from commitment.commitment c where ${inScope} group by stage`,
    )
  ).sort(byKey);
  const modes = (
    await one(
      `select lr.mode as key, count(*)::int count from commitment.leadership_review lr join commitment.commitment c on c.id = lr.commitment_id
        where ${inScope} and lr.passed group by lr.mode`,
    )
  ).sort(byKey);
  const [notPassed] = await one(
    `select count(*)::int n from commitment.leadership_review lr join commitment.commitment c on c.id = lr.commitment_id
      where ${inScope} and not lr.passed`,
  );
  const [r] = await one(
    `select count(*) filter (where r.status <> 'cancelled')::int total,
            count(*) filter (where r.status in ('struck_off', 'settled'))::int settled,
            count(*) filter (where r.status = 'open')::int open,
            count(*) filter (where r.status = 'open' and r.deadline < now())::int overdue
       from commitment.rectification r join commitment.commitment c on c.id = r.commitment_id where ${inScope}`,
  );
  const ratings = Object.fromEntries(
    (
      await one(
        `select m.rating, count(*)::int n from commitment.mass_eval_response m join commitment.commitment c on c.id = m.commitment_id
          where ${inScope} group by m.rating`,
      )
    ).map((x) => [x.rating, x.n]),
  );
  const responses = Object.values(ratings).reduce((a: number, n) => a + (n as number), 0);
  return {
    commitments: c.n,
    byStage: stages,
    reviewsByMode: modes.map((m: any) => ({ key: m.key, count: m.count })),
    reviewsNotPassed: notPassed.n,
    graded: c.graded,
    kept: c.kept,
    closed: c.closed,
    overdueCommitments: c.overdue,
    rectifications: r.total,
    rectificationsSettled: r.settled,
    rectificationsOpen: r.open,
    rectificationsOverdue: r.overdue,
    redoOrders: c.redo,
    massResponses: responses,
    satisfied: ratings['satisfied'] ?? 0,
    basicallySatisfied: ratings['basically_satisfied'] ?? 0,
    unsatisfied: ratings['unsatisfied'] ?? 0,
  };
}

/**
 * Registers the report suites' set-up: the lifecycle world (with its Kafka collector) and a Temporal client; the
 * schedules of every campaign pushed on `campaigns` are deleted afterwards. Read `temporal` inside tests.
 */
export function useReportsWorld() {
  const ctx = useWorld({ kafka: true });
  const rw = { ctx, w: ctx.w, temporal: undefined as unknown as TemporalClient, campaigns: [] as string[] };

  beforeAll(async () => {
    rw.temporal = new TemporalClient({
      connection: await Connection.connect({ address: process.env['TEMPORAL_ADDRESS']! }),
    });
  });
  afterAll(async () => {
    for (const id of rw.campaigns)
      for (const schedule of Object.values(campaignScheduleId))
        await rw.temporal.schedule
          .getHandle(schedule(id))
          .delete()
          .catch(() => undefined);
    await rw.temporal?.connection.close();
  });
  return rw;
}

/** A campaign id of this run, whose schedules `useReportsWorld` deletes afterwards. */
export function newCampaign(rw: ReturnType<typeof useReportsWorld>, suffix: string): string {
  const id = `${rw.w.p}-${suffix}`;
  rw.campaigns.push(id);
  return id;
}

/** Waits for a campaign's notice of `milestone` (as `query`, a `milestoneNotices` selection, returns it). */
export async function noticeOf(
  query: string,
  campaignId: string,
  token: string,
  milestone = 'committed',
): Promise<Record<string, any>> {
  return eventually(
    `the notice of the node ${milestone}`,
    async () =>
      (
        await must<{ milestoneNotices: Record<string, any>[] }>(query, { c: campaignId }, token)
      ).milestoneNotices.find((n) => n['milestone'] === milestone),
    90_000,
  );
}

/** Re-runs a stored `spot_check_draw` row with the contracts' function: its seed, candidates, method and weights. */
export function redrawStored(row: Record<string, any>) {
  const cand = (xs: string[]) => xs.map((id) => ({ id, name: '' }));
  const again = drawSpotCheckSample({
    seed: row['seed'],
    units: cand(row['unit_candidates']),
    cadres: cand(row['cadre_candidates']),
    unitCount: row['unit_count'],
    cadreCount: row['cadre_count'],
    weights: row['risk_weights'],
    method: row['method'],
  });
  return { ...again, unitIds: again.units.map((u) => u.id), cadreIds: again.cadres.map((c) => c.id) };
}
