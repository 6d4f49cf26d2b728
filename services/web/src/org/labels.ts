import type { CadreRank, Gender, ImportKind, ImportStatus, MemberType, UnitField } from '../gql/graphql';

/** Choices of the org forms, in the schema's order of meaning (the server sends its own labels for display). */
const options = <T extends string>(labels: Record<T, string>) =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));

export const UNIT_FIELDS = options<UnitField>({
  rural: '农村',
  community: '街道社区',
  organ: '机关事业单位',
  primary_school: '中小学校',
  higher_education: '高等学校',
  medical: '医疗卫生',
  soe: '国有企业',
  two_new: '两新组织',
  mass_org: '群团组织',
});

export const MEMBER_TYPES = options<MemberType>({
  in_service: '在职党员',
  leading_cadre: '党员领导干部',
  retired: '离退休职工党员',
  mobile: '流动党员',
  rural_no_post: '农村无职党员',
});

export const GENDERS = options<Gender>({ male: '男', female: '女' });

export const CADRE_RANKS = options<CadreRank>({
  prefecture_bureau: '厅局级',
  county_division: '县处级',
  township_section: '乡科级',
});

export const IMPORT_KINDS = options<ImportKind>({ members: '党员', units: '组织' });

export const IMPORT_STATUS: Record<ImportStatus, string> = {
  pending: '排队中',
  validating: '校验中',
  applying: '写入中',
  succeeded: '已完成',
  failed: '未通过',
};
