import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import {
  MemberJoined,
  MemberLeft,
  MemberTransferred,
  MemberUpdated,
  UnitClosed,
  UnitCode,
  UnitCreated,
  UnitMoved,
  UnitUpdated,
  birthDateOfIdNumber,
  type Identity,
} from '@pingyi/contracts';
import type { AppConfig } from '@pingyi/config';
import { APP_CONFIG, requireRole } from '@pingyi/nest';
import { recordEvent } from '@pingyi/persistence';
import { emSql } from '../bulk/em-sql';
import { memberIdFromHash } from '../bulk/members';
import { moveSubtree, unitId } from '../bulk/units';
import { Member } from '../entities/member.entity';
import { MemberTransfer } from '../entities/relations.entity';
import { Unit } from '../entities/unit.entity';
import type { AddMemberInput, CreateUnitInput, UpdateMemberInput, UpdateUnitInput } from '../graphql/inputs';
import { hashIdNumber, maskIdNumber } from '../org/id-number';
import { levelAllowed } from '../org/level-rules';
import { OrgErrors } from '../org/org.errors';
import { countyOf, inScope, scopeOf } from '../org/scope';
import { assertInScope } from '../org/scope-guard';
import { MemberFields, NewMember, memberRuleViolations } from './member-input';
import { memberInScope, relationEvent, unitInScope } from './scoped';

const ADMINS = ['prefecture_admin', 'county_admin'] as const;
const MEMBER_EDITORS = ['prefecture_admin', 'county_admin', 'unit_secretary'] as const;

function unitSnapshot(u: Unit) {
  return {
    unitId: u.id,
    code: u.code,
    name: u.name,
    level: u.level,
    field: u.field,
    parentId: u.parentId,
    path: u.path,
    secretaryId: u.secretaryId,
  };
}

function memberSnapshot(m: Member) {
  return {
    memberId: m.id,
    name: m.name,
    type: m.type,
    cadreRank: m.cadreRank,
    branchId: m.branchId,
    branchPath: m.branchPath,
  };
}

