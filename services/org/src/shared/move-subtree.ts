import { subtreeSql } from '../scope/scope';
import type { SqlClient } from './sql';

/** Rewrites the paths under a moved unit (its descendants and their members). Returns the units moved. */
export async function moveSubtree(
  sql: SqlClient,
  id: string,
  fromPath: string,
  toPath: string,
): Promise<number> {
  const moved = await sql.query<{ n: number }>(
    `with m as (
       update org.unit set path = $2::public.ltree || subpath(path, nlevel($1::public.ltree)), updated_at = now()
       where ${subtreeSql('path', 1)} and id <> $3 returning 1)
     select count(*)::int as n from m`,
    [fromPath, toPath, id],
  );
  await sql.query(
    `update org.member set branch_path = case when branch_path = $1::public.ltree then $2::public.ltree
                              else $2::public.ltree || subpath(branch_path, nlevel($1::public.ltree)) end,
            updated_at = now()
     where ${subtreeSql('branch_path', 1)}`,
    [fromPath, toPath],
  );
  return (moved[0]?.n ?? 0) + 1;
}
