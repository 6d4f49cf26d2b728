import { CadreRankLabel, GenderLabel, MemberTypeLabel, UnitFieldLabel } from '@pingyi/contracts/org';
import type { CadreRank, Gender, ImportKind, ImportStatus, MemberType, UnitField } from '../gql/graphql';

/** Choices of the org forms, labelled as the contracts label them (the server sends its own labels for display). */
const options = <T extends string>(labels: Record<T, string>) =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));

export const UNIT_FIELDS = options<UnitField>(UnitFieldLabel);

export const MEMBER_TYPES = options<MemberType>(MemberTypeLabel);

export const GENDERS = options<Gender>(GenderLabel);

export const CADRE_RANKS = options<CadreRank>(CadreRankLabel);

export const IMPORT_KINDS = options<ImportKind>({ members: '党员', units: '组织' });

export const IMPORT_STATUS: Record<ImportStatus, string> = {
  pending: '排队中',
  validating: '校验中',
  applying: '写入中',
  succeeded: '已完成',
  failed: '未通过',
};
