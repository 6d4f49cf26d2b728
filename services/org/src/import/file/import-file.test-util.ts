import { idNumberCheckChar } from '@pingyi/contracts';
import { Workbook, type CellValue } from 'exceljs';
import { ImportFileError } from '.';

/** Helpers of the import-file specs: ID numbers, CSV and XLSX files, the headers and messages they expect. */

export const options = { today: new Date(2024, 5, 1) };

/** A valid ID number for birth date YYYYMMDD and a 3-digit sequence. */
export function idNumber(birth: string, seq: string): string {
  const first17 = `150204${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

export const withWrongCheckChar = (id: string): string => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

export function idEndingInX(birth: string): string {
  for (let seq = 0; seq < 1000; seq++) {
    const id = idNumber(birth, String(seq).padStart(3, '0'));
    if (id.endsWith('X')) return id;
  }
  throw new Error('no such ID');
}

export const csv = (lines: string[], bom = false): Buffer =>
  Buffer.from(`${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`, 'utf8');

export async function xlsx(rows: CellValue[][], sheetName = '数据'): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  rows.forEach((values, i) => {
    const row = sheet.getRow(i + 1);
    values.forEach((value, col) => {
      if (value !== null) row.getCell(col + 1).value = value;
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function fileError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    return (error as Error).message;
  }
  throw new Error('expected an ImportFileError');
}

export const UNIT_HEADER = '组织编码,组织名称,上级组织编码,组织层级,组织领域,书记身份证号';
export const MEMBER_HEADER =
  '姓名,性别,身份证号,出生日期,入党日期,党员类别,职级,外出地点,所在支部编码,联系电话,电子邮箱,任书记组织编码';
export const LEVELS = '市（盟）、旗县区、党委、党工委、党组、党总支、党支部';
export const FIELDS =
  '农村、街道社区、机关事业单位、中小学校、高等学校、医疗卫生、国有企业、两新组织、群团组织';
export const TYPES = '党员领导干部、在职党员、离退休职工党员、流动党员、农村无职党员';
export const TEXT_FORMAT = '请将该列设置为“文本”格式后重新填写';
