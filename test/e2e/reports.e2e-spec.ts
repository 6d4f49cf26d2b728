import { Client as TemporalClient, Connection } from '@temporalio/client';
import type { Client as PgClient } from 'pg';
import { campaignScheduleId, drawSpotCheckSample } from '@pingyi/contracts';
import { gql, tokenFor } from './helpers';
import {
  GOOD_REVIEW,
  code,
  driveToMassEvaluation,
  eventually,
  expectCoverageCountersExact,
  fastSettings,
  must,
  useWorld,
} from './lifecycle-fixtures';

const PUBLIC = { 'x-pingyi-channel': 'public' };
const OPEN = `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId started existing } }`;
const SNAPSHOTS = `query($c: String!, $p: String!, $o: String) { reportSnapshots(campaignId: $c, period: $p, orgPath: $o) {
  id periodLabel orgPath orgName level scheduledAt takenAt commitments byStage { key count } reviewsByMode { key label count }
  reviewsNotPassed graded kept closed overdueCommitments rectifications rectificationsSettled rectificationsOpen
  rectificationsOverdue rectificationRate redoOrders massResponses satisfied basicallySatisfied unsatisfied satisfactionRate } }`;
const DRAW = `mutation($c: String!, $o: String, $u: Int, $k: Int, $s: String) {
  drawSpotCheck(campaignId: $c, orgPath: $o, units: $u, cadres: $k, seed: $s) {
    id week seed method scopePath unitCandidates cadreCandidates reproducible
    units { id name ticket } cadres { id name ticket } tasks { id subjectKind subjectId status orgPath } } }`;
const FINDING = `mutation($t: ID!, $a: Boolean!, $b: Boolean!, $c: Boolean!, $n: String) {
  recordInspectionFinding(taskId: $t, selfEvaluationSerious: $a, shortcomingsNamed: $b, measuresConcrete: $c, note: $n) {
    id status statusLabel passed note inspectorId } }`;
const SPOT_CHECKS = `query($c: String!) { spotChecks(campaignId: $c) { id drawnBy week seed reproducible units { id } cadres { id } tasks { id orgPath } } }`;

const ACTION_STAGES = ['drafting', 'acceptance', 'self_evaluation', 'leadership_review', 'outcome'];

