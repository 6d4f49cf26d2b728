import type { SqlClient } from '@pingyi/persistence';
import type { Item } from './batch-sql';

/**
 * The per-node rollup (`node_rollup`): for each campaign and org path holding commitments, the counts every dashboard
 * figure is summed from — the sum over the commitments at that path of what each contributes (`contributions`). A
 * panel over a big subtree then reads one row per path and key instead of every commitment and fact under it. The
 * only time-dependent figure, overdue rectifications, is kept as the open rectifications' deadlines (`due:<epoch>`),
 * compared with the clock when read.
 */
export const rollupDdl = (S: string): string[] => [
  `create table ${S}."node_rollup" (
    "campaign_id" varchar(64) not null,
    "org_path" text not null,
    "k" text not null,
    "n" bigint not null,
    primary key ("campaign_id", "org_path", "k")
  )`,
  `create index on ${S}."node_rollup" ("campaign_id", "org_path" text_pattern_ops)`,
];

/** The columns of `commitment_fact` the contributions read (`contributions`' `commitments` selects them). */
export const CONTRIBUTING = 'id, campaign_id, org_path, stage, deadline_missed, objections, grade';

/**
 * What the commitments `commitments` (a query selecting `CONTRIBUTING` from commitment_fact) contribute, as rows
 * (campaign_id, org_path, k, n): their stage (and whether missed, their objections), grade, reviews by mode (passed or
 * sent back), redo orders by source, mass-evaluation tallies by category, rectifications by status and accountability
 * records — exactly what `read/figures.ts` counts. Each fact table is joined once to the commitments (set-based: on
 * 1,000 commitments of the bench's 40,000 about 5× faster than a subquery per commitment and fact table).
 */
export const contributions = (S: string, commitments: string): string => `
  with f as materialized (${commitments})
  select f.campaign_id, f.org_path, v.k, v.n::bigint n from f cross join lateral (values
      ('stage:' || f.stage, 1), ('missed:' || f.stage, case when f.deadline_missed then 1 else 0 end),
      ('objections:' || f.stage, f.objections), ('objected:' || f.stage, case when f.objections > 0 then 1 else 0 end),
      ('grade:' || f.grade, case when f.grade is null then 0 else 1 end)) v(k, n) where v.n <> 0
  union all select f.campaign_id, f.org_path, case when r.passed then 'review:' else 'sentback:' end || r.mode, count(*)
    from ${S}.review_fact r join f on f.id = r.commitment_id group by 1, 2, 3
  union all select f.campaign_id, f.org_path, 'redo:' || o.source, count(*)
    from ${S}.redo_order_fact o join f on f.id = o.commitment_id group by 1, 2, 3
  union all select f.campaign_id, f.org_path, 'mass:' || m.category || ':' || v.c, sum(v.n)
    from ${S}.mass_fact m join f on f.id = m.commitment_id
    cross join lateral (values ('rows', 1), ('r', m.responses), ('s', m.satisfied), ('b', m.basically_satisfied),
                               ('u', m.unsatisfied)) v(c, n) group by 1, 2, 3
  union all select f.campaign_id, f.org_path, v.k, count(*)
    from ${S}.rectification_fact r join f on f.id = r.commitment_id cross join lateral (values
      ('rect:total', true), ('rect:open', r.status in ('open', 'completed')), ('rect:listed', r.listed),
      ('rect:verified', r.status in ('struck_off', 'settled')), ('rect:reopened', r.round > 1),
      ('rect:cancelled', r.status = 'cancelled'), ('rect:escalated', r.escalation_level > 0),
      ('due:' || extract(epoch from r.deadline)::text, r.status in ('open', 'completed'))) v(k, counted)
    where v.counted group by 1, 2, 3
  union all select f.campaign_id, f.org_path, v.k, count(*)
    from ${S}.accountability_fact a join f on f.id = a.commitment_id
    cross join lateral (values ('acc:records', true), ('acc:filled', a.cause_filled)) v(k, counted)
    where v.counted group by 1, 2, 3`;

/** The commitments a batch of lifecycle events can change: theirs, and those of the facts they name by id. */
export function touched(items: Item[]) {
  return [
    [...new Set(items.flatMap((it) => (it.cid ? [it.cid] : [])))],
    items.flatMap((it) => {
      const id = it.type === 'accountability.cause_filled' ? it.d['accountabilityId'] : null;
      return typeof id === 'string' ? [id] : [];
    }),
    items.flatMap((it) => (it.p.rectificationId ? [it.p.rectificationId] : [])),
  ];
}

/**
 * Adds (`sign` 1) or takes away (-1) what the touched commitments contribute now: taken away before a batch is
 * applied and added after it, in the same transaction, the rollup stays the sum over all commitments. Returns the
 * (campaign, path) pairs changed.
 */
export async function shiftRollup(
  sql: SqlClient,
  S: string,
  ids: unknown[][],
  sign: 1 | -1,
): Promise<{ campaign_id: string; org_path: string }[]> {
  if (ids.every((x) => x.length === 0)) return [];
  return sql.query(
    `insert into ${S}.node_rollup (campaign_id, org_path, k, n)
     select campaign_id, org_path, k, $4 * sum(n) from (${contributions(
       S,
       `select ${CONTRIBUTING} from ${S}.commitment_fact where id = any($1::uuid[]
          || array(select commitment_id from ${S}.accountability_fact where id = any($2::uuid[]))
          || array(select commitment_id from ${S}.rectification_fact where id = any($3::text[])))`,
     )}) c
      group by campaign_id, org_path, k
     on conflict (campaign_id, org_path, k) do update set n = ${S}.node_rollup.n + excluded.n
     returning campaign_id, org_path`,
    [...ids, sign],
  );
}

/** Counts that came back to zero are dropped (a path left, a rectification closed). */
export async function dropZeros(
  sql: SqlClient,
  S: string,
  pairs: { campaign_id: string; org_path: string }[],
): Promise<void> {
  const seen = new Map(pairs.map((p) => [`${p.campaign_id}\u0000${p.org_path}`, p]));
  if (seen.size === 0) return;
  const all = [...seen.values()];
  await sql.query(
    `delete from ${S}.node_rollup x using unnest($1::text[], $2::text[]) t(c, p)
      where x.campaign_id = t.c and x.org_path = t.p and x.n = 0`,
    [all.map((p) => p.campaign_id), all.map((p) => p.org_path)],
  );
}
