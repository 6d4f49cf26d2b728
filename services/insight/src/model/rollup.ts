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
  sumsTable(S, 'node_rollup'),
  `create index on ${S}."node_rollup" ("campaign_id", "org_path" text_pattern_ops)`,
];

/** A table of sums per campaign, org path and key, as both rollups keep them. */
const sumsTable = (S: string, table: string): string => `create table ${S}."${table}" (
    "campaign_id" varchar(64) not null,
    "org_path" text not null,
    "k" text not null,
    "n" bigint not null,
    primary key ("campaign_id", "org_path", "k")
  )`;

/**
 * The nodes of the top `TOP_DEPTH` levels (prefecture, county, committee) also keep their whole subtree's sums
 * (`node_rollup_top`: every key summed over the commitments at or under the path), so a panel there reads one row per
 * key (its children's, for a ranking) instead of every path under it — over 7,000 at a prefecture.
 */
export const TOP_DEPTH = 3;

export const rollupTopDdl = (S: string): string[] => [sumsTable(S, 'node_rollup_top')];

/** Rows (campaign_id, org_path, k, n) of `rows` summed into each ancestor of their path in the top levels. */
export const toTop = (rows: string): string => `
  select r.campaign_id, array_to_string(p.segments[1:i], '.') org_path, r.k, sum(r.n) n
    from (${rows}) r
    cross join lateral (select string_to_array(r.org_path, '.') segments) p
    cross join lateral generate_series(1, least(${TOP_DEPTH}, cardinality(p.segments))) i
   group by 1, 2, 3`;

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

/** This connection's rollup changes of the transaction (a temporary table, emptied at commit). */
const DELTA = 'pg_temp.rollup_delta';

/** Taken (per transaction) while a batch's changes are added to the rollup: concurrent batches add one at a time. */
const ROLLUP_LOCK = 'pingyi-insight-rollup';

/**
 * Notes (`sign` -1) what the touched commitments contribute now, before a batch is applied, or (1) after it: the
 * difference is added to the rollup by `foldRollup`, in the same transaction, so the rollup stays the sum over all
 * commitments. Only reads the facts, so batches of other partitions compute theirs at the same time.
 */
export async function noteContributions(
  sql: SqlClient,
  S: string,
  ids: unknown[][],
  sign: 1 | -1,
): Promise<void> {
  if (ids.every((x) => x.length === 0)) return;
  if (sign === -1)
    await sql.query(
      `create temp table if not exists rollup_delta
         (campaign_id varchar(64), org_path text, k text, n bigint) on commit delete rows`,
    );
  await sql.query(
    `insert into ${DELTA} (campaign_id, org_path, k, n)
     select campaign_id, org_path, k, $4 * sum(n) from (${contributions(
       S,
       `select ${CONTRIBUTING} from ${S}.commitment_fact where id = any($1::uuid[]
          || array(select commitment_id from ${S}.accountability_fact where id = any($2::uuid[]))
          || array(select commitment_id from ${S}.rectification_fact where id = any($3::text[])))`,
     )}) c
      group by campaign_id, org_path, k`,
    [...ids, sign],
  );
}

/**
 * Adds what changed (after − before, per path and key; keys that did not change are not written) to the rollup and to
 * the top levels' sums, in key order under a lock held to the commit (no two batches wait on each other's rows), and
 * drops the counts that came back to zero (a path left, a rectification closed).
 */
export async function foldRollup(sql: SqlClient, S: string, ids: unknown[][]): Promise<void> {
  if (ids.every((x) => x.length === 0)) return;
  await sql.query(`select pg_advisory_xact_lock(hashtext($1))`, [`${ROLLUP_LOCK}:${S}`]);
  const upsert = (table: string, rows: string) =>
    `insert into ${S}.${table} (campaign_id, org_path, k, n)
     select campaign_id, org_path, k, n from (${rows}) c where n <> 0 order by 1, 2, 3
     on conflict (campaign_id, org_path, k) do update set n = ${S}.${table}.n + excluded.n
     returning campaign_id, org_path, k, n`;
  // One statement for both tables; the counts that came to zero come back to be dropped.
  const zero = await sql.query<{ t: string; campaign_id: string; org_path: string; k: string }>(
    `with changed as materialized (
       select campaign_id, org_path, k, sum(n) n from ${DELTA} group by 1, 2, 3 having sum(n) <> 0),
     a as (${upsert('node_rollup', 'select * from changed')}),
     b as (${upsert('node_rollup_top', toTop('select * from changed'))})
     select 'node_rollup' t, campaign_id, org_path, k from a where n = 0
     union all select 'node_rollup_top', campaign_id, org_path, k from b where n = 0`,
  );
  for (const table of ['node_rollup', 'node_rollup_top']) {
    const rows = zero.filter((z) => z.t === table);
    if (rows.length > 0)
      await sql.query(
        `delete from ${S}.${table} x using unnest($1::text[], $2::text[], $3::text[]) z(c, p, k)
          where x.campaign_id = z.c and x.org_path = z.p and x.k = z.k and x.n = 0`,
        [rows.map((z) => z.campaign_id), rows.map((z) => z.org_path), rows.map((z) => z.k)],
      );
  }
}
