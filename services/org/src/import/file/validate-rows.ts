import { UnitLevelLabel, type MemberRow, type UnitLevel, type UnitRow } from '@pingyi/contracts';
import {
  COLUMNS,
  IMPORT_KINDS,
  ImportKindLabel,
  birthDateOfId,
  columnList,
  formatDate,
  isLeapYear,
  normaliseHeader,
  type ColumnsOf,
  type FilledCell,
  type ImportKind,
  type RawCell,
} from './columns';
import { ImportFileError, MAX_IMPORT_ROWS, readTable, type ImportFormat, type RawTable } from './parse-file';

/** A problem in one row; row is the row number Excel shows (header is row 1), message is for the user. */
export interface RowError {
  row: number;
  column?: string;
  message: string;
}

export interface ParsedImport<T> {
  kind: ImportKind;
  /** Rows without errors; a file with any error should import nothing. */
  rows: { row: number; value: T }[];
  errors: RowError[];
  /** Non-empty data rows. */
  totalRows: number;
}

export interface ImportOptions {
  /** Reference date for "not in the future" checks; defaults to now (local date). */
  today?: Date;
  maxRows?: number;
}

export function parseImportFile(
  kind: 'units',
  bytes: Buffer,
  format: ImportFormat,
  options?: ImportOptions,
): Promise<ParsedImport<UnitRow>>;
export function parseImportFile(
  kind: 'members',
  bytes: Buffer,
  format: ImportFormat,
  options?: ImportOptions,
): Promise<ParsedImport<MemberRow>>;
export function parseImportFile(
  kind: ImportKind,
  bytes: Buffer,
  format: ImportFormat,
  options?: ImportOptions,
): Promise<ParsedImport<UnitRow> | ParsedImport<MemberRow>>;
export async function parseImportFile(
  kind: ImportKind,
  bytes: Buffer,
  format: ImportFormat,
  options: ImportOptions = {},
): Promise<ParsedImport<UnitRow> | ParsedImport<MemberRow>> {
  assertKind(kind);
  if (format !== 'csv' && format !== 'xlsx') throw new ImportFileError(`不支持的文件格式：${String(format)}`);
  const table = await readTable(bytes, format, options.maxRows ?? MAX_IMPORT_ROWS);
  return validateTable(kind, table, options);
}

export function validateTable(kind: 'units', table: RawTable, options?: ImportOptions): ParsedImport<UnitRow>;
export function validateTable(
  kind: 'members',
  table: RawTable,
  options?: ImportOptions,
): ParsedImport<MemberRow>;
export function validateTable(
  kind: ImportKind,
  table: RawTable,
  options?: ImportOptions,
): ParsedImport<UnitRow> | ParsedImport<MemberRow>;
export function validateTable(
  kind: ImportKind,
  table: RawTable,
  options: ImportOptions = {},
): ParsedImport<UnitRow> | ParsedImport<MemberRow> {
  assertKind(kind);
  const result =
    kind === 'units' ? validateUnits(table) : validateMembers(table, options.today ?? new Date());
  if (result.totalRows === 0) throw new ImportFileError('文件中没有数据行（表头下方为空）');
  return result;
}

function assertKind(kind: string): asserts kind is ImportKind {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    throw new ImportFileError(`未知的导入类型：${kind}`);
  }
}

type Values<R> = { [K in keyof R]?: NonNullable<R[K]> };

interface Layout<R> {
  /** Index in table.rows of the header row. */
  headerIndex: number;
  /** Column keys in definition order with their cell index in the file (undefined if absent). */
  columns: { key: keyof R; header: string; index: number | undefined }[];
}

/** How many leading rows may precede the header (e.g. a title row). */
const HEADER_SCAN_ROWS = 10;

function headerLookup<R>(columns: ColumnsOf<R>): Map<string, keyof R> {
  const lookup = new Map<string, keyof R>();
  for (const key of Object.keys(columns) as (keyof R)[]) {
    const spec = columns[key];
    for (const header of [spec.header, ...spec.aliases]) lookup.set(normaliseHeader(header), key);
  }
  return lookup;
}

function matchHeader<R>(lookup: Map<string, keyof R>, cells: RawCell[]): Map<keyof R, number> {
  const found = new Map<keyof R, number>();
  cells.forEach((cell, index) => {
    if (typeof cell !== 'string') return;
    const key = lookup.get(normaliseHeader(cell));
    if (key !== undefined && !found.has(key)) found.set(key, index);
  });
  return found;
}

function isHeaderOf(kind: ImportKind, cell: RawCell): boolean {
  if (typeof cell !== 'string') return false;
  const header = normaliseHeader(cell);
  return columnList(kind).some((c) => [c.header, ...c.aliases].some((h) => normaliseHeader(h) === header));
}

