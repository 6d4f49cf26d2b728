import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import {
  MemberJoined,
  MemberLeft,
  MemberUpdated,
  birthDateOfIdNumber,
  type Identity,
  chineseIssues,
} from '@pingyi/contracts';
import type { AppConfig } from '@pingyi/config';
import { APP_CONFIG, requireRole } from '@pingyi/nest';
import { recordEvent } from '@pingyi/persistence';
import { assertInScope } from '../scope/scope-guard';
import { MEMBER_EDITORS, activeBranch, memberSnapshot } from '../shared/aggregates';
import { emSql } from '../shared/em-sql';
import { hashIdNumber, maskIdNumber } from '../shared/id-number';
import { memberIdFromHash } from '../shared/ids';
import { Member } from '../shared/member.entity';
import { OrgErrors } from '../shared/org.errors';
import { memberInScope, relationEvent } from '../shared/scoped';
import { Unit } from '../shared/unit.entity';
import { MemberFields, NewMember, memberRuleViolations } from './member-input';
import type { AddMemberInput, UpdateMemberInput } from './member.types';

/** Every change to a member: validated, scoped to the caller's subtree, written with its event. */
@Injectable()
export class MemberService {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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
    if (!parsed.success) throw OrgErrors.badInput(chineseIssues(parsed.error.issues));
    const v = parsed.data;
    const birthDate = birthDateOfIdNumber(v.idNumber);
    return this.em.fork().transactional(async (em) => {
      const branch = await activeBranch(em, input.branchId);
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
        notifyChannels: v.notifyChannels ?? null,
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
    if (!parsed.success) throw OrgErrors.badInput(chineseIssues(parsed.error.issues));
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
