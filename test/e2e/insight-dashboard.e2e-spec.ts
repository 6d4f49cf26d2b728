import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { gql, tokenFor } from './helpers';
import * as L from './lifecycle-fixtures';
import { FIGURES, directFigures, directReviewerStats, documentedScore, normalised } from './insight-fixtures';
import { seedInsightCampaign } from './insight-seed';

const DASHBOARD = `query($c: String!, $o: String) { dashboard(campaignId: $c, orgPath: $o) {
  campaignId orgPath unitName asOf figures { ${FIGURES} } } }`;
const RANKING = `query($c: String!, $o: String) { ranking(campaignId: $c, orgPath: $o) { orgPath asOf formula
  units { rank orgPath unitName score progress rectification onTime reviewQuality figures { ${FIGURES} } } } }`;
const OVERDUE = `query($c: String!, $o: String, $n: Int, $l: Int) {
  overdueRectifications(campaignId: $c, orgPath: $o, offset: $n, limit: $l) { total asOf
    items { id commitmentId subjectName orgPath unitName target status listed deadline daysOverdue escalationLevel } } }`;
const TREND = `query($c: String!, $o: String) { trend(campaignId: $c, orgPath: $o) { day reviews rectificationsOpened
  rectificationsVerified closed escalations reviewsToDate rectificationsOpenedToDate rectificationsVerifiedToDate
  closedToDate } }`;
const REVIEWERS = `query($c: String!, $o: String, $n: Int, $l: Int) {
  reviewerStats(campaignId: $c, orgPath: $o, offset: $n, limit: $l) { total
    items { reviewerId reviewerName reviewsDone passedFirstTime redoOrders } } }`;

