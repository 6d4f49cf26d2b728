import { MemberTypeLabel, UnitFieldLabel, UnitLevelLabel } from '@pingyi/contracts';
import type { MemberRecord, UnitRecord } from '../records';
import { MemberObject, UnitObject } from './objects';

export function toUnitObject(r: UnitRecord): UnitObject {
  return Object.assign(new UnitObject(), {
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level,
    levelLabel: UnitLevelLabel[r.level],
    field: r.field,
    fieldLabel: UnitFieldLabel[r.field],
    path: r.path,
    parentId: r.parent_id,
    secretaryId: r.secretary_id,
    status: r.status,
    closedAt: r.closed_at,
    closedReason: r.closed_reason,
  });
}

export function toMemberObject(r: MemberRecord): MemberObject {
  return Object.assign(new MemberObject(), {
    id: r.id,
    name: r.name,
    gender: r.gender,
    idNumberMasked: r.id_number_masked,
    birthDate: r.birth_date,
    joinedAt: r.joined_at,
    type: r.type,
    typeLabel: MemberTypeLabel[r.type],
    cadreRank: r.cadre_rank,
    mobileLocation: r.mobile_location,
    branchId: r.branch_id,
    branchPath: r.branch_path,
    phone: r.phone,
    email: r.email,
    notifyChannels: r.notify_channels,
    status: r.status,
    leftReason: r.left_reason,
  });
}
