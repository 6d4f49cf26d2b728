import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { MemberTransferred, type Identity } from '@pingyi/contracts';
import { requireRole } from '@pingyi/nest';
import { recordEvent } from '@pingyi/persistence';
import { countyOf, inScope, scopeOf } from '../scope/scope';
import { assertInScope } from '../scope/scope-guard';
import { MEMBER_EDITORS, activeBranch, memberSnapshot } from '../shared/aggregates';
import { emSql } from '../shared/em-sql';
import { OrgErrors } from '../shared/org.errors';
import { memberInScope, relationEvent } from '../shared/scoped';
import type { SqlClient } from '../shared/sql';
import { Unit } from '../shared/unit.entity';
import { MemberTransfer } from './relations.entity';
import type { MemberTransferObject } from './relation.types';

/** Transfers of a member to another branch (组织关系转接) and their record. */
@Injectable()
export class TransferService {
  constructor(private readonly em: EntityManager) {}

  private get sql(): SqlClient {
    return emSql(this.em.fork());
  }

  async transferMember(who: Identity, id: string, toBranchId: string, reason: string): Promise<string> {
    requireRole(who, ...MEMBER_EDITORS);
    if (!reason.trim()) throw OrgErrors.badInput(['请填写转接原因']);
    return this.em.fork().transactional(async (em) => {
      const m = await memberInScope(em, who, id);
      if (m.status !== 'active') throw OrgErrors.memberLeft();
      const to = await activeBranch(em, toBranchId);
      // The target branch must be in the caller's own subtree, and only the prefecture moves members across
      // counties: a move out of a county cancels commitments that nobody below the prefecture may cancel.
      assertInScope(who, to.path, '转入支部');
      if (countyOf(to.path) !== countyOf(m.branchPath) && !who.roles.includes('prefecture_admin')) {
        throw OrgErrors.crossCountyTransfer();
      }
      if (to.id === m.branchId) throw OrgErrors.sameBranch();
      if (m.type === 'rural_no_post' && to.field !== 'rural') {
        throw OrgErrors.badInput(['农村无职党员只能转入农村党支部，请先修改党员类别']);
      }
      const from = { id: m.branchId, path: m.branchPath };
      m.branchId = to.id;
      m.branchPath = to.path;
      em.persist(
        em.create(MemberTransfer, {
          id: randomUUID(),
          memberId: m.id,
          fromBranchId: from.id,
          toBranchId: to.id,
          fromPath: from.path,
          toPath: to.path,
          reason: reason.trim(),
        }),
      );
      // A secretary who leaves the unit they lead no longer leads it.
      const led = await em.find(Unit, { secretaryId: m.id });
      for (const u of led.filter((x) => !inScope(scopeOf(x.path), to.path))) {
        u.secretaryId = null;
        relationEvent(em, u.path, 'secretary', 'removed', { unitId: u.id, memberId: m.id });
      }
      recordEvent(em, MemberTransferred, {
        aggregateId: m.id,
        orgPath: to.path,
        payload: {
          ...memberSnapshot(m),
          fromBranchId: from.id,
          fromBranchPath: from.path,
          reason: reason.trim(),
        },
      });
      return m.id;
    });
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
}