/** Issue 17: live dashboard figures at every level, from the event stream only. */
describe('insight dashboards (issue 17)', () => {
  const ctx = L.useWorld();
  let campaignId = '';
  const paths = () => ['P', 'C', 'K', 'B'].map((k) => ctx.w.unit[k]!.path);

  const dashboard = async (path: string, token = ctx.w.admin) =>
    (await L.must<{ dashboard: Record<string, any> }>(DASHBOARD, { c: campaignId, o: path }, token))
      .dashboard;
  const equalAtEveryLevel = async () => {
    for (const path of paths()) {
      const [live, direct] = [
        normalised((await dashboard(path)).figures),
        await directFigures(ctx.pg, campaignId, path),
      ];
      if (JSON.stringify(live) !== JSON.stringify(direct)) return false;
    }
    return true;
  };

  beforeAll(async () => {
    ({ campaignId } = await seedInsightCampaign(ctx.w, ctx.pg));
  }, 600_000);

  it('every figure at the prefecture, a county, a committee and a branch equals a direct count', async () => {
    await L.eventually('insight caught up', equalAtEveryLevel, 60_000);
    for (const path of paths()) {
      const d = await dashboard(path);
      expect(normalised(d.figures)).toEqual(await directFigures(ctx.pg, campaignId, path));
      expect(d.asOf).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
      expect(d.unitName).toMatch(/^评议测试/);
    }
    const top = await dashboard(paths()[0]!);
    // Not vacuous: each kind of figure has something in it.
    expect(top.figures.subjects).toBe(5);
    expect(top.figures.reviews.total).toBe(3);
    expect(top.figures.redoOrders.byAdmin).toBe(1);
    expect(top.figures.objections).toBe(1);
    expect(top.figures.rectifications.overdue).toBeGreaterThan(0);
    expect(top.figures.accountability.records).toBeGreaterThan(0);
    expect(top.figures.satisfaction.find((s: any) => s.category === 'public').responses).toBe(5);
  }, 120_000);

  it('a group below the threshold shows no satisfaction at any level', async () => {
    for (const path of paths()) {
      const s = (await dashboard(path)).figures.satisfaction.find((x: any) => x.category === 'enterprise');
      expect(s).toMatchObject({
        withheld: true,
        responses: null,
        satisfied: null,
        unsatisfied: null,
        rate: null,
      });
    }
  });

  it('ranks the units under a node by the documented score', async () => {
    for (const key of ['P', 'K']) {
      const r = (
        await L.must<{ ranking: Record<string, any> }>(
          RANKING,
          { c: campaignId, o: ctx.w.unit[key]!.path },
          ctx.w.admin,
        )
      ).ranking;
      expect(r.units.length).toBeGreaterThan(0);
      for (const u of r.units) {
        const direct = await directFigures(ctx.pg, campaignId, u.orgPath);
        expect(normalised(u.figures)).toEqual(direct);
        expect(u.score).toBe(documentedScore(direct));
      }
      const order = [...r.units].sort(
        (a, b) =>
          b.score - a.score || b.figures.subjects - a.figures.subjects || (a.orgPath < b.orgPath ? -1 : 1),
      );
      expect(r.units.map((u: any) => u.orgPath)).toEqual(order.map((u) => u.orgPath));
      expect(r.units.map((u: any) => u.rank)).toEqual(r.units.map((_: unknown, i: number) => i + 1));
    }
    const k = (
      await L.must<{ ranking: Record<string, any> }>(
        RANKING,
        { c: campaignId, o: ctx.w.unit['K']!.path },
        ctx.w.admin,
      )
    ).ranking;
    expect(k.units.map((u: any) => u.orgPath).sort()).toEqual(
      [ctx.w.unit['B2']!.path, ctx.w.unit['G']!.path].sort(),
    );
  });

  it('lists overdue rectifications, reviewer figures and daily points equal to direct counts', async () => {
    const P = ctx.w.unit['P']!.path;
    const over = (
      await L.must<{ overdueRectifications: Record<string, any> }>(
        OVERDUE,
        { c: campaignId, o: P, n: 0, l: 10 },
        ctx.w.admin,
      )
    ).overdueRectifications;
    const { rows } = await ctx.pg.query(
      `select r.id from commitment.rectification r join commitment.commitment c on c.id = r.commitment_id
        where c.campaign_id = $1 and r.status in ('open', 'completed') and r.deadline < now() order by r.deadline, r.id`,
      [campaignId],
    );
    expect(over.total).toBe(rows.length);
    expect(over.items.map((i: any) => i.id)).toEqual(rows.map((r) => r.id));
    expect(over.items[0]).toMatchObject({ listed: true, subjectName: expect.any(String) });
    for (const path of paths()) {
      const stats = (
        await L.must<{ reviewerStats: Record<string, any> }>(
          REVIEWERS,
          { c: campaignId, o: path, n: 0, l: 50 },
          ctx.w.admin,
        )
      ).reviewerStats;
      const live = stats.items
        .map(({ reviewerName: _n, ...r }: any) => r)
        .sort((a: any, b: any) => (a.reviewerId < b.reviewerId ? -1 : 1));
      expect(live).toEqual(await directReviewerStats(ctx.pg, campaignId, path));
      // A page past the end still says how many there are.
      const past = (
        await L.must<{ reviewerStats: Record<string, any> }>(
          REVIEWERS,
          { c: campaignId, o: path, n: 1000, l: 10 },
          ctx.w.admin,
        )
      ).reviewerStats;
      expect(past).toEqual({ total: stats.total, items: [] });
    }
    const points = (
      await L.must<{ trend: Record<string, any>[] }>(TREND, { c: campaignId, o: P }, ctx.w.admin)
    ).trend;
    expect(points).toHaveLength(30);
    const top = (await dashboard(P)).figures;
    expect(points.at(-1)).toMatchObject({
      reviewsToDate: top.reviews.total,
      rectificationsOpenedToDate: top.rectifications.total,
    });
  });

  it('a county admin cannot read another county’s panels; /health reports the consumer lag', async () => {
    const other = await tokenFor(['county_admin'], ctx.w.unit['C2']!.path);
    const C = ctx.w.unit['C']!.path;
    for (const q of [DASHBOARD, RANKING, OVERDUE, TREND, REVIEWERS]) {
      const r = await gql(q, { c: campaignId, o: C, n: 0, l: 10 }, { token: other });
      expect(L.code(r)).toBe('OUT_OF_SCOPE');
      expect(r.data ?? null).toBeNull();
    }
    expect((await dashboard(ctx.w.unit['C2']!.path, other)).figures.subjects).toBe(0);
    const health = (await (
      await fetch(`http://127.0.0.1:${process.env['INSIGHT_PORT']}/health`)
    ).json()) as any;
    expect(health.checks.kafka.detail.lag).toEqual(
      expect.objectContaining({ 'insight.read-models@pingyi.commitment.events': expect.any(Number) }),
    );
  });

  it('rebuilds from the topics: the read models dropped, replayed and swapped in equal the live ones', async () => {
    // This suite's campaign and tree, which have settled: other suites' campaigns may still be moving (their timers
    // fire during the rebuild), so their rows and the global watermark are not compared.
    const ours = `select id from insight.commitment_fact where campaign_id = p.c`;
    const inTree = (column: string) => `(${column} = p.r or ${column} like p.r || '.%')`;
    const where: Record<string, string> = {
      campaign: `id = p.c`,
      unit: inTree('path'),
      commitment_fact: `campaign_id = p.c`,
      // The per-node rollup the panels sum, and the top levels' sums: rebuilt from the topics too.
      node_rollup: `campaign_id = p.c`,
      node_rollup_top: `campaign_id = p.c`,
      ...Object.fromEntries(
        ['review_fact', 'redo_order_fact', 'mass_fact', 'rectification_fact', 'accountability_fact'].map(
          (t) => [t, `commitment_id in (${ours})`],
        ),
      ),
      applied_event: `event_id in (select id from commitment.outbox_event where ${inTree("envelope->>'orgPath'")}
        union all select id from org.outbox_event where ${inTree("envelope->>'orgPath'")})`,
    };
    const dump = async () => {
      const out: Record<string, unknown> = {};
      // 防走过场: the texts as scored (the rebuild scores what it replayed; not when). A superseded (redone) text
      // keeps the counts it had then, which depend on which of its copies in other partitions came first: only
      // whether it is current is compared for it.
      out['perf_text'] = (
        await ctx.pg.query(
          `select id, kind, commitment_id, author_id, current, at, content, signature, features,
                  case when current then same_author end same_author, case when current then others end others,
                  case when current then score end score, case when current then flagged end flagged,
                  case when current then reasons end reasons
             from insight.perf_text where campaign_id = $1 order by id`,
          [campaignId],
        )
      ).rows;
      for (const [t, w] of Object.entries(where))
        out[t] = (
          await ctx.pg.query(
            `with p as (select $1::text c, $2::text r) select t.* from insight.${t} t, p where ${w} order by t::text`,
            [campaignId, paths()[0]],
          )
        ).rows;
      return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
    };
    await L.eventually('insight caught up', equalAtEveryLevel, 60_000);
    await L.eventually('its texts scored', async () => {
      const q = await ctx.pg.query<{ queued: number; scored: number }>(
        `select (select count(*)::int from insight.perf_queue where commitment->>'campaign_id' = $1) queued,
                (select count(*)::int from insight.perf_text where campaign_id = $1) scored`,
        [campaignId],
      );
      return q.rows[0]!.queued === 0 && q.rows[0]!.scored > 0;
    });
    const live = await dump();
    // asOf is the global watermark, which other suites' events move: compared as "not earlier", the figures as equal.
    const panelsNow = async () =>
      (await Promise.all(paths().map((p) => dashboard(p)))).map(({ asOf, ...rest }) => ({
        asOf: Date.parse(asOf),
        rest,
      }));
    const panels = await panelsNow();
    await ctx.pg.query(`truncate insight.campaign, insight.unit, insight.commitment_fact, insight.review_fact,
      insight.redo_order_fact, insight.mass_fact, insight.rectification_fact, insight.accountability_fact,
      insight.node_rollup, insight.node_rollup_top, insight.applied_event`);
    expect((await dashboard(paths()[0]!)).figures.subjects).toBe(0);
    const run = spawnSync(process.execPath, [join(__dirname, '../../services/insight/dist/rebuild.js')], {
      env: process.env,
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect({ status: run.status, err: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, err: '' });
    expect(await dump()).toEqual(live);
    const rebuilt = await panelsNow();
    expect(rebuilt.map((p) => p.rest)).toEqual(panels.map((p) => p.rest));
    rebuilt.forEach((p, i) => expect(p.asOf).toBeGreaterThanOrEqual(panels[i]!.asOf));
    expect(await equalAtEveryLevel()).toBe(true);
  }, 240_000);
});
