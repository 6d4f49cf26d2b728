import { MILESTONE_ORDER, Stage, milestoneReached } from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';
import { TOP_DEPTH } from '../model/rollup';
import { byGroup, childOf, inSubtree, type Grouping } from './subtree';
import { categoryLabel, gradeLabel, milestoneLabel, modeLabel, stageLabel } from './labels';
import type { Figures, SatisfactionFigures } from './figures.types';

type N = number;
interface StageRow {
  g: string;
  stage: string;
  n: N;
  missed: N;
  objections: N;
  objected: N;
}
interface KeyRow {
  g: string;
  k: string | null;
  n: N;
  failed: N;
}
interface MassRow {
  g: string;
  category: string;
  responses: N;
  satisfied: N;
  basically: N;
  unsatisfied: N;
}
interface RectRow {
  g: string;
  total: N;
  open: N;
  overdue: N;
  listed: N;
  verified: N;
  reopened: N;
  cancelled: N;
  escalated: N;
}
const ACTIVE_END = new Set(['closed', 'cancelled']);

/**
 * The rollup's sums under node `$2` (campaign `$1`) per group and key: a node of the top levels (or its children
 * there) reads its subtree sums from `node_rollup_top`, one row per key; deeper, the paths under it are summed.
 */
function rollupSums(S: string, key: string, path: string, grouping: Grouping): string {
  const depth = path.split('.').length + (grouping === 'children' ? 1 : 0);
  if (depth <= TOP_DEPTH)
    return grouping === 'node'
      ? `select $2::text g, ${key} k, sum(n)::int n from ${S}.node_rollup_top
          where campaign_id = $1 and org_path = $2 group by 1, 2 having sum(n) <> 0`
      : `select org_path g, ${key} k, sum(n)::int n from ${S}.node_rollup_top
          where campaign_id = $1 and starts_with(org_path, $2 || '.')
            and cardinality(string_to_array(org_path, '.')) = ${depth}
          group by 1, 2 having sum(n) <> 0`;
  const g = grouping === 'node' ? '$2::text' : childOf('org_path');
  const own = grouping === 'node' ? '' : ' and org_path <> $2';
  return `select ${g} g, ${key} k, sum(n)::int n from ${S}.node_rollup
     where campaign_id = $1 and ${inSubtree('org_path', '$2')}${own}
     group by 1, 2 having sum(n) <> 0`;
}

/**
 * Every figure of a campaign's commitments under node `path`, for the node itself or for each unit under it: summed
 * from the node rollup (per org path, kept by the apply with the facts: see model/rollup.ts) at the time asked (an
 * overdue rectification is one still open past its deadline now).
 */
export async function figures(
  sql: SqlClient,
  S: string,
  campaignId: string,
  path: string,
  grouping: Grouping,
): Promise<{ groups: string[]; of: (g: string) => Figures }> {
  // Open rectifications' deadlines (`due:<epoch>`) count as overdue once past.
  const key = `case when not starts_with(k, 'due:') then k
      when substr(k, 5)::numeric < extract(epoch from now()) then 'rect:overdue' else 'due' end`;
  const [sums, threshold] = await Promise.all([
    byGroup<{ g: string; k: string; n: N }>(sql, rollupSums(S, key, path, grouping), [campaignId, path]),
    sql.query<{ min: N }>(`select min_mass_responses min from ${S}.campaign where id = $1`, [campaignId]),
  ]);
  const min = threshold[0]?.min ?? 5;
  const of = (g: string): Figures => {
    const k = keyed(sums.get(g) ?? []);
    return {
      ...subjectFigures(
        k.of('stage').map(([stage, n]) => ({
          g,
          stage,
          n,
          missed: k.n(`missed:${stage}`),
          objections: k.n(`objections:${stage}`),
          objected: k.n(`objected:${stage}`),
        })),
      ),
      grades: k.of('grade').map(([grade, count]) => ({ grade, label: gradeLabel(grade), count })),
      reviews: reviewFigures(
        [...new Set([...k.of('review'), ...k.of('sentback')].map(([mode]) => mode))]
          .sort()
          .map((mode) => ({ g, k: mode, n: k.n(`review:${mode}`), failed: k.n(`sentback:${mode}`) })),
      ),
      redoOrders: redoFigures(k.of('redo').map(([source, n]) => ({ g, k: source, n, failed: 0 }))),
      satisfaction: satisfactionFigures(
        k
          .of('mass')
          .filter(([c]) => c.endsWith(':rows'))
          .map(([c]) => c.slice(0, -':rows'.length))
          .map((category) => ({
            g,
            category,
            responses: k.n(`mass:${category}:r`),
            satisfied: k.n(`mass:${category}:s`),
            basically: k.n(`mass:${category}:b`),
            unsatisfied: k.n(`mass:${category}:u`),
          })),
        min,
      ),
      rectifications: rectificationFigures({
        g,
        total: k.n('rect:total'),
        open: k.n('rect:open'),
        overdue: k.n('rect:overdue'),
        listed: k.n('rect:listed'),
        verified: k.n('rect:verified'),
        reopened: k.n('rect:reopened'),
        cancelled: k.n('rect:cancelled'),
        escalated: k.n('rect:escalated'),
      }),
      accountability: { records: k.n('acc:records'), causesFilled: k.n('acc:filled') },
    };
  };
  return { groups: [...sums.keys()].filter((x) => keyed(sums.get(x) ?? []).of('stage').length > 0), of };
}

