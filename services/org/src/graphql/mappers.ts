import {
  MemberTypeLabel,
  UnitFieldLabel,
  UnitLevelLabel,
  type CadreRank,
  type Gender,
  type MemberType,
  type UnitField,
  type UnitLevel,
} from '@pingyi/contracts';
import { MemberObject, UnitObject } from './objects';

export interface UnitRecord {
  id: string;
  code: string;
  name: string;
  level: UnitLevel;
  field: UnitField;
  path: string;
  parent_id: string | null;
  secretary_id: string | null;
  status: string;
  closed_at: Date | null;
  closed_reason: string | null;
}

export interface MemberRecord {
  id: string;
  name: string;
  gender: Gender;
  id_number_masked: string;
  birth_date: string;
  joined_at: string;
  type: MemberType;
  cadre_rank: CadreRank | null;
  mobile_location: string | null;
  branch_id: string;
  branch_path: string;
  phone: string | null;
  email: string | null;
  status: string;
  left_reason: string | null;
}

export const UNIT_SELECT = `u.id, u.code, u.name, u.level, u.field, u.path::text as path, u.parent_id, u.secretary_id,
  u.status, u.closed_at, u.closed_reason`;

export const MEMBER_SELECT = `m.id, m.name, m.gender, m.id_number_masked, to_char(m.birth_date, 'YYYY-MM-DD') as birth_date,
  to_char(m.joined_at, 'YYYY-MM-DD') as joined_at, m.type, m.cadre_rank, m.mobile_location, m.branch_id,
  m.branch_path::text as branch_path, m.phone, m.email, m.status, m.left_reason`;

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
    status: r.status,
    leftReason: r.left_reason,
  });
}
