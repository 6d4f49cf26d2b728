import {
  CadreRank,
  CadreRankLabel,
  Gender,
  GenderLabel,
  MemberType,
  MemberTypeLabel,
  UnitField,
  UnitFieldLabel,
  UnitLevel,
  UnitLevelLabel,
  idNumberCheckChar,
  type MemberRow,
  type UnitRow,
} from '@pingyi/contracts';
import {
  choice,
  date,
  email,
  idNumber,
  labelsOf,
  mobilePhone,
  text,
  unitCode,
  type ColumnSpec,
  type ColumnsOf,
} from './cells';

export {
  birthDateOfId,
  formatDate,
  isLeapYear,
  type ColumnSpec,
  type ColumnsOf,
  type Decoded,
  type FilledCell,
  type RawCell,
} from './cells';

export type ImportKind = 'units' | 'members';
export const IMPORT_KINDS: readonly ImportKind[] = ['units', 'members'];
export const ImportKindLabel: Record<ImportKind, string> = { units: '组织', members: '党员' };

export const UNIT_LEVEL_OPTIONS = [
  '市（盟）',
  '旗县区',
  '党委',
  '党工委',
  '党组',
  '党总支',
  '党支部',
] as const;
const unitLevels = labelsOf<UnitLevel>(UnitLevelLabel, {
  市: 'prefecture',
  盟: 'prefecture',
  市委: 'prefecture',
  旗: 'county',
  县: 'county',
  区: 'county',
  党工委: 'committee',
  党组: 'committee',
});

const unitFields = labelsOf<UnitField>(UnitFieldLabel, {
  街道: 'community',
  社区: 'community',
  机关: 'organ',
  事业单位: 'organ',
  学校: 'primary_school',
  中小学: 'primary_school',
  高校: 'higher_education',
  医院: 'medical',
  医疗: 'medical',
  国企: 'soe',
  非公企业: 'two_new',
  社会组织: 'two_new',
  群团: 'mass_org',
});

const memberTypes = labelsOf<MemberType>(MemberTypeLabel, {
  领导干部: 'leading_cadre',
  在职: 'in_service',
  离退休: 'retired',
  退休: 'retired',
  流动: 'mobile',
  外出党员: 'mobile',
  农村无职: 'rural_no_post',
});

const cadreRanks = labelsOf<CadreRank>(CadreRankLabel, {
  正厅级: 'prefecture_bureau',
  副厅级: 'prefecture_bureau',
  正处级: 'county_division',
  副处级: 'county_division',
  正科级: 'township_section',
  副科级: 'township_section',
});

const genders = labelsOf<Gender>(GenderLabel, { 男性: 'male', 女性: 'female' });

// Example data shared by both templates: 张三 is the secretary of the example branch.
const EXAMPLE_BRANCH = 'bt_qs_xx_001';
const EXAMPLE_ID = `15020419850701001${idNumberCheckChar('15020419850701001')}`;

export const UNIT_COLUMNS: ColumnsOf<UnitRow> = {
  code: {
    header: '组织编码',
    aliases: [],
    required: true,
    text: true,
    width: 18,
    example: EXAMPLE_BRANCH,
    help: '本组织的唯一编码，只能包含字母、数字和下划线，最长 64 个字符；文件内不能重复。',
    decode: unitCode('组织编码'),
  },
  name: {
    header: '组织名称',
    aliases: ['名称'],
    required: true,
    width: 30,
    example: '青山区某某社区党支部',
    help: '组织全称，2～100 个字符。',
    decode: text('组织名称', 2, 100),
  },
  parentCode: {
    header: '上级组织编码',
    aliases: ['上级组织'],
    required: false,
    text: true,
    width: 18,
    example: 'bt_qs_xx',
    help: '上级组织的组织编码；只有市（盟）级组织可以不填。上级组织可以在本文件中，也可以是系统中已有的组织。',
    decode: unitCode('上级组织编码'),
  },
  level: {
    header: '组织层级',
    aliases: ['层级'],
    required: true,
    options: UNIT_LEVEL_OPTIONS,
    width: 12,
    example: '党支部',
    help: '从下拉列表选择：市（盟）、旗县区、党委、党工委、党组、党总支、党支部。',
    decode: choice('组织层级', UNIT_LEVEL_OPTIONS, unitLevels),
  },
  field: {
    header: '组织领域',
    aliases: ['领域'],
    required: true,
    options: Object.values(UnitFieldLabel),
    width: 14,
    example: UnitFieldLabel.community,
    help: `决定点评模板。从下拉列表选择：${Object.values(UnitFieldLabel).join('、')}。`,
    decode: choice('组织领域', Object.values(UnitFieldLabel), unitFields),
  },
  secretaryIdNumber: {
    header: '书记身份证号',
    aliases: ['书记'],
    required: false,
    text: true,
    width: 22,
    example: EXAMPLE_ID,
    help: '本组织书记的 18 位身份证号（书记须为已登记党员）；可不填。请以文本格式填写。',
    decode: idNumber('书记身份证号'),
  },
};

