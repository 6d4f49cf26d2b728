import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '@pingyi/contracts';
import { subtreeSql, visible } from '../scope/scope';
import { emSql } from './em-sql';
import { toMemberObject, toUnitObject } from './graphql/mappers';
import type { MemberObject, UnitObject } from './graphql/objects';
import { OrgErrors } from './org.errors';
import { MEMBER_SELECT, UNIT_SELECT, type MemberRecord, type UnitRecord } from './records';
import type { SqlClient } from './sql';

/**
 * Reads of single units and members every feature answers with (entity lookups, field loaders, the result of a
 * mutation), always limited to what the caller may see (their org subtree).
 */
@Injectable()
export class RegistryReadService {
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

  async member(who: Identity, id: string) {
    const r = (await this.membersByIds([id])).get(id);
    return r ? visible(who, r.branch_path, toMemberObject(r)) : null;
  }

  /** The unit as the caller sees it; an unknown one and one outside the subtree get the same answer. */
  async unitOrFail(who: Identity, id: string): Promise<UnitObject> {
    const u = await this.unit(who, { id });
    if (!u) throw OrgErrors.unitNotFound(id);
    return u;
  }

  /** The member as the caller sees them; an unknown one and one outside the subtree get the same answer. */
  async memberOrFail(who: Identity, id: string): Promise<MemberObject> {
    const m = await this.member(who, id);
    if (!m) throw OrgErrors.memberNotFound(id);
    return m;
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
