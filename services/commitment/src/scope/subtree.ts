/**
 * The commitment service's one scope rule in SQL. A record lies in the subtree of `root` when its org path equals
 * `root` or starts with `root` followed by '.'. Org codes may contain `_`, a LIKE wildcard, so the prefix test is a
 * LIKE whose pattern is the root with LIKE's wildcards and escape character (`\`, `%`, `_`) escaped, then `.%`: an exact
 * prefix compare. With a bound parameter as root the escaping folds to a constant at plan time, so the planner still
 * derives the prefix range and uses the `text_pattern_ops` indexes on `org_path` exactly as before.
 *
 * Every subtree condition of this service (queries, writes, the org-event consumer, campaigns, supervision, exports)
 * goes through `inSubtree`; `isWithinScope` (libs/contracts) is the same rule in TypeScript.
 */

/** The SQL expression of `root` with `\`, `%` and `_` escaped for LIKE (default escape character `\`). */
const likeEscaped = (root: string): string =>
  `replace(replace(replace((${root})::text, '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;

/**
 * `(column = root or column like escaped(root) || '.%')`. `column` and `root` are SQL expressions: a column, a
 * parameter (`$2`) or another column (`$1` lies in a campaign's `scope_path`: `inSubtree('$1', 'c.scope_path')`).
 */
export function inSubtree(column: string, root: string): string {
  return `(${column} = ${root} or ${column} like ${likeEscaped(root)} || '.%')`;
}

/** The LIKE pattern `inSubtree` builds, computed in TypeScript (tests; the SQL never uses it). */
export function subtreePattern(root: string): string {
  return root.replace(/[\\%_]/g, (c) => '\\' + c) + '.%';
}

/**
 * `column ilike '%' || escaped(term) || '%'`: the column contains `term` (a SQL expression, usually a parameter) as
 * typed, LIKE's wildcards taken literally, case-insensitively. Built here, next to the subtree rule, so that every LIKE
 * pattern of the service is escaped the same way; with a bound parameter the pattern folds to a constant at plan
 * time and a pg_trgm GIN index on the column serves it (terms of 3 or more characters).
 */
export function containsText(column: string, term: string): string {
  return `${column} ilike '%' || ${likeEscaped(term)} || '%'`;
}