function locateColumns<R>(kind: ImportKind, columns: ColumnsOf<R>, table: RawTable): Layout<R> {
  const lookup = headerLookup(columns);
  const keys = Object.keys(columns) as (keyof R)[];
  const scanned = table.rows.slice(0, HEADER_SCAN_ROWS);
  const headerIndex = scanned.findIndex(({ cells }) => matchHeader(lookup, cells).size > 0);
  const headerRow = table.rows[headerIndex];
  if (!headerRow) {
    const other = IMPORT_KINDS.find(
      (k) => k !== kind && scanned.some(({ cells }) => cells.some((cell) => isHeaderOf(k, cell))),
    );
    throw new ImportFileError(
      other
        ? `这似乎是${ImportKindLabel[other]}导入文件，而不是${ImportKindLabel[kind]}导入文件，请检查导入类型`
        : `未找到表头：第一行应为列名（如${requiredHeaders(columns, keys)}），请使用${ImportKindLabel[kind]}导入模板`,
    );
  }
  const found = new Map<keyof R, number>();
  headerRow.cells.forEach((cell, index) => {
    if (typeof cell !== 'string') return;
    const key = lookup.get(normaliseHeader(cell));
    if (key === undefined) return;
    const previous = found.get(key);
    if (previous !== undefined) {
      throw new ImportFileError(
        `列“${columns[key].header}”重复出现（第 ${previous + 1} 列和第 ${index + 1} 列），请只保留一列`,
      );
    }
    found.set(key, index);
  });
  const missing = keys.filter((key) => columns[key].required && !found.has(key));
  if (missing.length > 0) {
    throw new ImportFileError(
      `缺少必填列：${requiredHeaders(columns, missing)}，请使用${ImportKindLabel[kind]}导入模板`,
    );
  }
  return {
    headerIndex,
    columns: keys.map((key) => ({ key, header: columns[key].header, index: found.get(key) })),
  };
}

const requiredHeaders = <R>(columns: ColumnsOf<R>, keys: (keyof R)[]): string =>
  keys
    .filter((key) => columns[key].required)
    .map((key) => `“${columns[key].header}”`)
    .join('、');

function filled(cell: RawCell | undefined): FilledCell | undefined {
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell !== 'string') return cell;
  const trimmed = cell.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Decodes every cell of a row, collecting an error per bad cell; undefined for a row blank in all known columns. */
function decodeRow<R>(
  columns: ColumnsOf<R>,
  layout: Layout<R>,
  cells: RawCell[],
  row: number,
  errors: RowError[],
): Values<R> | undefined {
  const filledCells = layout.columns.map(({ index }) =>
    index === undefined ? undefined : filled(cells[index]),
  );
  if (filledCells.every((cell) => cell === undefined)) return undefined;
  const values: Values<R> = {};
  layout.columns.forEach(({ key, header }, i) => {
    const cell = filledCells[i];
    const spec = columns[key];
    if (cell === undefined) {
      if (spec.required) errors.push({ row, column: header, message: `${header}不能为空` });
      return;
    }
    const decoded = spec.decode(cell);
    if (decoded.ok) values[key] = decoded.value;
    else errors.push({ row, column: header, message: decoded.message });
  });
  return values;
}

const hasError = (errors: RowError[], column: string): boolean => errors.some((e) => e.column === column);

/** Valid rows, all errors in row order, and the count of non-empty data rows. */
function finish<T>(
  kind: ImportKind,
  rows: Map<number, T>,
  errors: RowError[],
  totalRows: number,
): ParsedImport<T> {
  const failedRows = new Set(errors.map((e) => e.row));
  return {
    kind,
    rows: [...rows].filter(([row]) => !failedRows.has(row)).map(([row, value]) => ({ row, value })),
    errors: errors.sort((a, b) => a.row - b.row),
    totalRows,
  };
}

/**
 * Decodes each non-blank data row and has `checkRow` check it against the rows before (adding to the row's errors)
 * and build its value; a row is valid when it has no errors and a value.
 */
function validateRows<R, T>(
  kind: ImportKind,
  table: RawTable,
  columns: ColumnsOf<R>,
  checkRow: (v: Values<R>, row: number, rowErrors: RowError[]) => T | undefined,
): ParsedImport<T> {
  const layout = locateColumns(kind, columns, table);
  const errors: RowError[] = [];
  const valid = new Map<number, T>();
  let totalRows = 0;
  for (const { row, cells } of table.rows.slice(layout.headerIndex + 1)) {
    const rowErrors: RowError[] = [];
    const v = decodeRow(columns, layout, cells, row, rowErrors);
    if (!v) continue;
    totalRows++;
    const value = checkRow(v, row, rowErrors);
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else if (value !== undefined) valid.set(row, value);
  }
  return finish(kind, valid, errors, totalRows);
}

