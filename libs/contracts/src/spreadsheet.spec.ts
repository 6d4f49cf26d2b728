import { neutraliseSpreadsheetCell, neutraliseSpreadsheetValue } from './index';

describe('neutraliseSpreadsheetCell', () => {
  it.each(['=1+1', '+86 471', '-2', '@SUM(A1)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://x","y")'])(
    'prefixes %j with an apostrophe',
    (v) => expect(neutraliseSpreadsheetCell(v)).toBe(`'${v}`),
  );
  it.each(['张三', '150204197503150011', '', ' =not first', "'already"])('leaves %j alone', (v) =>
    expect(neutraliseSpreadsheetCell(v)).toBe(v),
  );
  it('passes non-strings through', () => {
    expect(neutraliseSpreadsheetValue(-2)).toBe(-2);
    expect(neutraliseSpreadsheetValue(null)).toBeNull();
    expect(neutraliseSpreadsheetValue('=x')).toBe("'=x");
  });
});
