/**
 * Formula injection (CSV/XLSX injection): a cell whose text starts with `=`, `+`, `-` or `@` (or a tab or carriage
 * return, which some spreadsheet programs skip before such a character) is run as a formula when an exported file is
 * opened. Every cell of user-supplied text written to an export goes through this function: such a value gets a
 * leading apostrophe, which spreadsheets show as text and do not display. Other values are returned unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseSpreadsheetCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The same for a cell of any type: only strings can carry a formula. */
export function neutraliseSpreadsheetValue<T>(value: T): T | string {
  return typeof value === 'string' ? neutraliseSpreadsheetCell(value) : value;
}