/** Every change to the registry: validated, scoped to the caller's subtree, written with its event. */
@Injectable()
export class OrgWriteService {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ── units ────────────────────────────────────────────────────────────────────────────────
  async createUnit(who: Identity, input: CreateUnitInput): Promise<string> {
    requireRole(who, ...ADMINS);
    const code = UnitCode.safeParse(input.code);
    const reasons = [
      ...(code.success ? [] : code.error.issues.map((i) => i.message)),
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

  // ── members ──────────────────────────────────────────────────────────────────────────────
  private async activeBranch(em: EntityManager, id: string): Promise<Unit> {
    const b = await em.findOne(Unit, { id });
    if (!b) throw OrgErrors.unitNotFound(id);
    if (b.level !== 'branch') throw OrgErrors.notABranch(b.code);
    if (b.status === 'closed') throw OrgErrors.unitClosed(b.code);
    return b;
  }

  private async ensurePhoneFree(
    em: EntityManager,
    phone: string | null | undefined,
    self: string,
  ): Promise<void> {
    if (!phone) return;
    const other = await em.findOne(Member, { phone, status: 'active', id: { $ne: self } });
    if (other) throw OrgErrors.duplicatePhone(phone);
  }

  async addMember(who: Identity, input: AddMemberInput): Promise<string> {
    requireRole(who, ...MEMBER_EDITORS);
    const parsed = NewMember.safeParse(input);
    if (!parsed.success) throw OrgErrors.badInput(parsed.error.issues.map((i) => i.message));
    const v = parsed.data;
    const birthDate = birthDateOfIdNumber(v.idNumber);
    return this.em.fork().transactional(async (em) => {
      const branch = await this.activeBranch(em, input.branchId);
      assertInScope(who, branch.path, '所在支部');
      const reasons = memberRuleViolations({ ...v, birthDate, branchField: branch.field });
      if (reasons.length) throw OrgErrors.badInput(reasons);
      const hash = hashIdNumber(v.idNumber, this.config.ID_NUMBER_PEPPER);
      const id = memberIdFromHash(hash);
      if (await em.findOne(Member, { idNumberHash: hash })) throw OrgErrors.duplicateIdNumber();
      await this.ensurePhoneFree(em, v.phone, id);
      const m = em.create(Member, {
        id,
        idNumberHash: hash,
        idNumberMasked: maskIdNumber(v.idNumber),
        name: v.name,
        gender: v.gender,
        birthDate,
        joinedAt: v.joinedAt,
        type: v.type,
        cadreRank: v.cadreRank ?? null,
        mobileLocation: v.mobileLocation ?? null,
        branchId: branch.id,
        branchPath: branch.path,
        phone: v.phone ?? null,
        email: v.email ?? null,
      });
      em.persist(m);
      recordEvent(em, MemberJoined, { aggregateId: m.id, orgPath: m.branchPath, payload: memberSnapshot(m) });
      try {
        await em.flush();
      } catch (e) {
        if (e instanceof UniqueConstraintViolationException) throw OrgErrors.duplicateIdNumber();
        throw e;
      }
      return m.id;
    });
  }

  async updateMember(who: Identity, id: string, input: UpdateMemberInput): Promise<string> {
    requireRole(who, ...MEMBER_EDITORS);
    const parsed = MemberFields.partial().safeParse(input);
    if (!parsed.success) throw OrgErrors.badInput(parsed.error.issues.map((i) => i.message));
    const patch = parsed.data;
    return this.em.fork().transactional(async (em) => {
      const m = await memberInScope(em, who, id);
      if (m.status !== 'active') throw OrgErrors.memberLeft();
      const branch = await em.findOneOrFail(Unit, { id: m.branchId });
      const next = {
        ...m,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      };
      const reasons = memberRuleViolations({ ...next, branchField: branch.field });
      if (reasons.length) throw OrgErrors.badInput(reasons);
      await this.ensurePhoneFree(em, next.phone, m.id);
      const changed = (Object.keys(patch) as (keyof typeof patch)[]).filter(
        (k) => patch[k] !== undefined && (patch[k] ?? null) !== (m[k] ?? null),
      );
      if (changed.length === 0) return m.id;
      em.assign(m, Object.fromEntries(changed.map((k) => [k, patch[k] ?? null])));
      recordEvent(em, MemberUpdated, {
        aggregateId: m.id,
        orgPath: m.branchPath,
        payload: { ...memberSnapshot(m), changed },
      });
      return m.id;
    });
  }

  async transferMember(who: Identity, id: string, toBranchId: string, reason: string): Promise<string> {
    requireRole(who, ...MEMBER_EDITORS);
    if (!reason.trim()) throw OrgErrors.badInput(['请填写转接原因']);
    return this.em.fork().transactional(async (em) => {
      const m = await memberInScope(em, who, id);
      if (m.status !== 'active') throw OrgErrors.memberLeft();
      const to = await this.activeBranch(em, toBranchId);
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

  async removeMember(who: Identity, id: string, reason: string): Promise<string> {
    requireRole(who, ...MEMBER_EDITORS);
    if (!reason.trim()) throw OrgErrors.badInput(['请填写减少原因（如：出党、死亡、转出本系统）']);
    return this.em.fork().transactional(async (em) => {
      const m = await memberInScope(em, who, id);
      if (m.status !== 'active') throw OrgErrors.memberLeft();
      m.status = 'left';
      m.leftAt = new Date();
      m.leftReason = reason.trim();
      for (const u of await em.find(Unit, { secretaryId: m.id })) {
        u.secretaryId = null;
        relationEvent(em, u.path, 'secretary', 'removed', { unitId: u.id, memberId: m.id });
      }
      await emSql(em).query(`delete from org.cadre_assignment where cadre_id = $1`, [m.id]);
      recordEvent(em, MemberLeft, {
        aggregateId: m.id,
        orgPath: m.branchPath,
        payload: { ...memberSnapshot(m), reason: reason.trim() },
      });
      return m.id;
    });
  }
}
