import { z } from 'zod';

/** Levels of the organisation tree, top to bottom. */
export const UnitLevel = z.enum(['prefecture', 'county', 'committee', 'general_branch', 'branch']);
export type UnitLevel = z.infer<typeof UnitLevel>;
export const UnitLevelLabel: Record<UnitLevel, string> = {
  prefecture: '市（盟）',
  county: '旗县区',
  committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
};
export const UnitLevelRank: Record<UnitLevel, number> = {
  prefecture: 0,
  county: 1,
  committee: 2,
  general_branch: 3,
  branch: 4,
};

/** Field (领域) of a unit: decides its review template. */
export const UnitField = z.enum([
  'rural',
  'community',
  'organ',
  'primary_school',
  'higher_education',
  'medical',
  'soe',
  'two_new',
  'mass_org',
]);
export type UnitField = z.infer<typeof UnitField>;
export const UnitFieldLabel: Record<UnitField, string> = {
  rural: '农村',
  community: '街道社区',
  organ: '机关事业单位',
  primary_school: '中小学校',
  higher_education: '高等学校',
  medical: '医疗卫生',
  soe: '国有企业',
  two_new: '两新组织',
  mass_org: '群团组织',
};

/** Member type (党员类别): decides what a member is reviewed on. */
export const MemberType = z.enum(['leading_cadre', 'in_service', 'retired', 'mobile', 'rural_no_post']);
export type MemberType = z.infer<typeof MemberType>;
export const MemberTypeLabel: Record<MemberType, string> = {
  leading_cadre: '党员领导干部',
  in_service: '在职党员',
  retired: '离退休职工党员',
  mobile: '流动党员',
  rural_no_post: '农村无职党员',
};

/** Ranks of leading cadres (职级). */
export const CadreRank = z.enum(['prefecture_bureau', 'county_division', 'township_section']);
export type CadreRank = z.infer<typeof CadreRank>;
export const CadreRankLabel: Record<CadreRank, string> = {
  prefecture_bureau: '厅局级',
  county_division: '县处级',
  township_section: '乡科级',
};

export const Gender = z.enum(['male', 'female']);
export type Gender = z.infer<typeof Gender>;
export const GenderLabel: Record<Gender, string> = { male: '男', female: '女' };

/**
 * A unit code is one label of an org path (a PostgreSQL ltree label): letters A–Z and a–z, digits 0–9 and `_`,
 * 1–64 characters; no `.`, `-`, spaces or other characters. Paths compare label by label (ltree `<@`), so `_` is an
 * ordinary character, never a wildcard. The org service's table holds the same rule (`unit_code_alphabet`).
 */
export const UNIT_CODE_RULE = '组织编码只能包含字母、数字和下划线（ltree 标签），长度 1–64 位';
export const UnitCode = z
  .string()
  .min(1, UNIT_CODE_RULE)
  .max(64, UNIT_CODE_RULE)
  .regex(/^[A-Za-z0-9_]+$/, UNIT_CODE_RULE);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of an 18-digit resident ID number (GB 11643-1999) from its first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** True for a well-formed 18-digit resident ID number with a valid date and check character. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return false;
  return idNumberCheckChar(id.slice(0, 17)) === id[17];
}

/** The birth date (YYYY-MM-DD) encoded in a valid 18-digit ID number. */
export const birthDateOfIdNumber = (id: string): string =>
  `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;

/** Mainland mobile numbers: 11 digits starting with 1[3-9]. */
export const MobilePhone = z.string().regex(/^1[3-9]\d{9}$/, '手机号码格式不正确（应为 11 位手机号）');

/** A unit row as imported or generated (the import file's columns, decoded). */
export interface UnitRow {
  code: string;
  name: string;
  parentCode: string | null;
  level: UnitLevel;
  field: UnitField;
  /** ID number of the secretary (书记), who must be a registered member. */
  secretaryIdNumber?: string;
}

/** A member row as imported or generated. */
export interface MemberRow {
  name: string;
  gender: Gender;
  idNumber: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** YYYY-MM-DD (入党日期) */
  joinedAt: string;
  type: MemberType;
  cadreRank?: CadreRank;
  /** Where a mobile member works away (外出地点). */
  mobileLocation?: string;
  branchCode: string;
  phone?: string;
  email?: string;
  /** Code of the unit this member is secretary of (任书记组织编码). */
  secretaryOfUnitCode?: string;
}
