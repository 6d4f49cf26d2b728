import { drawSpotCheckSample } from '@pingyi/contracts';
import { gql, tokenFor } from './helpers';
import {
  GOOD_REVIEW,
  code,
  driveToMassEvaluation,
  eventually,
  fastSettings,
  must,
} from './lifecycle-fixtures';
import {
  DRAW,
  FINDING,
  OPEN,
  PUBLIC,
  SNAPSHOTS,
  SPOT_CHECKS,
  directFigures,
  useReportsWorld,
} from './reports-fixtures';

describe('reports (月报) and spot checks (摇号抽查) on schedules', () => {
  const rw = useReportsWorld();
  const { ctx, w, campaigns } = rw;

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
    // The county and the units one level below it (before: the county alone, no breakdown below county level).
    expect(mine.reportSnapshots.some((s) => s.orgPath === county)).toBe(true);
    expect(mine.reportSnapshots.every((s) => s.orgPath === county || s.orgPath === w.unit['K']!.path)).toBe(
      true,
    );
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
});
