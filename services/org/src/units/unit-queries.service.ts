import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '@pingyi/contracts';
import { inScope, subtreeSql } from '../scope/scope';
import { emSql } from '../shared/em-sql';
import { toUnitObject } from '../shared/graphql/mappers';
import { OrgErrors } from '../shared/org.errors';
import { decode, encode, pageSize } from '../shared/pagination';
import { UNIT_SELECT, type UnitRecord } from '../shared/records';
import type { SqlClient } from '../shared/sql';
import type { UnitPageObject, UnitSearchInput, UnitTreeNodeObject } from './unit.types';

/** The unit tree and unit search, limited to the caller's subtree. */
@Injectable()
export class UnitQueriesService {
  constructor(private readonly em: EntityManager) {}

  private get sql(): SqlClient {
    return emSql(this.em.fork());
  }

  /** The caller's scope root when no root is given; an out-of-scope root sees nothing. */
  private async rootPath(who: Identity, rootId: string | undefined): Promise<string | null> {
    if (!rootId) return who.orgPath;
    const r = (
      await this.sql.query<{ path: string }>(`select path::text as path from org.unit where id = $1::uuid`, [
        rootId,
      ])
    )[0];
    if (!r) throw OrgErrors.unitNotFound(rootId);
    return inScope(who, r.path) ? r.path : null;
  }

  async unitTree(who: Identity, rootId: string | undefined, depth: number): Promise<UnitTreeNodeObject[]> {
    const root = await this.rootPath(who, rootId);
    if (!root) return [];
    const d = Math.min(Math.max(depth, 0), 6);
    const rows = await this.sql.query<UnitRecord & { rel_depth: number; child_count: number }>(
      `select ${UNIT_SELECT}, nlevel(u.path) - nlevel($1::public.ltree) as rel_depth,
              (select count(*)::int from org.unit c where c.parent_id = u.id and c.status = 'active') as child_count
       from org.unit u
       where ${subtreeSql('u.path', 1)} and nlevel(u.path) <= nlevel($1::public.ltree) + $2 and u.status = 'active'
       order by u.path`,
      [root, d],
    );
    return rows.map((r) => ({ unit: toUnitObject(r), depth: r.rel_depth, childCount: r.child_count }));
  }

  async searchUnits(who: Identity, q: UnitSearchInput, withTotal = true): Promise<UnitPageObject> {
    const root = await this.rootPath(who, q.rootId);
    if (!root) return { items: [], totalCount: 0, nextCursor: null };
    const where = [subtreeSql('u.path', 1)];
    const params: unknown[] = [root];
    const add = (cond: string, v: unknown) => {
      params.push(v);
      where.push(cond.replace('$?', `$${params.length}`));
    };
    if (q.name) add(`u.name ilike $?`, `%${q.name.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
    if (q.field) add(`u.field = $?`, q.field);
    if (q.level) add(`u.level = $?`, q.level);
    if (q.status) add(`u.status = $?`, q.status);
    // Counting a whole prefecture costs more than a page: only when the caller asks for it.
    const total = withTotal
      ? (
          await this.sql.query<{ n: number }>(
            `select count(*)::int as n from org.unit u where ${where.join(' and ')}`,
            params,
          )
        )[0]!.n
      : -1;
    const after = decode(q.after);
    if (after) add(`u.path > $?::public.ltree`, after[0]);
    const size = pageSize(q.first);
    params.push(size);
    const rows = await this.sql.query<UnitRecord>(
      `select ${UNIT_SELECT} from org.unit u where ${where.join(' and ')} order by u.path limit $${params.length}`,
      params,
    );
    const last = rows[rows.length - 1];
    return {
      items: rows.map(toUnitObject),
      totalCount: total,
      nextCursor: rows.length === size && last ? encode([last.path]) : null,
    };
  }
}
