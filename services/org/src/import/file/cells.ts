/** Cells of an import file and the decoders that turn them into row values (with the message for a bad cell). */
import {
  birthDateOfIdNumber,
  MobilePhone,
  UnitCode,
  idNumberCheckChar,
  isValidIdNumber,
} from '@pingyi/contracts';

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

export function text(header: string, min: number, max: number): (cell: FilledCell) => Decoded<string> {
  return (cell) => {
    const value = asText(cell);
    const length = charCount(value);
    if (length < min || length > max) {
      return fail(`${header}长度应为 ${min}～${max} 个字符（当前 ${length} 个）`);
    }
    return ok(value);
  };
}

export function unitCode(header: string): (cell: FilledCell) => Decoded<string> {
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

export function choice<T extends string>(
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
export function labelsOf<T extends string>(
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

export function idNumber(header: string): (cell: FilledCell) => Decoded<string> {
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

export function date(header: string): (cell: FilledCell) => Decoded<string> {
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

export function mobilePhone(header: string): (cell: FilledCell) => Decoded<string> {
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

export function email(header: string): (cell: FilledCell) => Decoded<string> {
  return (cell) => {
    const value = asText(cell);
    if (value.length > 254 || !/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value)) {
      return fail(`${header}“${value}”格式不正确`);
    }
    return ok(value);
  };
}
