import type { Client as PgClient } from 'pg';
import { MILESTONE_ORDER, Stage, milestoneReached } from '@pingyi/contracts';

/** Every field of the insight `Figures` type. */
export const FIGURES = `subjects byStage { stage label count } milestones { milestone label reached } onTime overdue
  objections subjectsWithObjections reviews { total sentBackByCheck byMode { mode label count } }
  grades { grade label count } redoOrders { total byCheck byAdmin byInspection }
  satisfaction { category label withheld responses satisfied basicallySatisfied unsatisfied rate }
  rectifications { total open overdue listed verified reopened cancelled escalated rate }
  accountability { records causesFilled }`;

type Row = Record<string, any>;
const byKey = (k: string) => (a: Row, b: Row) => (a[k] < b[k] ? -1 : a[k] > b[k] ? 1 : 0);

/** Figures with their lists in one order and without labels (the comparison is of counts). */
export function normalised(f: Row): Row {
  const strip = (rows: Row[], k: string) => rows.map(({ label: _label, ...r }: Row) => r).sort(byKey(k));
  return {
    ...f,
    byStage: strip(f['byStage'], 'stage'),
    milestones: strip(f['milestones'], 'milestone'),
    reviews: { ...f['reviews'], byMode: strip(f['reviews'].byMode, 'mode') },
    grades: strip(f['grades'], 'grade'),
    satisfaction: strip(f['satisfaction'], 'category'),
  };
}

/**
 * The same figures counted straight from the commitment service's tables (the test may read them; insight may not),
 * for the commitments of `campaignId` whose org path lies in the subtree of `path`.
 */
export async function directFigures(pg: PgClient, campaignId: string, path: string): Promise<Row> {
  const inScope = `c.campaign_id = $1 and (c.org_path = $2 or c.org_path like $3)`;
  const q = async (text: string) => (await pg.query(text, [campaignId, path, `${path}.%`])).rows;
  const join = (t: string, alias: string) =>
    `from commitment.${t} ${alias} join commitment.commitment c on c.id = ${alias}.commitment_id where ${inScope}`;
  const stages = await q(`select stage, count(*)::int n, count(*) filter (where deadline_missed)::int missed,
      sum(objection_count)::int objections, count(*) filter (where objection_count > 0)::int objected
    from commitment.commitment c where ${inScope} group by stage`);
  const sum = (rows: Row[], k: string) => rows.reduce((s, r) => s + Number(r[k]), 0);
  const active = stages.filter((r) => r.stage !== 'closed' && r.stage !== 'cancelled');
  const modes = await q(`select lr.mode, count(*) filter (where lr.passed)::int count,
      count(*) filter (where not lr.passed)::int failed ${join('leadership_review', 'lr')} group by lr.mode`);
  const redo = await q(`select o.source, count(*)::int n ${join('redo_order', 'o')} group by o.source`);
  const failed = sum(modes, 'failed');
  const redoOf = (s: string) => Number(redo.find((r) => r.source === s)?.n ?? 0);
  const [campaign] = (await pg.query(`select settings from commitment.campaign where id = $1`, [campaignId]))
    .rows;
  const min = Number(campaign?.settings?.minMassResponses ?? 5);
  const mass = await q(`select m.category, count(*)::int responses,
      count(*) filter (where m.rating = 'satisfied')::int satisfied,
      count(*) filter (where m.rating = 'basically_satisfied')::int basically,
      count(*) filter (where m.rating = 'unsatisfied')::int unsatisfied
    ${join('mass_eval_response', 'm')} and (c.mass_tally->>'shown')::boolean group by m.category`);
  const [r] = await q(`select count(*)::int total,
      count(*) filter (where r.status in ('open', 'completed'))::int open,
      count(*) filter (where r.status in ('open', 'completed') and r.deadline < now())::int overdue,
      count(*) filter (where r.listed)::int listed,
      count(*) filter (where r.status in ('struck_off', 'settled'))::int verified,
      count(*) filter (where r.round > 1)::int reopened,
      count(*) filter (where r.status = 'cancelled')::int cancelled,
      count(*) filter (where r.escalation_level > 0)::int escalated ${join('rectification', 'r')}`);
  const [a] = await q(`select count(*)::int records, count(*) filter (where a.cause is not null)::int filled
    ${join('accountability', 'a')}`);
  const grades = await q(
    `select grade, count(*)::int count from commitment.commitment c where ${inScope} and grade is not null group by grade`,
  );
  const counted = r.total - r.cancelled;
  return normalised({
    subjects: sum(stages, 'n'),
    byStage: Stage.options.map((stage) => ({
      stage,
      count: Number(stages.find((s) => s.stage === stage)?.n ?? 0),
    })),
    milestones: MILESTONE_ORDER.map((m) => ({
      milestone: m,
      reached: sum(
        stages.filter((s) => milestoneReached(s.stage, m)),
        'n',
      ),
    })),
    onTime: sum(active, 'n') - sum(active, 'missed'),
    overdue: sum(stages, 'missed'),
    objections: sum(stages, 'objections'),
    subjectsWithObjections: sum(stages, 'objected'),
    reviews: {
      total: sum(modes, 'count'),
      sentBackByCheck: failed,
      byMode: modes.filter((m) => m.count > 0).map((m) => ({ mode: m.mode, count: m.count })),
    },
    grades,
    redoOrders: {
      total: failed + sum(redo, 'n'),
      byCheck: failed,
      byAdmin: redoOf('admin'),
      byInspection: redoOf('inspection'),
    },
    satisfaction: [
      {
        category: 'all',
        ...mass.reduce(
          (t, x) => ({
            responses: t.responses + x.responses,
            satisfied: t.satisfied + x.satisfied,
            basically: t.basically + x.basically,
            unsatisfied: t.unsatisfied + x.unsatisfied,
          }),
          { responses: 0, satisfied: 0, basically: 0, unsatisfied: 0 },
        ),
      },
      ...mass,
    ].map((x) => {
      const shown = x.responses >= min && x.responses > 0;
      return {
        category: x.category,
        withheld: !shown,
        responses: shown ? x.responses : null,
        satisfied: shown ? x.satisfied : null,
        basicallySatisfied: shown ? x.basically : null,
        unsatisfied: shown ? x.unsatisfied : null,
        rate: shown ? (x.satisfied + x.basically) / x.responses : null,
      };
    }),
    rectifications: { ...r, rate: counted > 0 ? r.verified / counted : null },
    accountability: { records: a.records, causesFilled: a.filled },
  });
}

