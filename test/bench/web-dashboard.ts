/* The dashboards' part of `npm run bench:web`: the 总览 of a Baotou-size prefecture and the drill-down steps.
   The org tree of the preset is seeded through the org service's bulk import; a campaign is opened over it (one real
   subject, so the commitment service knows it and insight has its campaign row), then insight's read model is filled
   straight in SQL with one commitment per active unit and member of the preset (174,535 for Baotou), in every stage,
   with reviews and rectification items — what insight would hold after the campaign's events (the consumer itself is
   measured by bench:insight). Then per run a fresh browser context (empty cache) as the prefecture administrator:
   the overview opened by address until its figures show, then down the tree with the 进入下级组织 list (prefecture →
   county → committee → branch), each step from the choice until the node's figures show. */
import { CONTRIBUTING, contributions, toTop } from '@pingyi/insight-service/dist/model/rollup';
import type { Browser, Page } from 'playwright-core';
import { Client as PgClient } from 'pg';
import { openOrgOrm, seedPreset, type PresetName } from '@pingyi/seed';
import { percentile } from './bench-util';

export const DASHBOARD_TARGET = { overview: 2000, drill: 1000 };
const CAMPAIGN = 'bench-dash';
const STAGES = [
  'drafting',
  'acceptance',
  'publicity',
  'fulfilment',
  'self_evaluation',
  'mutual_review',
  'leadership_review',
  'mass_evaluation',
  'rectification',
  'follow_up',
  'outcome',
  'closed',
];
const AFTER_REVIEW = STAGES.slice(STAGES.indexOf('mass_evaluation'));
const MODES = ['meeting', 'on_site', 'talk', 'written', 'remote'];
const GRADES = ['good', 'fair', 'poor'];

export interface DashboardBenchInput {
  browser: Browser;
  databaseUrl: string;
  pepper: string;
  web: string;
  preset: string;
  runs: number;
  /** Signs a prefecture administrator of `orgPath`. */
  admin: (orgPath: string) => Promise<string>;
  gql: <T>(token: string, query: string, variables?: object) => Promise<T>;
}

/** Seeds the preset and the read model; returns the root path and the number of commitments written. */
async function seed(i: DashboardBenchInput): Promise<{ root: string; subjects: number; token: string }> {
  const orm = await openOrgOrm(i.databaseUrl);
  const seeded = await seedPreset(orm, { preset: i.preset as PresetName, pepper: i.pepper });
  await orm.close();
  const root = seeded.rootCode;
  const token = await i.admin(root);
  const pg = new PgClient({ connectionString: i.databaseUrl });
  await pg.connect();
  try {
    const [first] = (
      await pg.query<{ id: string }>(
        `select id from org.unit where path <@ $1::ltree and level = 'county' order by path limit 1`,
        [root],
      )
    ).rows;
    await i.gql(token, 'mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { started } }', {
      i: {
        id: CAMPAIGN,
        name: '看板基准测试活动',
        year: 2026,
        scopePath: root,
        subjects: [{ kind: 'unit', id: first!.id }],
      },
    });
    // Insight has the campaign and its one real commitment (from the events) before the rest is written beside it.
    for (let n = 0; ; n += 1) {
      const r = await pg.query(`select 1 from insight.commitment_fact where campaign_id = $1`, [CAMPAIGN]);
      if (r.rowCount) break;
      if (n > 1200) throw new Error('insight has no commitment of the campaign after 10 minutes');
      await new Promise((res) => setTimeout(res, 500));
    }
    await pg.query(
      `insert into insight.unit (id, path, name, level)
         select id::text, path::text, name, level::text from org.unit where path <@ $1::ltree
       on conflict (id) do nothing`,
      [root],
    );
    /** A deterministic spread: 0 … n-1 from the subject id and a salt. */
    const h = (col: string, salt: string, n: number) =>
      `((hashtext(${col} || '${salt}') & 2147483647) % ${n})`;
    const { rowCount } = await pg.query(
      `insert into insight.commitment_fact (id, campaign_id, subject_kind, subject_id, subject_name, org_path, stage,
          stage_deadline, deadline_missed, reviewer_id, reviewer_name, grade, objections, mass_shown, opened_at,
          closed_at, updated_at)
       select gen_random_uuid(), $3::varchar, s.kind, s.id, s.name, s.path, ($2::text[])[1 + ${h('s.id', 'stage', STAGES.length)}],
              now() + interval '10 days', ${h('s.id', 'late', 9)} = 0, 'bench-reviewer', '点评人',
              null, case when ${h('s.id', 'obj', 50)} = 0 then 1 else 0 end, null, now() - interval '30 days', null, now()
         from (select id::text, name, path::text, 'unit' kind from org.unit where path <@ $1::ltree and status = 'active'
               union all
               select id::text, name, branch_path::text, 'member' from org.member
                where branch_path <@ $1::ltree and status = 'active') s
        where not exists (select 1 from insight.commitment_fact f where f.campaign_id = $3 and f.subject_id = s.id)`,
      [root, STAGES, CAMPAIGN],
    );
    await pg.query(
      `update insight.commitment_fact set grade = ($2::text[])[1 + ${h('subject_id', 'g', 3)}],
              closed_at = case when stage = 'closed' then now() end
        where campaign_id = $1 and stage = any($3)`,
      [CAMPAIGN, GRADES, AFTER_REVIEW],
    );
    await pg.query(
      `insert into insight.review_fact (id, commitment_id, reviewer_id, mode, grade, passed, at)
       select gen_random_uuid(), id, 'bench-reviewer', ($2::text[])[1 + ${h('subject_id', 'm', 5)}], grade,
              true, now() - interval '5 days'
         from insight.commitment_fact where campaign_id = $1 and grade is not null`,
      [CAMPAIGN, MODES],
    );
    await pg.query(
      `insert into insight.rectification_fact (id, commitment_id, source, target, listed, status, escalation_level,
          deadline, opened_at, struck_off_at, updated_at)
       select 'bench-' || id, id, 'review', '整改目标', ${h('subject_id', 'l', 10)} = 0,
              case when stage in ('closed', 'outcome') then 'struck_off' else 'open' end,
              case when ${h('subject_id', 'e', 20)} = 0 then 1 else 0 end,
              now() + (${h('subject_id', 'd', 60)} - 20) * interval '1 day', now() - interval '5 days',
              case when stage in ('closed', 'outcome') then now() end, now()
         from insight.commitment_fact where campaign_id = $1 and grade is not null`,
      [CAMPAIGN],
    );
    // The panels sum the per-path rollup (and the top levels' sums), which the consumer keeps for what it applies:
    // the facts written here directly get theirs the way the rollups' migrations fill them.
    await pg.query(`delete from insight.node_rollup where campaign_id = $1`, [CAMPAIGN]);
    await pg.query(
      `insert into insight.node_rollup (campaign_id, org_path, k, n)
       select campaign_id, org_path, k, sum(n) from (${contributions(
         'insight',
         `select ${CONTRIBUTING} from insight.commitment_fact where campaign_id = $1`,
       )}) c
        group by campaign_id, org_path, k having sum(n) <> 0`,
      [CAMPAIGN],
    );
    await pg.query(`delete from insight.node_rollup_top where campaign_id = $1`, [CAMPAIGN]);
    await pg.query(
      `insert into insight.node_rollup_top (campaign_id, org_path, k, n)
       select campaign_id, org_path, k, n from (${toTop(
         'select campaign_id, org_path, k, n from insight.node_rollup where campaign_id = $1',
       )}) t where n <> 0`,
      [CAMPAIGN],
    );
    await pg.query(
      `analyze insight.commitment_fact, insight.review_fact, insight.rectification_fact, insight.unit, insight.node_rollup,
        insight.node_rollup_top`,
    );
    const [{ n }] = (
      await pg.query<{ n: number }>(
        `select count(*)::int n from insight.commitment_fact where campaign_id = $1`,
        [CAMPAIGN],
      )
    ).rows as [{ n: number }];
    console.log(`dashboards: ${rowCount} commitments written to insight's read model (${n} in the campaign)`);
    return { root, subjects: n, token };
  } finally {
    await pg.end();
  }
}

