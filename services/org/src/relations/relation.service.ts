import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '@pingyi/contracts';
import { requireRole } from '@pingyi/nest';
import { Member } from '../shared/member.entity';
import type { CadreAssignmentInput, InspectionGroupInput } from './relation.types';
import { BranchPairing, CadreAssignment, InspectionGroup } from './relations.entity';
import { OrgErrors } from '../shared/org.errors';
import { inScope, scopeOf } from '../scope/scope';
import { ADMINS } from '../shared/aggregates';
import { relationEvent, unitInScope } from '../shared/scoped';

/** Relations in the registry (secretaries, cadres, pairings, inspection groups), scoped to the caller's subtree. */
@Injectable()
export class RelationService {
  constructor(private readonly em: EntityManager) {}

  async setSecretary(who: Identity, unitId: string, memberId: string | null): Promise<string> {
    requireRole(who, ...ADMINS);
    return this.em.fork().transactional(async (em) => {
      const u = await unitInScope(em, who, unitId);
      if (u.status === 'closed') throw OrgErrors.unitClosed(u.code);
      if (memberId) {
        const m = await em.findOne(Member, { id: memberId });
        if (!m) throw OrgErrors.memberNotFound(memberId);
        if (m.status !== 'active') throw OrgErrors.memberLeft();
        if (!inScope(scopeOf(u.path), m.branchPath)) {
          throw OrgErrors.badInput([`书记应是本组织的党员：${m.name}所在支部不在该组织之下`]);
        }
      }
      if (u.secretaryId === memberId) return u.id;
      u.secretaryId = memberId;
      relationEvent(em, u.path, 'secretary', memberId ? 'set' : 'removed', {
        unitId: u.id,
        memberId: memberId ?? undefined,
      });
      return u.id;
    });
  }

  async assignCadre(who: Identity, input: CadreAssignmentInput, add: boolean): Promise<boolean> {
    requireRole(who, ...ADMINS);
    return this.em.fork().transactional(async (em) => {
      const u = await unitInScope(em, who, input.unitId);
      const cadre = await em.findOne(Member, { id: input.cadreId });
      // Only a cadre of the caller's own subtree; one text whether the id is unknown or elsewhere (no oracle).
      if (!cadre || !inScope(who, cadre.branchPath)) throw OrgErrors.cadreOutOfScope();
      if (cadre.type !== 'leading_cadre' || cadre.status !== 'active') throw OrgErrors.notACadre();
      const key = { cadreId: cadre.id, unitId: u.id, kind: input.kind };
      const existing = await em.findOne(CadreAssignment, key);
      if (add === !!existing) return add;
      if (add) em.persist(em.create(CadreAssignment, key));
      else em.remove(existing!);
      relationEvent(em, u.path, input.kind, add ? 'added' : 'removed', {
        unitId: u.id,
        memberId: cadre.id,
      });
      return add;
    });
  }

  async pairBranches(who: Identity, a: string, b: string, add: boolean): Promise<boolean> {
    requireRole(who, ...ADMINS);
    if (a === b) throw OrgErrors.pairingNeedsBranches();
    const [unitA, unitB] = a < b ? [a, b] : [b, a];
    return this.em.fork().transactional(async (em) => {
      const ua = await unitInScope(em, who, unitA);
      const ub = await unitInScope(em, who, unitB);
      if (ua.level !== 'branch' || ub.level !== 'branch') throw OrgErrors.pairingNeedsBranches();
      if (add && (ua.status === 'closed' || ub.status === 'closed'))
        throw OrgErrors.unitClosed(ua.status === 'closed' ? ua.code : ub.code);
      const existing = await em.findOne(BranchPairing, { unitA, unitB });
      if (add === !!existing) return add;
      if (add) em.persist(em.create(BranchPairing, { unitA, unitB }));
      else em.remove(existing!);
      relationEvent(em, ua.path, 'pairing', add ? 'added' : 'removed', {
        unitId: ua.id,
        otherUnitId: ub.id,
        paths: [ua.path, ub.path],
      });
      return add;
    });
  }