/**
 * The documented ranking score (README, 排名得分), from figures: 40·progress + 30·rectification rate + 20·on-time
 * rate + 10·review quality, rounded to two decimals.
 */
export function documentedScore(f: Row): number {
  const counted = f['subjects'] - (f['byStage'].find((s: Row) => s.stage === 'cancelled')?.count ?? 0);
  const reached = f['milestones'].reduce((s: number, m: Row) => s + m.reached, 0);
  const inProgress = f['onTime'] + f['overdue'];
  const judged = f['reviews'].total + f['redoOrders'].total;
  const raw =
    40 * (counted > 0 ? reached / (6 * counted) : 0) +
    30 * (f['rectifications'].rate ?? 1) +
    20 * (inProgress > 0 ? 1 - f['overdue'] / inProgress : 1) +
    10 * (judged > 0 ? f['reviews'].total / judged : 1);
  return Math.round(raw * 100) / 100;
}

/** Per reviewer, straight from the commitment tables: passed reviews, first reviews passed, redo orders. */
export async function directReviewerStats(pg: PgClient, campaignId: string, path: string): Promise<Row[]> {
  const { rows } = await pg.query(
    `with c as (select * from commitment.commitment c where c.campaign_id = $1 and (c.org_path = $2 or c.org_path like $3)),
      r as (select lr.* from commitment.leadership_review lr join c on c.id = lr.commitment_id),
      firsts as (select distinct on (commitment_id, reviewer_id) reviewer_id, passed from r order by commitment_id, reviewer_id, at, id),
      redo as (select reviewer_id, count(*)::int n from (
          select reviewer_id from r where not passed
          union all select o.reviewer_id from commitment.redo_order o join c on c.id = o.commitment_id
        ) x where reviewer_id is not null group by reviewer_id),
      ids as (select reviewer_id from r union select reviewer_id from redo)
     select ids.reviewer_id "reviewerId",
       (select count(*) from r where r.reviewer_id = ids.reviewer_id and r.passed)::int "reviewsDone",
       (select count(*) from firsts f where f.reviewer_id = ids.reviewer_id and f.passed)::int "passedFirstTime",
       coalesce((select n from redo where redo.reviewer_id = ids.reviewer_id), 0) "redoOrders"
     from ids order by 1`,
    [campaignId, path, `${path}.%`],
  );
  return rows;
}
