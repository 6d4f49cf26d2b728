import type { CadreRank, Gender, MemberType, NotifyChannel, UnitField, UnitLevel } from '@pingyi/contracts';

/** Rows of `org.unit` and `org.member` as the reads select them (UNIT_SELECT, MEMBER_SELECT). */
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
  notify_channels: NotifyChannel[] | null;
  status: string;
  left_reason: string | null;
}

export const UNIT_SELECT = `u.id, u.code, u.name, u.level, u.field, u.path::text as path, u.parent_id, u.secretary_id,
  u.status, u.closed_at, u.closed_reason`;

export const MEMBER_SELECT = `m.id, m.name, m.gender, m.id_number_masked, to_char(m.birth_date, 'YYYY-MM-DD') as birth_date,
  to_char(m.joined_at, 'YYYY-MM-DD') as joined_at, m.type, m.cadre_rank, m.mobile_location, m.branch_id,
  m.branch_path::text as branch_path, m.phone, m.email, m.notify_channels, m.status, m.left_reason`;
