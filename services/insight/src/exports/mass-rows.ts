import type { MassEvaluationSummaryRow } from '@pingyi/exports';
import type { SqlClient } from '@pingyi/persistence';
import { satisfactionFigures } from '../read/figures';
import { inSubtree } from '../read/subtree';
import { NAMES, batched, subjectCells, type SubjectFact } from './commitment-rows';

interface Fact extends SubjectFact {
  id: string;
  mass_shown: boolean;
  mass_problems: number | null;
  min: number;
  groups: {
    category: string;
    responses: number;
    satisfied: number;
    basically: number;
    unsatisfied: number;
  }[];
  k1: string;
  k2: string;
}

/** Commitments of the subtree whose mass evaluation has closed (`$1` campaign, `$2` path). */
const CLOSED = (S: string) => `from ${S}.commitment_fact f
  where f.campaign_id = $1 and ${inSubtree('f.org_path', '$2')} and f.mass_shown is not null`;

/** Rows of the 群众评议汇总: a 合计 row per subject, and one per evaluator category when its tally was shown. */
export async function countMassRows(sql: SqlClient, S: string, campaignId: string, path: string) {
  const [r] = await sql.query<{ n: number }>(
    `select (count(*) + coalesce(sum((select count(*) from ${S}.mass_fact m where m.commitment_id = f.id)), 0))::int n
       ${CLOSED(S)}`,
    [campaignId, path],
  );
  return r?.n ?? 0;
}

/**
 * The 群众评议汇总 of a subtree from insight's own facts: per subject its 合计 and each evaluator category, withheld
 * exactly as the dashboard withholds a group (`satisfactionFigures`: fewer responses than the campaign's
 * `minMassResponses`, or none). A subject whose tally was not shown (below the threshold as a whole) has no figures
 * in the facts at all: one 合计 row, withheld. 群众反映问题数 is the subject's (the problems raised are not per category).
 */
export async function* massRows(
  sql: SqlClient,
  S: string,
  campaignId: string,
  path: string,
): AsyncGenerator<MassEvaluationSummaryRow> {
  const rows = batched<Fact>(
    sql,
    `select f.id, f.org_path, f.subject_kind, f.subject_name, ${NAMES(S)}, f.mass_shown, f.mass_problems,
            coalesce((select c.min_mass_responses from ${S}.campaign c where c.id = f.campaign_id), 5) min,
            coalesce((select json_agg(json_build_object('category', m.category, 'responses', m.responses,
                        'satisfied', m.satisfied, 'basically', m.basically_satisfied, 'unsatisfied', m.unsatisfied)
                        order by m.category)
                        from ${S}.mass_fact m where m.commitment_id = f.id), '[]') groups,
            f.org_path k1, f.id::text k2
       ${CLOSED(S)}`,
    [campaignId, path],
  );
  for await (const f of rows) {
    const subject = subjectCells(f);
    if (!f.mass_shown) {
      yield { ...subject, evaluatorCategory: '合计', withheld: true };
      continue;
    }
    const groups = satisfactionFigures(
      f.groups.map((g) => ({ g: '', ...g })),
      f.min,
    );
    for (const g of groups)
      yield {
        ...subject,
        evaluatorCategory: g.category === 'all' ? '合计' : g.label,
        withheld: g.withheld,
        responses: g.responses,
        satisfied: g.satisfied,
        basicallySatisfied: g.basicallySatisfied,
        unsatisfied: g.unsatisfied,
        problemsRaised: g.category === 'all' ? (f.mass_problems ?? null) : null,
      };
  }
}
