import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  UnitClosed,
  UnitCode,
  UnitCreated,
  UnitMoved,
  UnitUpdated,
  chineseIssues,
  type Identity,
} from '@pingyi/contracts';
import { requireRole } from '@pingyi/nest';
import { recordEvent } from '@pingyi/persistence';
import { inScope, scopeOf } from '../scope/scope';
import { assertInScope } from '../scope/scope-guard';
import { ADMINS, unitSnapshot } from '../shared/aggregates';
import { emSql } from '../shared/em-sql';
import { unitId } from '../shared/ids';
import { levelAllowed } from '../shared/level-rules';
import { moveSubtree } from '../shared/move-subtree';
import { OrgErrors } from '../shared/org.errors';
import { unitInScope } from '../shared/scoped';
import { Unit } from '../shared/unit.entity';
import type { CreateUnitInput, UpdateUnitInput } from './unit.types';

/** Every change to a unit: validated, scoped to the caller's subtree, written with its event. */
@Injectable()
export class UnitService {
  constructor(private readonly em: EntityManager) {}

  // ── units ────────────────────────────────────────────────────────────────────────────────
  async createUnit(who: Identity, input: CreateUnitInput): Promise<string> {
    requireRole(who, ...ADMINS);
    const code = UnitCode.safeParse(input.code);
    const reasons = [
      ...(code.success ? [] : chineseIssues(code.error.issues)),
      ...(input.name.trim().length < 2 || input.name.length > 100 ? ['组织名称应为 2–100 字'] : []),
    ];
    if (reasons.length) throw OrgErrors.badInput(reasons);
    return this.em.fork().transactional(async (em) => {
      let parent: Unit | null = null;
      if (input.parentId) {
        parent = await em.findOne(Unit, { id: input.parentId });
        if (!parent) throw OrgErrors.parentNotFound(input.parentId);
        if (parent.status === 'closed') throw OrgErrors.parentClosed(parent.code);
      }
      if (!levelAllowed(input.level, parent?.level ?? null))
        throw OrgErrors.wrongLevel(input.level, parent?.level ?? null);
      const path = parent ? `${parent.path}.${input.code}` : input.code;
      assertInScope(who, path, '新组织');
      if (await em.count(Unit, { code: input.code })) throw OrgErrors.codeTaken(input.code);
      const u = em.create(Unit, {
        id: unitId(input.code),
        code: input.code,
        name: input.name.trim(),
        level: input.level,
        field: input.field,
        parentId: parent?.id ?? null,
        path,
      });
      em.persist(u);
      recordEvent(em, UnitCreated, { aggregateId: u.id, orgPath: u.path, payload: unitSnapshot(u) });
      return u.id;
    });
  }

  async updateUnit(who: Identity, id: string, input: UpdateUnitInput): Promise<string> {
    requireRole(who, ...ADMINS);
    if (input.name !== undefined && (input.name.trim().length < 2 || input.name.length > 100)) {
      throw OrgErrors.badInput(['组织名称应为 2–100 字']);
    }
    return this.em.fork().transactional(async (em) => {
      const u = await unitInScope(em, who, id);
      if (u.status === 'closed') throw OrgErrors.unitClosed(u.code);
      const changed: string[] = [];
      if (input.name !== undefined && input.name.trim() !== u.name) {
        u.name = input.name.trim();
        changed.push('name');
      }
      if (input.field && input.field !== u.field) {
        u.field = input.field;
        changed.push('field');
      }
      if (changed.length) {
        recordEvent(em, UnitUpdated, {
          aggregateId: u.id,
          orgPath: u.path,
          payload: { ...unitSnapshot(u), changed },
        });
      }
      return u.id;
    });
  }

  async moveUnit(who: Identity, id: string, newParentId: string): Promise<string> {
    requireRole(who, ...ADMINS);
    return this.em.fork().transactional(async (em) => {
      const u = await unitInScope(em, who, id);
      if (u.path === who.orgPath) throw OrgErrors.badInput(['不能移动您自己管理范围的根组织']);
      if (u.status === 'closed') throw OrgErrors.unitClosed(u.code);
      const parent = await em.findOne(Unit, { id: newParentId });
      if (!parent) throw OrgErrors.parentNotFound(newParentId);
      if (parent.status === 'closed') throw OrgErrors.parentClosed(parent.code);
      if (inScope(scopeOf(u.path), parent.path)) throw OrgErrors.cycle();
      if (!levelAllowed(u.level, parent.level)) throw OrgErrors.wrongLevel(u.level, parent.level);
      const newPath = `${parent.path}.${u.code}`;
      assertInScope(who, newPath, '新的上级组织');
      if (parent.id === u.parentId) return u.id;
      const from = { parentId: u.parentId, path: u.path };
      u.parentId = parent.id;
      u.path = newPath;
      await em.flush();
      const moved = await moveSubtree(emSql(em), u.id, from.path, newPath);
      recordEvent(em, UnitMoved, {
        aggregateId: u.id,
        orgPath: newPath,
        payload: { ...unitSnapshot(u), fromParentId: from.parentId, fromPath: from.path, movedUnits: moved },
      });
      return u.id;
    });
  }

  async closeUnit(who: Identity, id: string, reason: string): Promise<string> {
    requireRole(who, ...ADMINS);
    if (!reason.trim()) throw OrgErrors.badInput(['请填写撤销原因']);
    return this.em.fork().transactional(async (em) => {
      const u = await unitInScope(em, who, id);
      if (u.path === who.orgPath) throw OrgErrors.badInput(['不能撤销您自己管理范围的根组织']);
      if (u.status === 'closed') throw OrgErrors.unitClosed(u.code);
      const busy = await emSql(em).query<{ n: number }>(
        `select (select count(*) from org.unit where parent_id = $1 and status = 'active')
              + (select count(*) from org.member where branch_id = $1 and status = 'active') as n`,
        [u.id],
      );
      if (Number(busy[0]?.n ?? 0) > 0) throw OrgErrors.unitHasActiveChildren(u.code);
      u.status = 'closed';
      u.closedAt = new Date();
      u.closedReason = reason.trim();
      recordEvent(em, UnitClosed, {
        aggregateId: u.id,
        orgPath: u.path,
        payload: { ...unitSnapshot(u), reason: u.closedReason },
      });
      return u.id;
    });
  }
}