/** A group's sums by key (`<kind>:<rest>`): one key's count, and the keys of a kind (by their rest, sorted). */
function keyed(rows: { k: string; n: N }[]) {
  const m = new Map(rows.map((r) => [r.k, r.n]));
  return {
    n: (k: string) => m.get(k) ?? 0,
    of: (kind: string): [string, N][] =>
      rows
        .filter((r) => r.k.startsWith(`${kind}:`))
        .map((r): [string, N] => [r.k.slice(kind.length + 1), r.n])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}

function subjectFigures(rows: StageRow[]) {
  const count = (stage: string) => rows.find((r) => r.stage === stage)?.n ?? 0;
  const active = rows.filter((r) => !ACTIVE_END.has(r.stage));
  const sum = (rs: StageRow[], f: (r: StageRow) => N) => rs.reduce((s, r) => s + f(r), 0);
  return {
    subjects: sum(rows, (r) => r.n),
    byStage: Stage.options.map((stage) => ({ stage, label: stageLabel(stage), count: count(stage) })),
    milestones: MILESTONE_ORDER.map((m) => ({
      milestone: m,
      label: milestoneLabel(m),
      reached: sum(
        rows.filter((r) => milestoneReached(r.stage, m)),
        (r) => r.n,
      ),
    })),
    onTime: sum(active, (r) => r.n - r.missed),
    overdue: sum(rows, (r) => r.missed),
    objections: sum(rows, (r) => r.objections),
    subjectsWithObjections: sum(rows, (r) => r.objected),
  };
}

function reviewFigures(rows: KeyRow[]) {
  return {
    total: rows.reduce((s, r) => s + r.n, 0),
    sentBackByCheck: rows.reduce((s, r) => s + r.failed, 0),
    byMode: rows
      .filter((r) => r.n > 0)
      .map((r) => ({ mode: r.k ?? '', label: modeLabel(r.k ?? ''), count: r.n })),
  };
}

function redoFigures(rows: KeyRow[]) {
  const of = (k: string) => rows.find((r) => r.k === k)?.n ?? 0;
  return {
    total: rows.reduce((s, r) => s + r.n, 0),
    byCheck: of('check'),
    byAdmin: of('admin'),
    byInspection: of('inspection'),
  };
}

/** Per evaluator category and in all: withheld (every count null) below the campaign's threshold of responses. */
export function satisfactionFigures(rows: MassRow[], min: number): SatisfactionFigures[] {
  const all = rows.reduce(
    (t, r) => ({
      ...t,
      responses: t.responses + r.responses,
      satisfied: t.satisfied + r.satisfied,
      basically: t.basically + r.basically,
      unsatisfied: t.unsatisfied + r.unsatisfied,
    }),
    { g: '', category: 'all', responses: 0, satisfied: 0, basically: 0, unsatisfied: 0 },
  );
  return [all, ...rows].map((r) => {
    const shown = r.responses >= min && r.responses > 0;
    return {
      category: r.category,
      label: categoryLabel(r.category),
      withheld: !shown,
      responses: shown ? r.responses : null,
      satisfied: shown ? r.satisfied : null,
      basicallySatisfied: shown ? r.basically : null,
      unsatisfied: shown ? r.unsatisfied : null,
      rate: shown ? (r.satisfied + r.basically) / r.responses : null,
    };
  });
}

function rectificationFigures(r: RectRow | undefined) {
  const x = r ?? {
    total: 0,
    open: 0,
    overdue: 0,
    listed: 0,
    verified: 0,
    reopened: 0,
    cancelled: 0,
    escalated: 0,
  };
  const counted = x.total - x.cancelled;
  return {
    total: x.total,
    open: x.open,
    overdue: x.overdue,
    listed: x.listed,
    verified: x.verified,
    reopened: x.reopened,
    cancelled: x.cancelled,
    escalated: x.escalated,
    rate: counted > 0 ? x.verified / counted : null,
  };
}
