import { beijingTime, neutraliseSpreadsheetCell } from '@pingyi/contracts';

/**
 * One cell of an exported ledger. Text is always written as a plain string (never a formula); text that a spreadsheet
 * program would read as a formula — starting with `=`, `+`, `-`, `@`, a tab or a carriage return — is neutralised by
 * the project's one rule, `neutraliseSpreadsheetCell` (a leading apostrophe), before it is written.
 */
export type CellValue = string | number | null | undefined;

/** The value written for a cell: numbers as numbers, empty as empty, every text through the injection rule. */
export function safeCell(value: CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return neutraliseSpreadsheetCell(value);
}

/** An instant as a person in China reads it (Beijing time, "2026年11月29日 21:47"); empty when absent. */
export function instant(at: Date | string | null | undefined): string {
  return at === null || at === undefined || at === '' ? '' : beijingTime(at);
}

export const yesNo = (flag: boolean | null | undefined): string => (flag ? '是' : '否');

/** Numbered lines ("1. …\n2. …") for a list of texts in one cell; a single entry stays unnumbered. */
export function numbered(texts: readonly string[]): string {
  if (texts.length <= 1) return texts[0] ?? '';
  return texts.map((t, i) => `${i + 1}. ${t}`).join('\n');
}

/** A share 0..1 as a percentage with one decimal ("87.5%"); empty when absent. */
export const percent = (share: number | null | undefined): string =>
  share === null || share === undefined || !Number.isFinite(share) ? '' : `${(share * 100).toFixed(1)}%`;
