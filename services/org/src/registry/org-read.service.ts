import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '@pingyi/contracts';
import { emSql } from '../bulk/em-sql';
import type { SqlClient } from '../bulk/sql';
import {
  MEMBER_SELECT,
  UNIT_SELECT,
  toMemberObject,
  toUnitObject,
  type MemberRecord,
  type UnitRecord,
} from '../graphql/mappers';
import type { MemberSearchInput, UnitSearchInput } from '../graphql/inputs';
import type {
  MemberPageObject,
  MemberTransferObject,
  UnitObject,
  UnitPageObject,
  UnitTreeNodeObject,
} from '../graphql/objects';
import { OrgErrors } from '../org/org.errors';
import { inScope, subtreeSql, visible } from '../org/scope';

const pageSize = (n: number | undefined) => Math.min(Math.max(n ?? 20, 1), 200);
const encode = (v: unknown[]) => Buffer.from(JSON.stringify(v)).toString('base64url');
function decode(cursor: string | undefined): unknown[] | null {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v)) return v as unknown[];
  } catch {
    /* fall through */
  }
  throw OrgErrors.badInput(['分页游标无效']);
}

/** Reads, always limited to what the caller may see (their org subtree). */
@Injectable()
export class OrgReadService {
  constructor(private readonly em: EntityManager) {}

  private get sql(): SqlClient {
    return emSql(this.em.fork());
  }

  async unitsByIds(ids: readonly string[]): Promise<Map<string, UnitRecord>> {
    const rows = await this.sql.query<UnitRecord>(
      `select ${UNIT_SELECT} from org.unit u where u.id = any($1::uuid[])`,
      [[...ids]],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  async membersByIds(ids: readonly string[]): Promise<Map<string, MemberRecord>> {
    const rows = await this.sql.query<MemberRecord>(
      `select ${MEMBER_SELECT} from org.member m where m.id = any($1::uuid[])`,
      [[...ids]],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  async unit(who: Identity, ref: { id?: string; code?: string }): Promise<UnitObject | null> {
    if (!ref.id && !ref.code) throw OrgErrors.badInput(['请提供组织编号或组织编码']);
    const rows = await this.sql.query<UnitRecord>(
      `select ${UNIT_SELECT} from org.unit u where ${ref.id ? 'u.id = $1::uuid' : 'u.code = $1'}`,
      [ref.id ?? ref.code],
    );
    const r = rows[0];
    return r ? visible(who, r.path, toUnitObject(r)) : null;
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

  async members(who: Identity, q: MemberSearchInput, withTotal = true): Promise<MemberPageObject> {
    const unit = (
      await this.sql.query<{ path: string }>(`select path::text as path from org.unit where id = $1::uuid`, [
        q.unitId,
      ])
    )[0];
    if (!unit) throw OrgErrors.unitNotFound(q.unitId);
    if (!inScope(who, unit.path)) return { items: [], totalCount: 0, nextCursor: null };
    // Members come by branch path, then id: the range condition lets the (branch_path, id) index start at the
    // subtree's root, so a first page reads about a page of rows even for a whole prefecture.
    const where =
      q.includeSubtree === false
        ? [`m.branch_path = $1::public.ltree`]
        : [`m.branch_path >= $1::public.ltree`, subtreeSql('m.branch_path', 1)];
    const params: unknown[] = [unit.path];
    const add = (cond: string, v: unknown) => {
      params.push(v);
      where.push(cond.replace('$?', `$${params.length}`));
    };
    if (q.type) add(`m.type = $?`, q.type);
    if (q.name) add(`m.name like $?`, `%${q.name.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
    if (q.status) add(`m.status = $?`, q.status);
    const plainActive = !q.type && !q.name && q.status === 'active' && q.includeSubtree !== false;
    const total = !withTotal
      ? -1
      : plainActive
        ? await this.memberCount(unit.path)
        : (
            await this.sql.query<{ n: number }>(
              `select count(*)::int as n from org.member m where ${where.join(' and ')}`,
              params,
            )
          )[0]!.n;
    const after = decode(q.after);
    if (after) {
      params.push(after[0], after[1]);
      where.push(`(m.branch_path, m.id) > ($${params.length - 1}::public.ltree, $${params.length}::uuid)`);
    }
    const size = pageSize(q.first);
    params.push(size);
    const rows = await this.sql.query<MemberRecord>(
      `select ${MEMBER_SELECT} from org.member m where ${where.join(' and ')}
       order by m.branch_path, m.id limit $${params.length}`,
      params,
    );
    const last = rows[rows.length - 1];
    return {
      items: rows.map(toMemberObject),
      totalCount: total,
      nextCursor: rows.length === size && last ? encode([last.branch_path, last.id]) : null,
    };
  }

  async member(who: Identity, id: string) {
    const r = (await this.membersByIds([id])).get(id);
    return r ? visible(who, r.branch_path, toMemberObject(r)) : null;
  }

  async transfers(memberId: string): Promise<MemberTransferObject[]> {
    const rows = await this.sql.query<{
      from_branch_id: string;
      to_branch_id: string;
      from_path: string;
      to_path: string;
      reason: string;
      at: Date;
    }>(
      `select from_branch_id, to_branch_id, from_path::text as from_path, to_path::text as to_path, reason, at
       from org.member_transfer where member_id = $1 order by at`,
      [memberId],
    );
    return rows.map((r) => ({
      fromBranchId: r.from_branch_id,
      toBranchId: r.to_branch_id,
      fromPath: r.from_path,
      toPath: r.to_path,
      reason: r.reason,
      at: r.at,
    }));
  }

  /** Active members in a subtree: the sum of the units' maintained counts. */
  async memberCount(unitPath: string): Promise<number> {
    return (
      await this.sql.query<{ n: number }>(
        `select coalesce(sum(member_count), 0)::int as n from org.unit where ${subtreeSql('path', 1)}`,
        [unitPath],
      )
    )[0]!.n;
  }
}
