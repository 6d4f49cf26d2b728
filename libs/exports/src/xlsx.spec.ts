import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  COMMITMENT_LEDGER,
  ExportAbortedError,
  MASS_EVALUATION_SUMMARY,
  RECTIFICATION_LEDGER,
  REVIEW_LEDGER,
  WITHHELD_NOTE,
  safeCell,
  writeLedgerXlsx,
  type ExportProgress,
  type LedgerDefinition,
} from './index';
import {
  INJECTION,
  commitmentRow,
  massEvaluationRow,
  rectificationRow,
  reviewRow,
} from './__fixtures__/rows';

const dir = mkdtempSync(join(tmpdir(), 'pingyi-xlsx-'));

async function* slowly<R>(make: (i: number) => R, n: number): AsyncGenerator<R> {
  for (let i = 1; i <= n; i += 1) {
    if (i % 3 === 0) await new Promise((r) => setImmediate(r));
    yield make(i);
  }
}

async function writeAndRead<R>(
  ledger: LedgerDefinition<R>,
  make: (i: number) => R,
  n: number,
  maxRowsPerSheet?: number,
): Promise<{ workbook: ExcelJS.Workbook; progress: ExportProgress[] }> {
  const file = join(dir, `${ledger.key}-${n}.xlsx`);
  const progress: ExportProgress[] = [];
  const result = await writeLedgerXlsx(ledger, slowly(make, n), createWriteStream(file), {
    total: n,
    progressEvery: 4,
    onProgress: (p) => progress.push(p),
    maxRowsPerSheet,
  });
  expect(result.rows).toBe(n);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return { workbook, progress };
}

const headers = (sheet: ExcelJS.Worksheet): unknown[] => (sheet.getRow(1).values as unknown[]).slice(1);

describe.each([
  ['承诺台账', COMMITMENT_LEDGER as LedgerDefinition<unknown>, commitmentRow as (i: number) => unknown],
  ['点评台账', REVIEW_LEDGER as LedgerDefinition<unknown>, reviewRow as (i: number) => unknown],
  ['整改台账', RECTIFICATION_LEDGER as LedgerDefinition<unknown>, rectificationRow as (i: number) => unknown],
  [
    '群众评议汇总',
    MASS_EVALUATION_SUMMARY as LedgerDefinition<unknown>,
    massEvaluationRow as (i: number) => unknown,
  ],
])('%s XLSX', (title, ledger, make) => {
  it('reads back with its Chinese headers, every row, and the planted =SUM(A1) neutralised', async () => {
    const { workbook, progress } = await writeAndRead(ledger, make, 10);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([title]);
    const sheet = workbook.worksheets[0]!;
    expect(headers(sheet)).toEqual(ledger.columns.map((c) => c.header));
    expect(sheet.actualRowCount).toBe(11);
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    const planted = cells.filter((c) => typeof c.value === 'string' && c.value.includes(INJECTION));
    expect(planted).toHaveLength(1);
    expect(planted[0]!.value).toBe(`'${INJECTION}`);
    expect(planted[0]!.type).toBe(ExcelJS.ValueType.String);
    expect(planted[0]!.formula).toBeUndefined();
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
    expect(progress.at(-1)).toEqual({ done: 10, total: 10 });
    expect(progress.map((p) => p.done)).toEqual([4, 8, 10]);
  });
});

describe('ledger details', () => {
  it('goes on in a new sheet past the per-sheet row limit', async () => {
    const { workbook } = await writeAndRead(COMMITMENT_LEDGER, commitmentRow, 7, 3);
    expect(workbook.worksheets.map((s) => [s.name, s.actualRowCount])).toEqual([
      ['承诺台账', 4],
      ['承诺台账（2）', 4],
      ['承诺台账（3）', 2],
    ]);
  });

  it('withholds a group below the anonymity threshold: no figures, the note instead', async () => {
    const { workbook } = await writeAndRead(MASS_EVALUATION_SUMMARY, massEvaluationRow, 4);
    const row = workbook.worksheets[0]!.getRow(4).values as unknown[];
    const noteAt = MASS_EVALUATION_SUMMARY.columns.findIndex((c) => c.header === '备注') + 1;
    expect(row[noteAt]).toBe(WITHHELD_NOTE);
    expect(row[noteAt - 2] ?? '').toBe('');
    expect(row[noteAt - 3] ?? null).toBeNull();
    const shown = workbook.worksheets[0]!.getRow(2).values as unknown[];
    expect(shown[noteAt - 2]).toBe('90.0%');
  });

  it('neutralises every formula start (= + - @ tab CR) and leaves other values alone', () => {
    for (const t of ['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1']) expect(safeCell(t)).toBe(`'${t}`);
    expect(safeCell('党员 =1')).toBe('党员 =1');
    expect(safeCell(-5)).toBe(-5);
    expect(safeCell(undefined)).toBeNull();
  });
});

describe('a failed export', () => {
  it('a failing row source rejects and leaves the destination destroyed, not finished', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
    });
    async function* broken(): AsyncGenerator<ReturnType<typeof commitmentRow>> {
      yield commitmentRow(1);
      throw new Error('游标读取失败');
    }
    await expect(writeLedgerXlsx(COMMITMENT_LEDGER, broken(), out)).rejects.toThrow('游标读取失败');
    expect(out.destroyed).toBe(true);
    expect(out.writableFinished).toBe(false);
  });

  it('a destination that closes half-way stops the export with ExportAbortedError', async () => {
    let taken = 0;
    const out = new Writable({
      highWaterMark: 1024,
      write(_chunk: Buffer, _enc, done) {
        taken += 1;
        if (taken === 3) this.destroy();
        else setImmediate(done);
      },
    });
    const rows = (function* () {
      for (let i = 1; i <= 50_000; i += 1) yield commitmentRow(i, 200);
    })();
    await expect(writeLedgerXlsx(COMMITMENT_LEDGER, rows, out, { flushEvery: 16 })).rejects.toThrow(
      ExportAbortedError,
    );
  });
});