/** The report's figures for one subtree, counted straight from the projections. */
async function directFigures(pg: PgClient, campaignId: string, path: string) {
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

describe('reports (月报) and spot checks (摇号抽查) on schedules', () => {
  const ctx = useWorld({ kafka: true });
  const w = ctx.w;
  let temporal: TemporalClient;
  const campaigns: string[] = [];

  beforeAll(async () => {
    temporal = new TemporalClient({
      connection: await Connection.connect({ address: process.env['TEMPORAL_ADDRESS']! }),
    });
  });
  afterAll(async () => {
    for (const id of campaigns)
      for (const schedule of Object.values(campaignScheduleId))
        await temporal.schedule
          .getHandle(schedule(id))
          .delete()
          .catch(() => undefined);
    await temporal?.connection.close();
  });

  it('a schedule in seconds freezes figures equal to direct counts; the same seed draws the same subjects', async () => {
    const campaignId = `${w.p}-rep`;
    campaigns.push(campaignId);
    const subjects = [
      ...['C', 'K', 'G', 'B', 'B2'].map((u) => ({ kind: 'unit', id: w.unit[u]!.id })),
      ...['M', 'N'].map((m) => ({ kind: 'member', id: w.person(m).id })),
    ];
    const settings = {
      ...fastSettings(),
      schedules: {
        monthlyReport: { everySeconds: 3 },
        quarterlyReport: 'off',
        spotCheck: { everySeconds: 4 },
        spotCheckUnits: 2,
        spotCheckCadres: 1,
      },
    };
    const open = {
      id: campaignId,
      name: '月报抽查测试活动',
      year: 2026,
      scopePath: w.unit['P']!.path,
      settingsJson: JSON.stringify(settings),
      subjects,
    };
    await must(OPEN, { i: open }, w.admin);
    // A bad schedule setting is refused before anything is recorded.
    const bad = await gql(
      OPEN,
      {
        i: {
          ...open,
          id: `${w.p}-bad`,
          settingsJson: JSON.stringify({ schedules: { monthlyReport: { everySeconds: 0 } } }),
        },
      },
      { token: w.admin },
    );
    expect(code(bad)).toBe('BAD_INPUT');
    expect(
      (await ctx.pg.query(`select 1 from commitment.campaign where id = $1`, [`${w.p}-bad`])).rowCount,
    ).toBe(0);

    const ids = await eventually('seven commitments with their reviewers', async () => {
      const r = await ctx.pg.query(
        `select id, subject_id from commitment.commitment where campaign_id = $1 and reviewer_id is not null`,
        [campaignId],
      );
      return r.rowCount === 7 ? new Map(r.rows.map((x) => [x.subject_id as string, x.id as string])) : null;
    });

    // Member M goes through a refused review (a redo), a passed one, mass evaluation and into rectification.
    const M = w.person('M');
    const sB = w.person('sB');
    const id = ids.get(M.id)!;
    await expect(
      driveToMassEvaluation(id, M.token, sB.token, { ...GOOD_REVIEW(M.id), shortcomings: [] }),
    ).rejects.toThrow(/REVIEW_NOT_PASSED/);
    await must(
      `mutation($id: ID!, $r: LeadershipReviewInputType!) { submitLeadershipReview(commitmentId: $id, review: $r) { ok } }`,
      { id, r: GOOD_REVIEW(M.id) },
      sB.token,
    );
    const tokens = (
      await must<{ issueEvaluationTokens: string[] }>(
        `mutation($id: ID!) { issueEvaluationTokens(commitmentId: $id, category: public, count: 5) }`,
        { id },
        w.admin,
      )
    ).issueEvaluationTokens;
    for (const [i, rating] of [
      'satisfied',
      'satisfied',
      'basically_satisfied',
      'satisfied',
      'unsatisfied',
    ].entries())
      await must(
        `mutation($t: String!, $r: String!) { submitMassEvaluation(token: $t, rating: $r) }`,
        { t: tokens[i], r: rating },
        undefined,
        PUBLIC,
      );
    await must(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id }, sB.token);
    await eventually('the rectification', async () => {
      const r = await ctx.pg.query(
        `select c.stage, count(r.id)::int n from commitment.commitment c left join commitment.rectification r on r.commitment_id = c.id
          where c.id = $1 group by c.stage`,
        [id],
      );
      return r.rows[0]?.stage === 'rectification' && r.rows[0].n > 0;
    });

    // Nothing changes from here: the next snapshot must show exactly what the projections hold.
    const {
      rows: [{ now: stableSince }],
    } = await ctx.pg.query(`select now()`);
    const scope = w.unit['P']!.path;
    const county = w.unit['C']!.path;
    const snapshot = await eventually(
      'a monthly snapshot taken after the last change',
      async () => {
        const d = await must<{ reportSnapshots: Record<string, any>[] }>(
          SNAPSHOTS,
          { c: campaignId, p: 'monthly' },
          w.admin,
        );
        const fresh = d.reportSnapshots.filter((s) => new Date(s['takenAt']) > stableSince);
        const label = fresh.find((s) => s['level'] === 'scope')?.['periodLabel'];
        return label ? fresh.filter((s) => s['periodLabel'] === label) : null;
      },
      30_000,
    );
    const [whole, inCounty] = [
      snapshot.find((s) => s['orgPath'] === scope)!,
      snapshot.find((s) => s['orgPath'] === county)!,
    ];
    expect(snapshot).toHaveLength(2); // the campaign's scope and its one county
    expect(inCounty).toMatchObject({ level: 'county', orgName: '评议测试C' });
    for (const [row, path] of [
      [whole, scope],
      [inCounty, county],
    ] as const) {
      const direct = await directFigures(ctx.pg, campaignId, path);
      expect(row).toMatchObject(direct);
      expect(row['rectificationRate']).toBe(
        direct.rectifications ? direct.rectificationsSettled / direct.rectifications : null,
      );
      expect(row['satisfactionRate']).toBeCloseTo(4 / 5);
    }
    expect(whole).toMatchObject({
      commitments: 7,
      reviewsByMode: [{ key: 'talk', label: '谈话点评', count: 1 }],
      reviewsNotPassed: 1,
      redoOrders: 1,
      kept: 1,
      massResponses: 5,
      satisfied: 3,
      basicallySatisfied: 1,
      unsatisfied: 1,
    });
    expect(whole['rectifications']).toBeGreaterThan(0);
    // The run is labelled by the time the schedule set (an interval of 3 s counts from the epoch), not by when it ran.
    expect(new Date(whole['scheduledAt']).getTime() % 3000).toBe(0);
    expect(whole['periodLabel']).toBe(new Date(whole['scheduledAt']).toISOString().replace('.000Z', 'Z'));
    // Frozen: one row per period and organisation.
    const dup = await ctx.pg.query(
      `select count(*)::int n from commitment.report_snapshot where campaign_id = $1 group by period, period_label, org_path having count(*) > 1`,
      [campaignId],
    );
    expect(dup.rowCount).toBe(0);

    // A county admin sees the county's report only; a scope outside their own is refused.
    const countyAdmin = await tokenFor(['county_admin'], county);
    const mine = await must<{ reportSnapshots: { orgPath: string }[] }>(
      SNAPSHOTS,
      { c: campaignId, p: 'monthly' },
      countyAdmin,
    );
    expect(mine.reportSnapshots.length).toBeGreaterThan(0);
    expect(mine.reportSnapshots.every((s) => s.orgPath === county)).toBe(true);
    expect(
      code(await gql(SNAPSHOTS, { c: campaignId, p: 'monthly', o: scope }, { token: countyAdmin })),
    ).toBe('OUT_OF_SCOPE');
    expect(code(await gql(SNAPSHOTS, { c: campaignId, p: 'yearly' }, { token: w.admin }))).toBe('BAD_INPUT');

    // ---- 摇号抽查: the same seed draws the same subjects, which anyone can recompute from the candidates ----
    const draw = async (v: Record<string, unknown>, token = w.admin) =>
      (await must<{ drawSpotCheck: Record<string, any> }>(DRAW, { c: campaignId, ...v }, token))
        .drawSpotCheck;
    const first = await draw({ u: 2, k: 2, s: 'e2e-seed-1' });
    const again = await draw({ u: 2, k: 2, s: 'e2e-seed-1' });
    expect(again).toEqual(first);
    expect(first).toMatchObject({
      seed: 'e2e-seed-1',
      method: 'sha256-rank/v1',
      scopePath: scope,
      reproducible: true,
    });
    expect(first['week']).toMatch(/^\d{4}-W\d{2}$/);
    const units = (
      await ctx.pg.query(
        `select subject_id as id, subject_name as name from commitment.commitment where campaign_id = $1 and subject_kind = 'unit'`,
        [campaignId],
      )
    ).rows;
    const cadres = (
      await ctx.pg.query(
        `select distinct reviewer_id as id, reviewer_name as name from commitment.commitment where campaign_id = $1`,
        [campaignId],
      )
    ).rows;
    expect(first['unitCandidates']).toBe(5);
    expect(first['cadreCandidates']).toBe(cadres.length);
    const expected = drawSpotCheckSample({ seed: 'e2e-seed-1', units, cadres, unitCount: 2, cadreCount: 2 });
    expect(first['units'].map((u: any) => u.id)).toEqual(expected.units.map((u) => u.id));
    expect(first['cadres'].map((u: any) => u.id)).toEqual(expected.cadres.map((u) => u.id));
    expect(first['tasks']).toHaveLength(4);
    expect(
      (
        await ctx.pg.query(`select count(*)::int n from commitment.inspection_task where draw_id = $1`, [
          first['id'],
        ])
      ).rows[0].n,
    ).toBe(4); // the second call opened no second set of tasks
    const other = await draw({ u: 2, k: 2, s: 'e2e-seed-2' });
    expect(other['id']).not.toBe(first['id']);
    expect(other['units'].map((u: any) => u.id)).toEqual(
      drawSpotCheckSample({ seed: 'e2e-seed-2', units, cadres, unitCount: 2, cadreCount: 2 }).units.map(
        (u) => u.id,
      ),
    );
    // Without a seed, one is made and kept; a second click in the same week finds that draw.
    const unseeded = await draw({ u: 1, k: 1 });
    expect(unseeded['seed']).toMatch(new RegExp(`^${campaignId}:\\d{4}-W\\d{2}:[0-9a-f]{8}$`));
    expect((await draw({ u: 1, k: 1 }))['id']).toBe(unseeded['id']);
    expect(code(await gql(DRAW, { c: campaignId, u: 0, k: 0 }, { token: w.admin }))).toBe('BAD_INPUT');
    expect(code(await gql(DRAW, { c: campaignId, u: 1, k: 1 }, { token: M.token }))).toBe('FORBIDDEN');
    expect(code(await gql(DRAW, { c: campaignId, o: scope, u: 1, k: 1 }, { token: countyAdmin }))).toBe(
      'OUT_OF_SCOPE',
    );

    // 三不过关 findings: once per task, by an admin in scope.
    const unitTask = first['tasks'].find((t: any) => t.subjectKind === 'unit');
    const finding = (
      await must<{ recordInspectionFinding: Record<string, any> }>(
        FINDING,
        { t: unitTask.id, a: true, b: false, c: true, n: '点评没有点出具体不足' },
        w.admin,
      )
    ).recordInspectionFinding;
    expect(finding).toMatchObject({
      status: 'done',
      statusLabel: '已检查',
      passed: false,
      note: '点评没有点出具体不足',
    });
    expect(code(await gql(FINDING, { t: unitTask.id, a: true, b: true, c: true }, { token: w.admin }))).toBe(
      'CONFLICT',
    );
    const cadreTask = first['tasks'].find((t: any) => t.subjectKind === 'cadre');
    expect(
      code(await gql(FINDING, { t: cadreTask.id, a: true, b: false, c: true }, { token: w.admin })),
    ).toBe('BAD_INPUT'); // a failed check needs a note
    expect(code(await gql(FINDING, { t: cadreTask.id, a: true, b: true, c: true }, { token: M.token }))).toBe(
      'FORBIDDEN',
    );

    // The weekly schedule (every 4 s here) draws by itself, with a seed of its own.
    const scheduled = await eventually(
      'a scheduled draw',
      async () => {
        const d = await must<{ spotChecks: Record<string, any>[] }>(SPOT_CHECKS, { c: campaignId }, w.admin);
        return d.spotChecks.find((x) => x['drawnBy'] === 'system:schedule');
      },
      30_000,
    );
    expect(scheduled['seed']).toMatch(new RegExp(`^${campaignId}:${scheduled['week']}:[0-9a-f]{8}$`));
    expect(scheduled).toMatchObject({ reproducible: true });
    expect(scheduled['units']).toHaveLength(2);
    expect(scheduled['cadres']).toHaveLength(1);
    // A county admin sees a prefecture-wide draw only as far as their county reaches.
    const countyView = await must<{ spotChecks: { tasks: { orgPath: string }[] }[] }>(
      SPOT_CHECKS,
      { c: campaignId },
      countyAdmin,
    );
    for (const d of countyView.spotChecks)
      for (const t of d.tasks) expect(t.orgPath === county || t.orgPath.startsWith(county + '.')).toBe(true);

    // Every draw, finding and snapshot is an event on Kafka.
    await eventually('the events on Kafka', async () => {
      const types = new Set(
        ctx.kafka.events.filter((e) => e.payload['campaignId'] === campaignId).map((e) => e.type),
      );
      return ['report.snapshotted', 'spot_check.drawn', 'spot_check.inspected'].every((t) => types.has(t));
    });
    const drawn = ctx.kafka.events.filter(
      (e) => e.type === 'spot_check.drawn' && e.payload['data']['drawId'] === first['id'],
    );
    expect(drawn).toHaveLength(1);
    expect(drawn[0]!.payload['data']).toMatchObject({ seed: 'e2e-seed-1', unitCandidates: 5 });
  }, 180_000);

  it('calendar schedules: the 1st of the month, the first day of each quarter, Mondays (Beijing time); kept on a second openCampaign', async () => {
    const campaignId = `${w.p}-cal`;
    campaigns.push(campaignId);
    const year = new Date().getUTCFullYear();
    const open = {
      id: campaignId,
      name: '日历计划测试活动',
      year,
      scopePath: w.unit['P']!.path,
      settingsJson: JSON.stringify(fastSettings()),
      subjects: [{ kind: 'unit', id: w.unit['B2']!.id }],
    };
    await must(OPEN, { i: open }, w.admin);
    await must(OPEN, { i: open }, w.admin);
    const schedule = (id: string) => temporal.schedule.getHandle(id).describe();
    const monthly = await schedule(campaignScheduleId.monthly(campaignId));
    const quarterly = await schedule(campaignScheduleId.quarterly(campaignId));
    const weekly = await schedule(campaignScheduleId.spotCheck(campaignId));
    expect(monthly.action).toMatchObject({ type: 'startWorkflow', workflowType: 'reportWorkflow' });
    expect(weekly.action).toMatchObject({ type: 'startWorkflow', workflowType: 'spotCheckWorkflow' });
    expect(monthly.spec.endAt?.toISOString()).toBe(`${year + 1}-01-01T16:00:00.000Z`);
    const next = (d: typeof monthly) => d.info.nextActionTimes;
    // The schedules end with the year (after the December and fourth-quarter reports): late in December some have none.
    for (const t of next(monthly))
      expect([t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes()]).toEqual([1, 1, 0]);
    for (const t of next(quarterly)) {
      expect([0, 3, 6, 9]).toContain(t.getUTCMonth());
      expect([t.getUTCDate(), t.getUTCHours()]).toEqual([1, 2]);
    }
    for (const t of next(weekly)) expect([t.getUTCDay(), t.getUTCHours()]).toEqual([1, 1]);
    expect(next(monthly).length + next(weekly).length).toBeGreaterThan(0);
    // 节点通报: one firing per node of the calendar, 2 s after it (windows of 300 s: the first node 600 s after the start).
    const nodes = await schedule(campaignScheduleId.milestones(campaignId));
    expect(nodes.action).toMatchObject({ type: 'startWorkflow', workflowType: 'milestoneNoticeWorkflow' });
    const [{ started_at: startedAt }] = (
      await ctx.pg.query(`select started_at from commitment.campaign where id = $1`, [campaignId])
    ).rows;
    const firstNode = (next(nodes)[0]!.getTime() - new Date(startedAt).getTime()) / 1000;
    expect(firstNode).toBeGreaterThan(601);
    expect(firstNode).toBeLessThanOrEqual(602);
  }, 60_000);

  it('节点通报: when a node passes, who missed it is named (list = direct count), once, within each scope', async () => {
    const campaignId = `${w.p}-node`;
    campaigns.push(campaignId);
    const [M, N, sB] = [w.person('M'), w.person('N'), w.person('sB')];
    const subjects = [
      ...['C', 'K', 'B', 'B2'].map((u) => ({ kind: 'unit', id: w.unit[u]!.id })),
      ...['M', 'N', 'X'].map((m) => ({ kind: 'member', id: w.person(m).id })),
    ];
    // The first node (定诺及审核) 40 s after the start; the rest far later.
    const settings = {
      ...fastSettings({ draftDays: 30, acceptanceDays: 10 }),
      schedules: { monthlyReport: 'off', quarterlyReport: 'off', spotCheck: 'off' },
    };
    const t0 = Date.now();
    await must(
      OPEN,
      {
        i: {
          id: campaignId,
          name: '节点通报测试活动',
          year: 2026,
          scopePath: w.unit['P']!.path,
          settingsJson: JSON.stringify(settings),
          subjects,
        },
      },
      w.admin,
    );
    const ids = await eventually('seven commitments with their reviewers', async () => {
      const r = await ctx.pg.query(
        `select id, subject_id from commitment.commitment where campaign_id = $1 and reviewer_id is not null`,
        [campaignId],
      );
      return r.rowCount === 7 ? new Map(r.rows.map((x) => [x.subject_id as string, x.id as string])) : null;
    });
    // M is committed in time; N submits but is not yet accepted; X and the units do nothing.
    const submit = (id: string, token: string) =>
      must(
        `mutation($id: ID!, $items: [CommitmentItemInputType!]!) { submitCommitment(commitmentId: $id, items: $items) { ok } }`,
        { id, items: [{ content: '每周走访困难群众', target: '全年50户', dueDate: '2026-12-31' }] },
        token,
      );
    await submit(ids.get(M.id)!, M.token);
    await must(
      `mutation($id: ID!) { reviewCommitment(commitmentId: $id, decision: accept) { ok } }`,
      { id: ids.get(M.id)! },
      sB.token,
    );
    await submit(ids.get(N.id)!, N.token);
    expect(Date.now() - t0).toBeLessThan(35_000); // all before the node

    const NOTICES = `query($c: String!, $o: String) { milestoneNotices(campaignId: $c, orgPath: $o) {
      id milestone label node nodeAt orgPath due missed reachedRate byCounty { orgPath orgName due missed } } }`;
    const MISSED = `query($n: ID!, $o: String, $f: Int, $a: String) { milestoneNoticeMissed(noticeId: $n, orgPath: $o, first: $f, after: $a) {
      items { commitmentId subjectKind subjectName orgPath stage stageLabel } nextCursor } }`;
    const notice = await eventually(
      'the notice of the first node',
      async () =>
        (
          await must<{ milestoneNotices: Record<string, any>[] }>(NOTICES, { c: campaignId }, w.admin)
        ).milestoneNotices.find((n) => n['milestone'] === 'committed'),
      90_000,
    );
    const direct = (
      await ctx.pg.query(
        `select id from commitment.commitment where campaign_id = $1 and stage in ('drafting', 'acceptance') order by id`,
        [campaignId],
      )
    ).rows.map((r) => r.id as string);
    expect(direct).toHaveLength(6);
    expect(notice).toMatchObject({
      label: '已承诺（审核通过）',
      node: '定诺及审核',
      orgPath: w.unit['P']!.path,
      due: 7,
      missed: direct.length,
      reachedRate: 14.3,
      byCounty: [{ orgPath: w.unit['C']!.path, orgName: '评议测试C', due: 7, missed: 6 }],
    });
    // The node: 40 s after the campaign started.
    const [{ started_at: startedAt }] = (
      await ctx.pg.query(`select started_at from commitment.campaign where id = $1`, [campaignId])
    ).rows;
    expect(new Date(notice['nodeAt']).getTime() - new Date(startedAt).getTime()).toBe(40_000);

    // The list, page by page, is exactly who a direct count finds.
    const listed: Record<string, any>[] = [];
    for (let after: string | undefined; ;) {
      const page = (
        await must<{ milestoneNoticeMissed: { items: Record<string, any>[]; nextCursor?: string } }>(
          MISSED,
          { n: notice['id'], f: 2, a: after },
          w.admin,
        )
      ).milestoneNoticeMissed;
      listed.push(...page.items);
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(listed.map((x) => x['commitmentId']).sort()).toEqual(direct);
    expect(listed.find((x) => x['commitmentId'] === ids.get(N.id))).toMatchObject({
      subjectKind: 'member',
      stage: 'acceptance',
      stageLabel: '上级审核',
    });

    // Within a subtree: branch B (unit B, N, X missed; M reached); a scope outside one's own is refused.
    const inB = (
      await must<{ milestoneNotices: Record<string, any>[] }>(
        NOTICES,
        { c: campaignId, o: w.unit['B']!.path },
        w.admin,
      )
    ).milestoneNotices[0]!;
    expect(inB).toMatchObject({ orgPath: w.unit['B']!.path, due: null, missed: 3, byCounty: [] });
    const countyAdmin = await tokenFor(['county_admin'], w.unit['C']!.path);
    expect(
      (await must<{ milestoneNotices: Record<string, any>[] }>(NOTICES, { c: campaignId }, countyAdmin))
        .milestoneNotices[0],
    ).toMatchObject({ due: 7, missed: 6 });
    expect(code(await gql(NOTICES, { c: campaignId, o: w.unit['P']!.path }, { token: M.token }))).toBe(
      'OUT_OF_SCOPE',
    );
    expect(code(await gql(MISSED, { n: notice['id'], o: w.unit['K']!.path }, { token: M.token }))).toBe(
      'OUT_OF_SCOPE',
    );

    // Told: N (named) and sB (for N and X under review) — M not; one event with the figures.
    const inbox = async (personId: string) =>
      (
        await ctx.pg.query(
          `select title, body from commitment.inbox_message where person_id = $1 and kind = 'milestone'`,
          [personId],
        )
      ).rows;
    expect(await inbox(M.id)).toHaveLength(0);
    expect(await inbox(N.id)).toEqual([
      expect.objectContaining({
        title: '【节点通报】“定诺及审核”节点已过',
        body: expect.stringContaining('上级审核'),
      }),
    ]);
    expect((await inbox(sB.id))[0]?.body).toMatch(/您负责审核点评的 2 个对象未按期达到/);
    const event = await eventually('the campaign.milestone_noticed event on Kafka', async () => {
      const seen = ctx.kafka.events.filter(
        (e) => e.type === 'campaign.milestone_noticed' && e.payload['campaignId'] === campaignId,
      );
      return seen.length > 0 ? seen : null;
    });
    expect(event).toHaveLength(1);
    expect(event[0]!.payload['data']).toMatchObject({
      milestone: 'committed',
      due: 7,
      reached: 1,
      missed: 6,
    });

    // Fired again (a repeated or manual run): nothing more.
    await temporal.schedule.getHandle(campaignScheduleId.milestones(campaignId)).trigger();
    await eventually('the triggered run completed', async () => {
      const runs: string[] = [];
      for await (const x of temporal.workflow.list({
        query: `WorkflowType = 'milestoneNoticeWorkflow' AND ExecutionStatus = 'Completed'`,
      }))
        if (x.workflowId.startsWith(campaignScheduleId.milestones(campaignId))) runs.push(x.workflowId);
      return runs.length >= 2;
    });
    const counts = (
      await ctx.pg.query(
        `select (select count(*)::int from commitment.milestone_notice where campaign_id = $1) notices,
                (select count(*)::int from commitment.outbox_event where type = 'campaign.milestone_noticed'
                   and envelope->'payload'->>'campaignId' = $1) events`,
        [campaignId],
      )
    ).rows[0];
    expect(counts).toEqual({ notices: 1, events: 1 });
  }, 180_000);

  it('keeps the coverage counters equal to a direct count, overdue flags included', async () => {
    const rows = await expectCoverageCountersExact(ctx.pg);
    expect(rows.some((r) => r.overdue > 0)).toBe(true);
  });
});
