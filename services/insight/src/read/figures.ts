import { MILESTONE_ORDER, Stage, milestoneReached } from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';
import { byGroup, commitmentsCte, type Grouping } from './subtree';
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
interface AccRow {
  g: string;
  records: N;
  filled: N;
}

const ACTIVE_END = new Set(['closed', 'cancelled']);

/**
 * Every figure of a campaign's commitments under node `path`, for the node itself or for each unit under it: counted
 * from the facts at the time asked (an overdue rectification is one still open past its deadline now).
 */
export async function figures(
  sql: SqlClient,
  S: string,
  campaignId: string,
  path: string,
  grouping: Grouping,
): Promise<{ groups: string[]; of: (g: string) => Figures }> {
  const cte = commitmentsCte(S, grouping);
  const params = [campaignId, path];
  const q = <T extends { g: string }>(text: string) => byGroup<T>(sql, `${cte} ${text}`, params);
  const [stages, grades, reviews, redos, mass, rects, accs, threshold] = await Promise.all([
    q<StageRow>(`select g, stage, count(*)::int n, count(*) filter (where deadline_missed)::int missed,
        sum(objections)::int objections, count(*) filter (where objections > 0)::int objected
      from c group by g, stage`),
    q<KeyRow>(
      `select g, grade k, count(*)::int n, 0 failed from c where grade is not null group by g, grade order by grade`,
    ),
    q<KeyRow>(`select c.g, r.mode k, count(*) filter (where r.passed)::int n,
        count(*) filter (where not r.passed)::int failed
      from ${S}.review_fact r join c on c.id = r.commitment_id group by c.g, r.mode order by r.mode`),
    q<KeyRow>(`select c.g, o.source k, count(*)::int n, 0 failed
      from ${S}.redo_order_fact o join c on c.id = o.commitment_id group by c.g, o.source`),
    q<MassRow>(`select c.g, m.category, sum(m.responses)::int responses, sum(m.satisfied)::int satisfied,
        sum(m.basically_satisfied)::int basically, sum(m.unsatisfied)::int unsatisfied
      from ${S}.mass_fact m join c on c.id = m.commitment_id group by c.g, m.category order by m.category`),
    q<RectRow>(`select c.g, count(*)::int total,
        count(*) filter (where r.status in ('open', 'completed'))::int open,
        count(*) filter (where r.status in ('open', 'completed') and r.deadline < now())::int overdue,
        count(*) filter (where r.listed)::int listed,
        count(*) filter (where r.status in ('struck_off', 'settled'))::int verified,
        count(*) filter (where r.round > 1)::int reopened,
        count(*) filter (where r.status = 'cancelled')::int cancelled,
        count(*) filter (where r.escalation_level > 0)::int escalated
      from ${S}.rectification_fact r join c on c.id = r.commitment_id group by c.g`),
    q<AccRow>(`select c.g, count(*)::int records, count(*) filter (where a.cause_filled)::int filled
      from ${S}.accountability_fact a join c on c.id = a.commitment_id group by c.g`),
    sql.query<{ min: N }>(`select min_mass_responses min from ${S}.campaign where id = $1`, [campaignId]),
  ]);
  const min = threshold[0]?.min ?? 5;
  const of = (g: string): Figures => ({
    ...subjectFigures(stages.get(g) ?? []),
    grades: (grades.get(g) ?? []).map((r) => ({
      grade: r.k ?? '',
      label: gradeLabel(r.k ?? ''),
      count: r.n,
    })),
    reviews: reviewFigures(reviews.get(g) ?? []),
    redoOrders: redoFigures(redos.get(g) ?? []),
    satisfaction: satisfactionFigures(mass.get(g) ?? [], min),
    rectifications: rectificationFigures(rects.get(g)?.[0]),
    accountability: { records: accs.get(g)?.[0]?.records ?? 0, causesFilled: accs.get(g)?.[0]?.filled ?? 0 },
  });
  return { groups: [...stages.keys()], of };
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
