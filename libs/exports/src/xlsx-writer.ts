import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { safeCell } from './cells';
import { letItFlow, untilWritten, type RowSource } from './flow';
import type { LedgerDefinition } from './ledgers/ledger';
import { ProgressCounter, type ProgressOptions } from './progress';

/** Excel's limit is 1,048,576 rows a sheet; past it the ledger goes on in a new sheet "承诺台账（2）". */
export const MAX_DATA_ROWS_PER_SHEET = 1_048_575;

export interface XlsxExportOptions extends ProgressOptions {
  /** Rows per sheet before a new one starts (default: Excel's limit). */
  maxRowsPerSheet?: number;
  /** Rows written between two pauses that let compression and the destination catch up (default 256). */
  flushEvery?: number;
  /** Deflate level 0–9 of the XLSX (a ZIP); default 6. */
  compressionLevel?: number;
  /** Shown in the file's properties (author). */
  creator?: string;
}

export interface ExportResult {
  rows: number;
  sheets: number;
}

/**
 * Writes one ledger as XLSX to `out`, row by row: exceljs's streaming WorkbookWriter with inline strings (no shared
 * string table), each row committed as it is written and the writer paused whenever `out` is full, so memory stays
 * flat whatever the number of rows. Header row in Chinese (frozen); every text cell through the injection rule
 * (`safeCell`). Resolves when `out` has taken the whole file.
 */
export async function writeLedgerXlsx<R>(
  ledger: LedgerDefinition<R>,
  rows: RowSource<R>,
  out: Writable,
  options: XlsxExportOptions = {},
): Promise<ExportResult> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    // No style table: with styles on, exceljs renders each cell's style to look it up (a fifth of the time).
    useStyles: false,
    useSharedStrings: false,
    zip: { zlib: { level: options.compressionLevel ?? 6 } },
  });
  workbook.creator = options.creator ?? '评议平台';
  try {
    return await writeRows(workbook, ledger, rows, out, options);
  } catch (err) {
    // a failed source or destination: the file is not whole, so the destination must not look finished
    if (!out.destroyed) out.destroy(err as Error);
    throw err;
  }
}

async function writeRows<R>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  ledger: LedgerDefinition<R>,
  rows: RowSource<R>,
  out: Writable,
  options: XlsxExportOptions,
): Promise<ExportResult> {
  const perSheet = Math.max(1, options.maxRowsPerSheet ?? MAX_DATA_ROWS_PER_SHEET);
  const flushEvery = Math.max(1, options.flushEvery ?? 256);
  const progress = new ProgressCounter(options, 1000);
  let sheet = openSheet(workbook, ledger, 1);
  let sheets = 1;
  let inSheet = 0;
  for await (const row of rows) {
    if (inSheet === perSheet) {
      sheet.commit();
      sheets += 1;
      sheet = openSheet(workbook, ledger, sheets);
      inSheet = 0;
    }
    sheet.addRow(ledger.columns.map((c) => safeCell(c.value(row)))).commit();
    inSheet += 1;
    progress.step();
    if (progress.done % flushEvery === 0) await letItFlow(out, ...sheetConsumers(sheet));
  }
  sheet.commit();
  await workbook.commit();
  await untilWritten(out);
  progress.finish();
  return { rows: progress.done, sheets };
}

/**
 * The streams the sheet's XML goes into (the ZIP entry's compressor). exceljs's own buffer writes into them without
 * looking at their answer, so when compression is slower than the rows come they would buffer without bound; the
 * writer waits on them instead. Internal to exceljs 4.4.0 (pinned); an empty list only loses the wait.
 */
function sheetConsumers(sheet: ExcelJS.Worksheet): Writable[] {
  const stream = (sheet as unknown as { _stream?: { pipes?: unknown } })._stream;
  return Array.isArray(stream?.pipes) ? (stream.pipes as Writable[]) : [];
}

function openSheet<R>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  ledger: LedgerDefinition<R>,
  n: number,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(n === 1 ? ledger.title : `${ledger.title}（${n}）`, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = ledger.columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).commit();
  return sheet;
}
