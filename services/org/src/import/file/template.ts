import { Workbook, type Worksheet } from 'exceljs';
import { neutraliseSpreadsheetCell } from '@pingyi/contracts';
import { ImportKindLabel, columnList, type ColumnSpec, type ImportKind } from './columns';
import { INSTRUCTIONS_SHEET, MAX_IMPORT_ROWS, type ImportFormat } from './parse-file';
import { MAX_XLSX_UNCOMPRESSED_BYTES } from './zip-limits';

export interface ImportTemplate {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export const CONTENT_TYPES: Record<ImportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const TEMPLATE_NAMES: Record<ImportKind, string> = { units: '组织导入模板', members: '党员导入模板' };
const DATA_SHEETS: Record<ImportKind, string> = { units: '组织', members: '党员' };

export async function buildTemplate(kind: ImportKind, format: ImportFormat): Promise<ImportTemplate> {
  const columns = columnList(kind);
  const bytes = format === 'csv' ? csvTemplate(columns) : await xlsxTemplate(kind, columns);
  return { fileName: `${TEMPLATE_NAMES[kind]}.${format}`, contentType: CONTENT_TYPES[format], bytes };
}

/** Every text cell of a generated file is neutralised against formula injection (libs/contracts). */
const cells = (values: string[]): string[] => values.map(neutraliseSpreadsheetCell);

const csvCell = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** UTF-8 with BOM so that Excel opens it with the right encoding. */
function csvTemplate(columns: ColumnSpec<unknown>[]): Buffer {
  const lines = [columns.map((c) => c.header), columns.map((c) => c.example)];
  return Buffer.from(
    `\uFEFF${lines.map((line) => cells(line).map(csvCell).join(',')).join('\r\n')}\r\n`,
    'utf8',
  );
}

const columnLetter = (n: number): string =>
  n <= 26
    ? String.fromCharCode(64 + n)
    : columnLetter(Math.floor((n - 1) / 26)) + columnLetter(((n - 1) % 26) + 1);

async function xlsxTemplate(kind: ImportKind, columns: ColumnSpec<unknown>[]): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = '评议';
  const sheet = workbook.addWorksheet(DATA_SHEETS[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: neutraliseSpreadsheetCell(c.header), width: c.width }));
  const lastRow = MAX_IMPORT_ROWS + 1;
  columns.forEach((column, i) => {
    if (column.text) sheet.getColumn(i + 1).numFmt = '@';
    if (column.options) {
      const letter = columnLetter(i + 1);
      addListValidation(sheet, `${letter}2:${letter}${lastRow}`, column);
    }
  });
  const header = sheet.getRow(1);
  header.height = 22;
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: { argb: column.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
  });
  sheet.addRow(cells(columns.map((c) => c.example)));
  addInstructions(workbook, kind, columns);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** exceljs supports worksheet data validations but does not declare them. */
function addListValidation(sheet: Worksheet, range: string, column: ColumnSpec<unknown>): void {
  const validations = (sheet as unknown as { dataValidations: { add(range: string, rule: object): void } })
    .dataValidations;
  validations.add(range, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${(column.options ?? []).join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: `${column.header}填写有误`,
    error: `请从下拉列表中选择${column.header}`,
  });
}

function addInstructions(workbook: Workbook, kind: ImportKind, columns: ColumnSpec<unknown>[]): void {
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  sheet.columns = [
    { header: '列名', width: 16 },
    { header: '是否必填', width: 10 },
    { header: '说明', width: 70 },
    { header: '也可使用的列名', width: 18 },
    { header: '示例', width: 24 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const column of columns) {
    const row = sheet.addRow(
      cells([
        column.header,
        column.required ? '必填' : '选填',
        column.help,
        column.aliases.join('、'),
        column.example,
      ]),
    );
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  sheet.addRow([]);
  const notes = [
    '填写须知：',
    `1. 请在“${DATA_SHEETS[kind]}”工作表中填写，第一行为表头，请勿修改列名；从第二行开始每行一条${ImportKindLabel[kind]}记录。`,
    '2. 第二行为示例，导入前请删除或替换为真实数据。',
    '3. 红色列名为必填列；身份证号、编码、电话、日期等列已设为文本格式，请勿改为数值格式。',
    '4. 日期格式为 YYYY-MM-DD（如 2010-07-01），也支持 YYYY/M/D 和 YYYY年M月D日。',
    `5. 每个文件最多 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行；Excel 文件解压后不超过 ${MAX_XLSX_UNCOMPRESSED_BYTES / 1024 / 1024} MB（约 4 万行），更大的名单请另存为“CSV UTF-8（逗号分隔）”格式上传。`,
    '6. 文件中任何一行有错误时，整个文件都不会导入，请按错误提示修改后重新上传。',
  ];
  for (const note of notes) sheet.addRow(cells([note])).font = { bold: note === notes[0] };
}