export const MEMBER_COLUMNS: ColumnsOf<MemberRow> = {
  name: {
    header: '姓名',
    aliases: [],
    required: true,
    width: 12,
    example: '张三',
    help: '1～30 个字符。',
    decode: text('姓名', 1, 30),
  },
  gender: {
    header: '性别',
    aliases: [],
    required: true,
    options: Object.values(GenderLabel),
    width: 8,
    example: GenderLabel.male,
    help: '男 或 女。',
    decode: choice('性别', Object.values(GenderLabel), genders),
  },
  idNumber: {
    header: '身份证号',
    aliases: ['身份证号码', '公民身份号码'],
    required: true,
    text: true,
    width: 22,
    example: EXAMPLE_ID,
    help: '18 位居民身份证号，文件内不能重复。请以文本格式填写，避免 Excel 将其转为科学计数法而丢失末几位。',
    decode: idNumber('身份证号'),
  },
  birthDate: {
    header: '出生日期',
    aliases: [],
    required: false,
    text: true,
    width: 12,
    example: '1985-07-01',
    help: '格式 YYYY-MM-DD；可不填，不填时取身份证号中的出生日期，填写时必须与身份证号一致。',
    decode: date('出生日期'),
  },
  joinedAt: {
    header: '入党日期',
    aliases: [],
    required: true,
    text: true,
    width: 12,
    example: '2010-07-01',
    help: '格式 YYYY-MM-DD（也可用 YYYY/M/D、YYYY年M月D日）；须在年满 18 周岁之后，且不晚于今天。',
    decode: date('入党日期'),
  },
  type: {
    header: '党员类别',
    aliases: [],
    required: true,
    options: Object.values(MemberTypeLabel),
    width: 16,
    example: MemberTypeLabel.in_service,
    help: `决定点评内容。从下拉列表选择：${Object.values(MemberTypeLabel).join('、')}。`,
    decode: choice('党员类别', Object.values(MemberTypeLabel), memberTypes),
  },
  cadreRank: {
    header: '职级',
    aliases: [],
    required: false,
    options: Object.values(CadreRankLabel),
    width: 10,
    example: '',
    help: `党员领导干部必填，其他党员不填。可选：${Object.values(CadreRankLabel).join('、')}。`,
    decode: choice('职级', Object.values(CadreRankLabel), cadreRanks),
  },
  mobileLocation: {
    header: '外出地点',
    aliases: [],
    required: false,
    width: 20,
    example: '',
    help: '流动党员必填：外出务工、经商或居住的地点。',
    decode: text('外出地点', 1, 100),
  },
  branchCode: {
    header: '所在支部编码',
    aliases: ['所在支部'],
    required: true,
    text: true,
    width: 18,
    example: EXAMPLE_BRANCH,
    help: '党员所在党支部的组织编码。',
    decode: unitCode('所在支部编码'),
  },
  phone: {
    header: '联系电话',
    aliases: ['手机号码', '手机号'],
    required: false,
    text: true,
    width: 16,
    example: '13800138000',
    help: '11 位手机号，可不填；文件内不能重复。',
    decode: mobilePhone('联系电话'),
  },
  email: {
    header: '电子邮箱',
    aliases: ['邮箱'],
    required: false,
    width: 26,
    example: 'zhangsan@example.com',
    help: '可不填。',
    decode: email('电子邮箱'),
  },
  secretaryOfUnitCode: {
    header: '任书记组织编码',
    aliases: [],
    required: false,
    text: true,
    width: 18,
    example: EXAMPLE_BRANCH,
    help: '该党员担任书记的组织编码，可不填。',
    decode: unitCode('任书记组织编码'),
  },
};

export const COLUMNS: { units: ColumnsOf<UnitRow>; members: ColumnsOf<MemberRow> } = {
  units: UNIT_COLUMNS,
  members: MEMBER_COLUMNS,
};

/** The columns of a kind in file order. */
export const columnList = (kind: ImportKind): ColumnSpec<unknown>[] => Object.values(COLUMNS[kind]);

/** How a header cell is compared: spaces (also inside, as in '姓  名') and required-markers '*' dropped. */
export const normaliseHeader = (s: string): string => s.replace(/[\s*＊]+/g, '');