  async saveInspectionGroup(who: Identity, id: string | null, input: InspectionGroupInput): Promise<string> {
    requireRole(who, ...ADMINS);
    const name = input.name.trim();
    if (name.length < 2 || name.length > 100) throw OrgErrors.badInput(['检查组名称应为 2–100 字']);
    if (input.scopeUnitIds.length === 0) throw OrgErrors.badInput(['请至少选择一个检查范围']);
    return this.em.fork().transactional(async (em) => {
      const people = [...new Set([input.leaderId, ...input.memberIds])];
      const found = await em.find(Member, { id: { $in: people }, status: 'active' });
      if (found.length !== people.length || !found.every((m) => inScope(who, m.branchPath)))
        throw OrgErrors.badInput(['检查组组长或成员中有不存在、已减少或不在您管理范围内的党员']);
      for (const u of input.scopeUnitIds) await unitInScope(em, who, u);
      let g: InspectionGroup;
      if (id) {
        const existing = await em.findOne(InspectionGroup, { id });
        if (!existing || !inScope(who, existing.ownerPath)) throw OrgErrors.badInput(['检查组不存在']);
        g = existing;
      } else {
        g = em.create(InspectionGroup, {
          id: randomUUID(),
          name,
          leaderId: input.leaderId,
          memberIds: [],
          scopeUnitIds: [],
          ownerPath: who.orgPath,
        });
        em.persist(g);
      }
      em.assign(g, {
        name,
        leaderId: input.leaderId,
        memberIds: [...new Set(input.memberIds)],
        scopeUnitIds: [...new Set(input.scopeUnitIds)],
      });
      relationEvent(em, g.ownerPath, 'inspection_group', id ? 'set' : 'added', { groupId: g.id });
      return g.id;
    });
  }

  async deleteInspectionGroup(who: Identity, id: string): Promise<boolean> {
    requireRole(who, ...ADMINS);
    return this.em.fork().transactional(async (em) => {
      const g = await em.findOne(InspectionGroup, { id });
      if (!g || !inScope(who, g.ownerPath)) throw OrgErrors.badInput(['检查组不存在']);
      em.remove(g);
      relationEvent(em, g.ownerPath, 'inspection_group', 'removed', { groupId: g.id });
      return true;
    });
  }

  async relationsOf(who: Identity, unitId: string) {
    const em = this.em.fork();
    const u = await unitInScope(em, who, unitId);
    const [cadres, pairings] = await Promise.all([
      em.find(CadreAssignment, { unitId: u.id }),
      em.find(BranchPairing, { $or: [{ unitA: u.id }, { unitB: u.id }] }),
    ]);
    return { cadres, pairings };
  }

  async inspectionGroups(who: Identity): Promise<InspectionGroup[]> {
    const em = this.em.fork();
    const all = await em.find(InspectionGroup, {}, { orderBy: { name: 'asc' } });
    const own = all.filter((g) => inScope(who, g.ownerPath));
    // A group set up above the caller shows only when it inspects the caller's units, and only with those units.
    const above = all.filter((g) => !inScope(who, g.ownerPath) && inScope(scopeOf(g.ownerPath), who.orgPath));
    const ids = [...new Set(above.flatMap((g) => g.scopeUnitIds))];
    const rows = ids.length
      ? await em
          .getConnection()
          .execute<{ id: string; path: string }[]>(
            `select id, path::text as path from org.unit where id = any(?::uuid[])`,
            [ids],
          )
      : [];
    const pathOf = new Map(rows.map((r) => [r.id, r.path]));
    const concernsCaller = (id: string) => {
      const path = pathOf.get(id);
      return !!path && (inScope(who, path) || inScope(scopeOf(path), who.orgPath));
    };
    const inspecting = above
      .map((g) =>
        Object.assign(Object.create(Object.getPrototypeOf(g) as object) as InspectionGroup, g, {
          scopeUnitIds: g.scopeUnitIds.filter(concernsCaller),
        }),
      )
      .filter((g) => g.scopeUnitIds.length > 0);
    return [...own, ...inspecting].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }
}
