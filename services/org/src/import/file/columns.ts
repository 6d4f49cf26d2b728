import {
  birthDateOfIdNumber,
  CadreRank,
  CadreRankLabel,
  Gender,
  GenderLabel,
  MemberType,
  MemberTypeLabel,
  MobilePhone,
  UnitCode,
  UnitField,
  UnitFieldLabel,
  UnitLevel,
  UnitLevelLabel,
  idNumberCheckChar,
  isValidIdNumber,
  type MemberRow,
  type UnitRow,
} from '@pingyi/contracts';

export type ImportKind = 'units' | 'members';
export const IMPORT_KINDS: readonly ImportKind[] = ['units', 'members'];
export const ImportKindLabel: Record<ImportKind, string> = { units: '组织', members: '党员' };

/** A cell as read from a file: CSV gives strings; XLSX also numbers and dates. */
export type RawCell = string | number | Date | null;
/** A non-blank cell; strings are trimmed. */
export type FilledCell = string | number | Date;

export type Decoded<T> = { ok: true; value: T } | { ok: false; message: string };

export interface ColumnSpec<T> {
  header: string;
  aliases: readonly string[];
  /** The column must be present and every cell in it filled. */
  required: boolean;
  /** Allowed values, offered as a dropdown in the XLSX template. */
  options?: readonly string[];
  /** Formatted as text in the XLSX template (IDs, phones, codes, dates). */
  text?: boolean;
  width: number;
  example: string;
  help: string;
  decode(cell: FilledCell): Decoded<T>;
}

export type ColumnsOf<R> = { [K in keyof R]-?: ColumnSpec<NonNullable<R[K]>> };

const ok = <T>(value: T): Decoded<T> => ({ ok: true, value });
const fail = (message: string): Decoded<never> => ({ ok: false, message });

/** Excel shows long digit strings as 1.50204E+17 and keeps only 15 significant digits. */
const SCIENTIFIC = /^\d(\.\d+)?E\+\d+$/i;
const textFormatHint = '请将该列设置为“文本”格式后重新填写';

function asText(cell: FilledCell): string {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  return formatDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
}

const charCount = (s: string): number => [...s].length;

function text(header: string, min: number, max: number): (cell: FilledCell) => Decoded<string> {
  return (cell) => {
    const value = asText(cell);
    const length = charCount(value);
    if (length < min || length > max) {
      return fail(`${header}长度应为 ${min}～${max} 个字符（当前 ${length} 个）`);
    }
    return ok(value);
  };
}

function unitCode(header: string): (cell: FilledCell) => Decoded<string> {
  return (cell) => {
    if (typeof cell === 'number' && !Number.isSafeInteger(cell)) {
      return fail(`${header}被存储为数字，${textFormatHint}`);
    }
    const value = asText(cell);
    if (value.length > 64) return fail(`${header}不能超过 64 个字符`);
    if (!UnitCode.safeParse(value).success) {
      return fail(`${header}“${value}”格式不正确，只能包含字母、数字和下划线`);
    }
    return ok(value);
  };
}

/** Normalises spacing and half-width brackets so '市(盟)' and '市（盟）' match. */
const normaliseLabel = (s: string): string =>
  s.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').toLowerCase();

function choice<T extends string>(
  header: string,
  options: readonly string[],
  accepted: Record<string, T>,
): (cell: FilledCell) => Decoded<T> {
  const lookup = new Map(Object.entries(accepted).map(([label, value]) => [normaliseLabel(label), value]));
  return (cell) => {
    const value = asText(cell);
    const found = lookup.get(value) ?? lookup.get(normaliseLabel(value));
    return found ? ok(found) : fail(`未知的${header}“${value}”，可选值：${options.join('、')}`);
  };
}

/** Accepts each enum value itself and each label, plus extra aliases. */
function labelsOf<T extends string>(
  labels: Record<T, string>,
  aliases: Record<string, T> = {},
): Record<string, T> {
  const accepted: Record<string, T> = {};
  for (const [value, label] of Object.entries(labels) as [T, string][]) {
    accepted[value] = value;
    accepted[label] = value;
  }
  return { ...accepted, ...aliases };
}