function validateUnits(table: RawTable): ParsedImport<UnitRow> {
  const columns = COLUMNS.units;
  const h = { code: columns.code.header, parentCode: columns.parentCode.header };
  const firstByCode = new Map<string, { row: number; level: UnitLevel | undefined }>();

  // Parent levels and cycles are checked with the database's units in planUnits (one rule set: level-rules.ts).
  return validateRows('units', table, columns, (v, row, rowErrors): UnitRow | undefined => {
    if (v.code !== undefined) {
      const first = firstByCode.get(v.code);
      if (first) {
        rowErrors.push({ row, column: h.code, message: `${h.code}“${v.code}”与第 ${first.row} 行重复` });
      } else {
        firstByCode.set(v.code, { row, level: v.level });
      }
    }
    if (v.parentCode === undefined) {
      if (v.level !== undefined && v.level !== 'prefecture' && !hasError(rowErrors, h.parentCode)) {
        rowErrors.push({
          row,
          column: h.parentCode,
          message: `${UnitLevelLabel[v.level]}必须填写${h.parentCode}（只有市（盟）级组织可以不填）`,
        });
      }
    } else if (v.parentCode === v.code) {
      rowErrors.push({ row, column: h.parentCode, message: `${h.parentCode}不能与本组织的${h.code}相同` });
    }
    const { code, name, level, field } = v;
    if (!(code && name && level && field)) return undefined;
    return {
      code,
      name,
      parentCode: v.parentCode ?? null,
      level,
      field,
      ...(v.secretaryIdNumber !== undefined && { secretaryIdNumber: v.secretaryIdNumber }),
    };
  });
}

function localDate(date: Date): string {
  return formatDate(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** The date a person born on birthDate (YYYY-MM-DD) turns 18; 29 February counts as 1 March. */
function eighteenthBirthday(birthDate: string): string {
  const year = +birthDate.slice(0, 4) + 18;
  const monthDay = birthDate.slice(5);
  return monthDay === '02-29' && !isLeapYear(year) ? `${year}-03-01` : `${year}-${monthDay}`;
}

function validateMembers(table: RawTable, todayDate: Date): ParsedImport<MemberRow> {
  const columns = COLUMNS.members;
  const h = {
    idNumber: columns.idNumber.header,
    birthDate: columns.birthDate.header,
    joinedAt: columns.joinedAt.header,
    cadreRank: columns.cadreRank.header,
    mobileLocation: columns.mobileLocation.header,
    phone: columns.phone.header,
  };
  const today = localDate(todayDate);
  const firstById = new Map<string, number>();
  const firstByPhone = new Map<string, number>();

  return validateRows('members', table, columns, (v, row, rowErrors): MemberRow | undefined => {
    const add = (column: string, message: string): void => void rowErrors.push({ row, column, message });

    if (v.idNumber !== undefined) {
      const first = firstById.get(v.idNumber);
      if (first === undefined) firstById.set(v.idNumber, row);
      else add(h.idNumber, `${h.idNumber}与第 ${first} 行重复`);
    }
    if (v.phone !== undefined) {
      const first = firstByPhone.get(v.phone);
      if (first === undefined) firstByPhone.set(v.phone, row);
      else add(h.phone, `${h.phone}“${v.phone}”与第 ${first} 行重复`);
    }

    const idBirthDate = v.idNumber === undefined ? undefined : birthDateOfId(v.idNumber);
    if (v.birthDate !== undefined && idBirthDate !== undefined && v.birthDate !== idBirthDate) {
      add(h.birthDate, `${h.birthDate}（${v.birthDate}）与${h.idNumber}中的出生日期（${idBirthDate}）不一致`);
    }
    const birthDate = idBirthDate ?? v.birthDate;
    if (v.joinedAt !== undefined) {
      const adult = birthDate === undefined ? undefined : eighteenthBirthday(birthDate);
      if (adult !== undefined && v.joinedAt < adult) {
        add(h.joinedAt, `${h.joinedAt}（${v.joinedAt}）早于年满 18 周岁的日期（${adult}）`);
      }
      if (v.joinedAt > today) add(h.joinedAt, `${h.joinedAt}（${v.joinedAt}）晚于今天（${today}）`);
    }

    if (v.type === 'leading_cadre') {
      if (v.cadreRank === undefined && !hasError(rowErrors, h.cadreRank)) {
        add(h.cadreRank, '党员领导干部必须填写职级');
      }
    } else if (v.type !== undefined && v.cadreRank !== undefined) {
      add(h.cadreRank, '只有党员领导干部填写职级，其他党员请留空');
    }
    if (v.type === 'mobile' && v.mobileLocation === undefined && !hasError(rowErrors, h.mobileLocation)) {
      add(h.mobileLocation, '流动党员必须填写外出地点');
    }

    const { name, gender, idNumber, joinedAt, type, branchCode } = v;
    if (!(name && gender && idNumber && birthDate && joinedAt && type && branchCode)) return undefined;
    const member: MemberRow = { name, gender, idNumber, birthDate, joinedAt, type, branchCode };
    if (v.cadreRank !== undefined) member.cadreRank = v.cadreRank;
    if (v.mobileLocation !== undefined) member.mobileLocation = v.mobileLocation;
    if (v.phone !== undefined) member.phone = v.phone;
    if (v.email !== undefined) member.email = v.email;
    if (v.secretaryOfUnitCode !== undefined) member.secretaryOfUnitCode = v.secretaryOfUnitCode;
    return member;
  });
}
