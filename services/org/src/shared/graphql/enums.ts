import { registerEnumType } from '@nestjs/graphql';
import {
  CadreRank,
  CadreRankLabel,
  Gender,
  GenderLabel,
  MemberType,
  MemberTypeLabel,
  NotifyChannel,
  UnitField,
  UnitFieldLabel,
  UnitLevel,
  UnitLevelLabel,
} from '@pingyi/contracts';

/** GraphQL enums mirror the contracts' zod enums; the descriptions carry the Chinese labels. */
function register(
  name: string,
  description: string,
  values: readonly string[],
  labels: Record<string, string>,
) {
  const e = Object.fromEntries(values.map((v) => [v, v]));
  registerEnumType(e, {
    name,
    description,
    valuesMap: Object.fromEntries(values.map((v) => [v, { description: labels[v] }])),
  });
  return e;
}

export const UnitLevelGql = register('UnitLevel', '组织层级', UnitLevel.options, UnitLevelLabel);
export const UnitFieldGql = register('UnitField', '组织领域', UnitField.options, UnitFieldLabel);
export const MemberTypeGql = register('MemberType', '党员类别', MemberType.options, MemberTypeLabel);
export const CadreRankGql = register('CadreRank', '职级', CadreRank.options, CadreRankLabel);
export const NotifyChannelGql = register('NotifyChannel', '通知渠道（站内消息之外）', NotifyChannel.options, {
  email: '电子邮件',
  sms: '短信',
});
export const GenderGql = register('Gender', '性别', Gender.options, GenderLabel);
export const UnitStatusGql = register('UnitStatus', '组织状态', ['active', 'closed'], {
  active: '正常',
  closed: '已撤销',
});
export const MemberStatusGql = register('MemberStatus', '党员状态', ['active', 'left'], {
  active: '在册',
  left: '已减少',
});
export const SubjectKindGql = register('SubjectKind', '承诺主体：组织或党员', ['unit', 'member'], {
  unit: '组织',
  member: '党员',
});
export const ReviewerPreferenceGql = register(
  'ReviewerPreference',
  '点评人优先规则',
  ['superior_secretary', 'liaison_leader'],
  { superior_secretary: '上级党组织书记', liaison_leader: '联系（分管）领导' },
);
export const ReviewerBasisGql = register(
  'ReviewerBasis',
  '点评依据',
  ['superior_secretary', 'liaison', 'oversight', 'branch_secretary', 'ancestor_secretary'],
  {
    superior_secretary: '上级党组织书记',
    liaison: '联系点领导',
    oversight: '分管领导',
    branch_secretary: '所在支部书记',
    ancestor_secretary: '更上级党组织书记',
  },
);
export const CadreAssignmentKindGql = register(
  'CadreAssignmentKind',
  '领导干部联系方式',
  ['liaison', 'oversight'],
  {
    liaison: '联系点',
    oversight: '分管',
  },
);
export const ImportKindGql = register('ImportKind', '导入内容', ['units', 'members'], {
  units: '组织',
  members: '党员',
});
export const ImportFormatGql = register('ImportFormat', '文件格式', ['csv', 'xlsx'], {
  csv: 'CSV',
  xlsx: 'Excel',
});
export const ImportStatusGql = register(
  'ImportStatus',
  '导入状态',
  ['pending', 'validating', 'applying', 'succeeded', 'failed'],
  { pending: '排队中', validating: '校验中', applying: '写入中', succeeded: '已完成', failed: '失败' },
);