/** Seeds, then measures the overview and three drill-down steps; returns the report lines. */
export async function benchDashboards(i: DashboardBenchInput): Promise<string[]> {
  const { root, subjects, token } = await seed(i);
  const samples: Record<string, number[]> = { overview: [], county: [], committee: [], branch: [] };
  const shown = (page: Page) => page.locator('[data-figure="subjects"]').waitFor({ timeout: 60_000 });
  for (let run = 0; run < i.runs; run += 1) {
    const context = await i.browser.newContext({
      viewport: { width: 1280, height: 860 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    await context.addInitScript(`sessionStorage.setItem('pingyi.session', ${JSON.stringify(token)})`);
    const page = await context.newPage();
    let t = performance.now();
    await page.goto(new URL(`/dashboard/${CAMPAIGN}/${root}`, i.web).toString());
    await page.locator(`[data-figure="subjects"][data-value="${subjects}"]`).waitFor({ timeout: 60_000 });
    samples['overview']!.push(performance.now() - t);
    for (const step of ['county', 'committee', 'branch']) {
      await new Promise((r) => setTimeout(r, 2000)); // a person reads the page (not counted)
      const select = page.getByLabel('下级组织', { exact: true });
      await select.click();
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
      const name = (await option.getAttribute('title')) ?? '';
      t = performance.now();
      await option.click();
      await page.getByRole('heading', { name: `总览 · ${name}` }).waitFor({ timeout: 60_000 });
      await shown(page);
      samples[step]!.push(performance.now() - t);
    }
    await context.close();
  }
  const line = (label: string, key: string, target: number) => {
    const xs = samples[key]!;
    const median = percentile(xs, 50);
    return `${label.padEnd(36)} median ${median.toFixed(0).padStart(5)} ms, slowest ${Math.max(...xs)
      .toFixed(0)
      .padStart(5)} ms (target < ${target} ms${median < target ? ', met' : ', MISSED'})`;
  };
  return [
    `dashboards: preset ${i.preset} (root ${root}), ${subjects.toLocaleString('en')} commitments, ${i.runs} runs`,
    line('总览 of the prefecture (cold cache)', 'overview', DASHBOARD_TARGET.overview),
    line('drill-down prefecture → county', 'county', DASHBOARD_TARGET.drill),
    line('drill-down county → committee', 'committee', DASHBOARD_TARGET.drill),
    line('drill-down committee → branch', 'branch', DASHBOARD_TARGET.drill),
  ];
}
