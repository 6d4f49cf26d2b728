import type { LifecycleEventType } from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';
import { insertMany, updateMany, type BatchStep, type Item } from './batch-sql';

/** `update commitment_fact` for a wave's events of one type: `value` gives each row's `r.v` (a column of `type`). */
const setFacts =
  (assignments: string, type = 'text', value: (it: Item) => unknown = () => null): BatchStep =>
  (sql, S, items) =>
    updateMany(
      sql,
      S,
      'commitment_fact',
      `id uuid, at timestamptz, v ${type}`,
      assignments,
      items.map((it) => ({ id: it.cid, at: it.at, v: value(it) })),
    );

const reviewOf = (it: Item) => (it.d['review'] ?? {}) as Record<string, unknown>;

/** Leadership reviews: passed (the grade counts) or sent back by the check (a redo order on the reviewer). */
const reviews =
  (passed: boolean): BatchStep =>
  async (sql, S, items) => {
    await insertMany(
      sql,
      S,
      'review_fact',
      `id uuid, commitment_id uuid, reviewer_id text, mode text, grade text, passed boolean, at timestamptz,
       content jsonb, signoff jsonb`,
      items.map((it) => ({
        id: it.e.eventId,
        commitment_id: it.cid,
        reviewer_id: it.d['reviewerId'],
        mode: reviewOf(it)['mode'],
        grade: reviewOf(it)['grade'],
        passed,
        at: it.at,
        content: reviewOf(it),
        signoff: it.d['signoff'] ? it.d['signoff'] : null,
      })),
    );
    if (passed) await setFacts('grade = r.v', 'text', (it) => reviewOf(it)['grade'])(sql, S, items);
    else await redoOrders(sql, S, items, (it) => ({ reviewerId: it.d['reviewerId'], source: 'check' }));
  };

function redoOrders(
  sql: SqlClient,
  S: string,
  items: Item[],
  of: (it: Item) => { reviewerId: unknown; source: unknown },
) {
  return insertMany(
    sql,
    S,
    'redo_order_fact',
    'id uuid, commitment_id uuid, reviewer_id text, source text, at timestamptz',
    items.map((it) => {
      const o = of(it);
      return {
        id: it.e.eventId,
        commitment_id: it.cid,
        reviewer_id: o.reviewerId ?? null,
        source: o.source,
        at: it.at,
      };
    }),
  );
}

/** Per evaluator category, only when the commitment's own tally was shown (at or above the campaign's threshold). */
const massClosed: BatchStep = async (sql, S, items) => {
  await updateMany(
    sql,
    S,
    'commitment_fact',
    'id uuid, shown boolean, problems int',
    'mass_shown = r.shown, mass_problems = r.problems',
    items.map((it) => ({
      id: it.cid,
      shown: it.d['shown'] === true,
      problems: (it.d['problems'] as unknown[]).length,
    })),
  );
  await sql.query(`delete from ${S}.mass_fact where commitment_id = any($1::uuid[])`, [
    items.map((it) => it.cid),
  ]);
  const rows = items.flatMap((it) =>
    it.d['shown'] === true && Array.isArray(it.d['byCategory'])
      ? (it.d['byCategory'] as Record<string, unknown>[]).map((r) => ({
          commitment_id: it.cid,
          category: r['category'],
          responses: r['responses'],
          satisfied: r['satisfied'],
          basically_satisfied: r['basicallySatisfied'],
          unsatisfied: r['unsatisfied'],
        }))
      : [],
  );
  await insertMany(
    sql,
    S,
    'mass_fact',
    `commitment_id uuid, category text, responses int, satisfied int, basically_satisfied int, unsatisfied int`,
    rows,
    '',
  );
};

/** What each event type changes on the commitment's facts (types not named change only the place and stage). */
export const LIFECYCLE_STEPS: Partial<Record<LifecycleEventType, BatchStep>> = {
  'commitment.submitted': setFacts('items = r.v, submitted_at = r.at', 'jsonb', (it) => it.d['items']),
  'commitment.accepted': setFacts('accepted_at = r.at'),
  'commitment.self_evaluated': setFacts('self_evaluation = r.v', 'text', (it) => it.d['priorWorkSummary']),
  'commitment.objection_raised': setFacts('objections = x.objections + 1'),
  'commitment.deadline_missed': setFacts('deadline_missed = true'),
  'commitment.reviewer_changed': (sql, S, items) =>
    updateMany(
      sql,
      S,
      'commitment_fact',
      'id uuid, rid text, rname text',
      'reviewer_id = r.rid, reviewer_name = r.rname',
      items.map((it) => {
        const r = it.d['reviewer'] as { memberId?: string; name?: string } | null | undefined;
        return { id: it.cid, rid: r?.memberId ?? null, rname: r?.name ?? null };
      }),
    ),
  'review.submitted': reviews(true),
  'review.redo_ordered': reviews(false),
  'review.redo_ordered_by_supervision': async (sql, S, items) => {
    await redoOrders(sql, S, items, (it) => ({ reviewerId: it.d['reviewerId'], source: it.d['source'] }));
    await setFacts('grade = null, outcome = null, closed_at = null')(sql, S, items);
  },
  'mass_evaluation.closed': massClosed,
  'commitment.outcome_decided': setFacts('outcome = r.v', 'text', (it) => it.d['result']),
  'commitment.closed': setFacts('closed_at = r.at'),
  'commitment.cancelled': setFacts('closed_at = r.at'),
};