function idNumber(header: string): (cell: FilledCell) => Decoded<string> {
  return (cell) => {
    if (typeof cell === 'number') return fail(`${header}被存储为数字，末几位已丢失精度，${textFormatHint}`);
    const value = asText(cell).replace(/\s+/g, '').toUpperCase();
    if (SCIENTIFIC.test(value)) {
      return fail(`${header}显示为科学计数法（${value}），已丢失精度，${textFormatHint}`);
    }
    if (value.length !== 18) return fail(`${header}应为 18 位（当前 ${value.length} 位）`);
    if (!/^\d{17}[\dX]$/.test(value)) return fail(`${header}只能包含数字，最后一位可以是 X`);
    if (!isValidIdNumber(value)) {
      return idNumberCheckChar(value.slice(0, 17)) === value[17]
        ? fail(`${header}中的出生日期无效`)
        : fail(`${header}校验位不正确`);
    }
    return ok(value);
  };
}

// Hot paths avoid calling globals such as Number() and String(): slow inside jest's vm sandbox.
export const formatDate = (y: number, m: number, d: number): string =>
  `${`${y}`.padStart(4, '0')}-${`${m}`.padStart(2, '0')}-${`${d}`.padStart(2, '0')}`;

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= (m === 2 && isLeapYear(y) ? 29 : (DAYS_IN_MONTH[m - 1] ?? 0));
}

const DATE_PATTERNS = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** The birth date encoded in a valid ID number. */
export const birthDateOfId = birthDateOfIdNumber;

function date(header: string): (cell: FilledCell) => Decoded<string> {
  const check = (y: number, m: number, d: number, shown: string): Decoded<string> => {
    if (!isCalendarDate(y, m, d)) return fail(`${header}“${shown}”不是有效日期`);
    if (y < 1900 || y > 2100) return fail(`${header}“${shown}”超出合理范围`);
    return ok(formatDate(y, m, d));
  };
  return (cell) => {
    if (typeof cell === 'string') {
      for (const pattern of DATE_PATTERNS) {
        const match = pattern.exec(cell);
        if (match) return check(+(match[1] ?? ''), +(match[2] ?? ''), +(match[3] ?? ''), cell);
      }
      return fail(`${header}“${cell}”无法识别，请按 YYYY-MM-DD 格式填写（如 2010-07-01）`);
    }
    if (typeof cell === 'number') {
      if (Number.isInteger(cell) && cell >= 1000_00_00 && cell <= 9999_12_31) {
        return check(Math.floor(cell / 10000), Math.floor(cell / 100) % 100, cell % 100, String(cell));
      }
      if (cell >= 1 && cell < 2_958_466) {
        // Excel serial days; serials below 61 precede Excel's fictitious 1900-02-29.
        const days = Math.floor(cell);
        const serialDate = new Date(EXCEL_EPOCH + (days < 61 ? days + 1 : days) * DAY_MS);
        return check(
          serialDate.getUTCFullYear(),
          serialDate.getUTCMonth() + 1,
          serialDate.getUTCDate(),
          String(cell),
        );
      }
      return fail(`${header}“${cell}”不是有效日期`);
    }
    if (Number.isNaN(cell.getTime())) return fail(`${header}不是有效日期`);
    const y = cell.getUTCFullYear();
    const m = cell.getUTCMonth() + 1;
    const d = cell.getUTCDate();
    return check(y, m, d, formatDate(y, m, d));
  };
}

function mobilePhone(header: string): (cell: FilledCell) => Decoded<string> {
  return (cell) => {
    if (typeof cell === 'number' && !Number.isSafeInteger(cell)) {
      return fail(`${header}“${cell}”不是有效号码`);
    }
    let value = asText(cell).replace(/[\s-]+/g, '');
    if (SCIENTIFIC.test(value)) {
      return fail(`${header}显示为科学计数法（${value}），已丢失精度，${textFormatHint}`);
    }
    if (/^(\+?86)1\d{10}$/.test(value)) value = value.replace(/^\+?86/, '');
    if (!MobilePhone.safeParse(value).success) {
      return fail(`${header}“${value}”格式不正确（应为 11 位手机号）`);
    }
    return ok(value);
  };
}

function email(header: string): (cell: FilledCell) => Decoded<string> {
  return (cell) => {
    const value = asText(cell);
    if (value.length > 254 || !/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value)) {
      return fail(`${header}“${value}”格式不正确`);
    }
    return ok(value);
  };
}

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
