import type { SqlClient } from '@pingyi/persistence';

/**
 * The scope rule in SQL (as in the commitment service): `column` lies in the subtree of `root` when it equals `root` or
 * starts with `root` and a '.'. `starts_with` compares exactly (codes may contain `_`), and the `text_pattern_ops`
 * index on the column serves the prefix range.
 */
export const inSubtree = (column: string, root: string): string =>
  `(${column} = ${root} or starts_with(${column}, ${root} || '.'))`;

/** The child of `$2` (a path) that `column` lies under: `$2.<next code>`. */
export const childOf = (column: string): string =>
  `($2 || '.' || split_part(substr(${column}, length($2) + 2), '.', 1))`;

/**
 * How a campaign's commitments in a subtree are grouped: all together (a dashboard: the one key is the node), or by
 * the node's child they lie under (a ranking of the units under the node; commitments of the node itself are left out).
 */
export type Grouping = 'node' | 'children';

/**
 * The commitments a query counts, as a CTE `c` (every column of `commitment_fact`, and `g`, the group key), with
 * `$1` the campaign and `$2` the node's path.
 */
export function commitmentsCte(S: string, grouping: Grouping): string {
  const g = grouping === 'node' ? '$2::text' : childOf('f.org_path');
  const own = grouping === 'node' ? '' : ' and f.org_path <> $2';
  return `with c as (
    select f.*, ${g} as g from ${S}.commitment_fact f
     where f.campaign_id = $1 and ${inSubtree('f.org_path', '$2')}${own})`;
}

/** Rows of `sql` grouped by `g` into a map. */
export async function byGroup<T extends { g: string }>(
  sql: SqlClient,
  text: string,
  params: unknown[],
): Promise<Map<string, T[]>> {
  const out = new Map<string, T[]>();
  for (const r of await sql.query<T>(text, params)) out.set(r.g, [...(out.get(r.g) ?? []), r]);
  return out;
}
