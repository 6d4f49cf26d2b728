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

/**
 * What the commitments `f` (a relation with commitment_fact's columns, restricted by `where`) contribute, as rows
 * (campaign_id, org_path, k, n): their stage (and whether missed, their objections), grade, reviews by mode (passed or
 * sent back), redo orders by source, mass-evaluation tallies by category, rectifications by status and accountability
 * records — exactly what `read/figures.ts` counts.
 */
export const contributions = (S: string, where: string): string => `
  select f.campaign_id, f.org_path, x.k, x.n from ${S}.commitment_fact f cross join lateral (
    select 'stage:' || f.stage k, 1::bigint n
    union all select 'missed:' || f.stage, 1 where f.deadline_missed
    union all select 'objections:' || f.stage, f.objections where f.objections <> 0
    union all select 'objected:' || f.stage, 1 where f.objections > 0
    union all select 'grade:' || f.grade, 1 where f.grade is not null
    union all select case when r.passed then 'review:' else 'sentback:' end || r.mode, count(*)
      from ${S}.review_fact r where r.commitment_id = f.id group by r.passed, r.mode
    union all select 'redo:' || o.source, count(*) from ${S}.redo_order_fact o where o.commitment_id = f.id
      group by o.source
    union all select 'mass:' || m.category || ':' || v.c, v.n from ${S}.mass_fact m
      cross join lateral (values ('rows', 1), ('r', m.responses), ('s', m.satisfied), ('b', m.basically_satisfied),
                                 ('u', m.unsatisfied)) v(c, n) where m.commitment_id = f.id
    union all select v.k, count(*) from ${S}.rectification_fact r cross join lateral (values
        ('rect:total', true), ('rect:open', r.status in ('open', 'completed')), ('rect:listed', r.listed),
        ('rect:verified', r.status in ('struck_off', 'settled')), ('rect:reopened', r.round > 1),
        ('rect:cancelled', r.status = 'cancelled'), ('rect:escalated', r.escalation_level > 0),
        ('due:' || extract(epoch from r.deadline)::text, r.status in ('open', 'completed'))) v(k, counted)
      where r.commitment_id = f.id and v.counted group by v.k
    union all select v.k, count(*) from ${S}.accountability_fact a
      cross join lateral (values ('acc:records', true), ('acc:filled', a.cause_filled)) v(k, counted)
      where a.commitment_id = f.id and v.counted group by v.k
  ) x where ${where}`;

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
    `with t as (select unnest($1::uuid[]) id
                union select commitment_id from ${S}.accountability_fact where id = any($2::uuid[])
                union select commitment_id from ${S}.rectification_fact where id = any($3::text[]))
     insert into ${S}.node_rollup (campaign_id, org_path, k, n)
     select campaign_id, org_path, k, $4 * sum(n) from (${contributions(S, 'f.id in (select id from t)')}) c
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
