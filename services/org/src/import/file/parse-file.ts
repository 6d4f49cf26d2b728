import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse/sync';
import { Workbook, type Worksheet } from 'exceljs';
import { type RawCell } from './columns';
import { ImportFileError } from './parse-file-error';
import { assertXlsxWithinLimits } from './zip-limits';

export { ImportFileError };

export type ImportFormat = 'csv' | 'xlsx';

/** Rows per file (Baotou, the largest prefecture, has 167,000 members). */
export const MAX_IMPORT_ROWS = 200_000;
export const INSTRUCTIONS_SHEET = '填写说明';

/** The non-blank rows of a file, each with its row number as Excel shows it (1-based). */
export interface RawTable {
  rows: { row: number; cells: RawCell[] }[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Buffer, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

const OLD_EXCEL_MESSAGE =
  '不支持 Excel 97-2003（.xls）格式或加密的 Excel 文件，请在 Excel 中另存为“Excel 工作簿（*.xlsx）”或“CSV UTF-8（逗号分隔）(*.csv)”后重新上传';

export function detectFormat(fileName: string, bytes: Buffer): ImportFormat {
  const extension = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (startsWith(bytes, ZIP_MAGIC)) return 'xlsx';
  if (startsWith(bytes, OLE_MAGIC) || extension === 'xls') throw new ImportFileError(OLD_EXCEL_MESSAGE);
  if (extension === 'csv') return 'csv';
  if (extension === 'xlsx') throw new ImportFileError('文件扩展名为 .xlsx，但内容不是有效的 Excel 文件');
  throw new ImportFileError('不支持的文件类型，请上传 .xlsx 或 .csv（UTF-8）文件');
}

export async function readTable(
  bytes: Buffer,
  format: ImportFormat,
  maxRows = MAX_IMPORT_ROWS,
): Promise<RawTable> {
  if (bytes.length === 0) throw new ImportFileError('文件为空');
  const table = format === 'csv' ? readCsv(bytes) : await readXlsx(bytes, maxRows);
  if (table.rows.length === 0) throw new ImportFileError('文件为空');
  if (table.rows.length - 1 > maxRows) throw tooManyRows(maxRows);
  return table;
}

const tooManyRows = (maxRows: number): ImportFileError =>
  new ImportFileError(`文件行数过多：一次最多导入 ${maxRows.toLocaleString('en-US')} 行，请拆分为多个文件`);

const isBlank = (cell: RawCell): boolean => cell === null || (typeof cell === 'string' && cell.trim() === '');

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function assertUtf8(bytes: Buffer): void {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new ImportFileError(
      '文件是 UTF-16（Unicode 文本）编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）(*.csv)”后重新上传',
    );
  }
  if (!isUtf8(bytes)) {
    throw new ImportFileError(
      '文件不是 UTF-8 编码（可能是 GBK/ANSI 编码）。请在 Excel 中“另存为”，选择“CSV UTF-8（逗号分隔）(*.csv)”格式后重新上传',
    );
  }
}

function readCsv(bytes: Buffer): RawTable {
  assertUtf8(bytes);
  const content = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
  const text = content.toString('utf8');
  const firstLine = text.slice(0, text.search(/[\r\n]|$/));
  const delimiter = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  // Without any quote character (the usual Excel export) a CSV is plain lines and cells; csv-parse
  // handles quoting but is several times slower, which matters for files of 100,000+ rows.
  const records = text.includes('"') ? parseQuotedCsv(content, delimiter) : splitPlainCsv(text, delimiter);
  const rows: RawTable['rows'] = [];
  records.forEach((cells, index) => {
    if (!cells.every(isBlank)) rows.push({ row: index + 1, cells });
  });
  return { rows };
}

function splitPlainCsv(text: string, delimiter: string): string[][] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split(delimiter));
}

function parseQuotedCsv(content: Buffer, delimiter: string): string[][] {
  try {
    return parse(content, {
      delimiter,
      // Explicit record delimiters skip csv-parse's auto-detection.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    const where = typeof line === 'number' ? `（第 ${line} 行附近）` : '';
    throw new ImportFileError(`CSV 文件格式错误${where}，请检查引号是否成对`);
  }
}

async function readXlsx(bytes: Buffer, maxRows: number): Promise<RawTable> {
  assertXlsxWithinLimits(bytes);
  const workbook = new Workbook();
  try {
    // Validations and formatting are not needed, and exceljs expands their ranges cell by cell.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst'],
    });
  } catch {
    throw new ImportFileError('无法读取 Excel 文件：文件可能已损坏，或不是 .xlsx 格式');
  }
  const sheet = dataSheet(workbook);
  if (!sheet) throw new ImportFileError('Excel 文件中没有工作表');
  if (sheet.actualRowCount - 1 > maxRows) throw tooManyRows(maxRows);
  const rows: RawTable['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values;
    if (!Array.isArray(values)) return;
    // row.values is 1-based (index 0 unused).
    const cells: RawCell[] = [];
    for (let col = 1; col < values.length; col++) cells.push(toRawCell(values[col]));
    if (!cells.every(isBlank)) rows.push({ row: rowNumber, cells });
  });
  return { rows };
}

/** The first visible sheet other than the instructions sheet of our template. */
function dataSheet(workbook: Workbook): Worksheet | undefined {
  const sheets = workbook.worksheets;
  return (
    sheets.find((sheet) => sheet.name !== INSTRUCTIONS_SHEET && sheet.state === 'visible') ??
    sheets.find((sheet) => sheet.name !== INSTRUCTIONS_SHEET) ??
    sheets[0]
  );
}

/** Flattens exceljs cell values (rich text, hyperlinks, formulas, errors) to text, numbers or dates. */
function toRawCell(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value !== 'object') return null;
  if ('richText' in value && Array.isArray(value.richText)) {
    return (value.richText as { text?: unknown }[])
      .map((part) => (typeof part.text === 'string' ? part.text : ''))
      .join('');
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return toRawCell('result' in value ? value.result : null);
  }
  if ('text' in value) return toRawCell(value.text);
  if ('error' in value) return String(value.error);
  return null;
}
