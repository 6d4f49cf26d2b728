import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '@pingyi/contracts';
import { inScope, subtreeSql } from '../scope/scope';
import { emSql } from '../shared/em-sql';
import { toMemberObject } from '../shared/graphql/mappers';
import { OrgErrors } from '../shared/org.errors';
import { decode, encode, pageSize } from '../shared/pagination';
import { MEMBER_SELECT, type MemberRecord } from '../shared/records';
import { RegistryReadService } from '../shared/registry-read.service';
import type { SqlClient } from '../shared/sql';
import type { MemberPageObject, MemberSearchInput } from './member.types';

/** Member lists of a unit (or its subtree), limited to the caller's subtree. */
@Injectable()
export class MemberQueriesService {
  constructor(
    private readonly em: EntityManager,
    private readonly reads: RegistryReadService,
  ) {}

  private get sql(): SqlClient {
    return emSql(this.em.fork());
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
        ? await this.reads.memberCount(unit.path)
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
}
