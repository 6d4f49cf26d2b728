import type { EntityManager } from '@mikro-orm/postgresql';
import type { Member } from './member.entity';
import { OrgErrors } from './org.errors';
import { Unit } from './unit.entity';

/** Roles that change units and relations. */
export const ADMINS = ['prefecture_admin', 'county_admin'] as const;
/** Roles that change members. */
export const MEMBER_EDITORS = ['prefecture_admin', 'county_admin', 'unit_secretary'] as const;

/** The payload every unit event carries. */
export function unitSnapshot(u: Unit) {
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

/** The payload every member event carries. */
export function memberSnapshot(m: Member) {
  return {
    memberId: m.id,
    name: m.name,
    type: m.type,
    cadreRank: m.cadreRank,
    branchId: m.branchId,
    branchPath: m.branchPath,
    contact: {
      email: m.email,
      phone: m.phone,
      channels: m.notifyChannels,
      mobileLocation: m.mobileLocation,
    },
  };
}

// ── members ──────────────────────────────────────────────────────────────────────────────
/** An active branch by id: where members may be added or transferred to. */
export async function activeBranch(em: EntityManager, id: string): Promise<Unit> {
  const b = await em.findOne(Unit, { id });
  if (!b) throw OrgErrors.unitNotFound(id);
  if (b.level !== 'branch') throw OrgErrors.notABranch(b.code);
  if (b.status === 'closed') throw OrgErrors.unitClosed(b.code);
  return b;
}
