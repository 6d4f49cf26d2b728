import { Workbook } from 'exceljs';
import type { UnitRow } from '@pingyi/contracts';
import {
  ImportFileError,
  MEMBER_COLUMNS,
  UNIT_COLUMNS,
  buildTemplate,
  detectFormat,
  parseImportFile,
  type ImportFormat,
  type ImportKind,
} from '.';
import {
  idNumber,
  withWrongCheckChar,
  csv,
  xlsx,
  fileError,
  UNIT_HEADER,
  MEMBER_HEADER,
  LEVELS,
  FIELDS,
  TYPES,
  TEXT_FORMAT,
} from './import-file.test-util';

describe('detectFormat', () => {
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]);
  const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1]);
  const text = Buffer.from('组织编码\r\n');

  it('goes by extension, falling back to magic bytes', () => {
    expect(detectFormat('组织.CSV', text)).toBe('csv');
    expect(detectFormat('组织.xlsx', zip)).toBe('xlsx');
    expect(detectFormat('upload', zip)).toBe('xlsx');
    expect(detectFormat('组织.csv', zip)).toBe('xlsx');
  });

  it('rejects other files with a Chinese message', () => {
    expect(() => detectFormat('组织.xls', ole)).toThrow(/不支持 Excel 97-2003/);
    expect(() => detectFormat('upload', ole)).toThrow(ImportFileError);
    expect(() => detectFormat('组织.txt', text)).toThrow(
      '不支持的文件类型，请上传 .xlsx 或 .csv（UTF-8）文件',
    );
    expect(() => detectFormat('组织.xlsx', text)).toThrow(/不是有效的 Excel 文件/);
  });
});

describe('units', () => {
  const wrongId = withWrongCheckChar(idNumber('19850701', '001'));

  it('lists every error of a CSV with its row number, column and a Chinese reason', async () => {
    const file = csv([
      UNIT_HEADER,
      'bt,包头市,,市,机关事业单位,',
      'bt_qs,青山区,bt,区,机关,',
      'bt_qs_1,某党小组,bt_qs,党小组,街道社区,',
      'bt_qs_2,某党委,,党委,国企,',
      'bt_qs,青山区重复,bt,旗县区,机关,',
      'x,某,bt_qs,党支部,菜市场,',
      '',
      ',,,,,',
      'bt_self,自己,bt_self,党支部,农村,',
      `bt_qs_3,某支部,bt_qs,党支部,农村,${wrongId}`,
      'bt-qs-4,某支部,bt_qs,党支部,农村,',
      'bt_qs_5,某支部,bt_qs_6,党支部,农村,',
      'bt_qs_7,某总支,bt_qs_5,党总支,农村,',
      ',缺编码,bt_qs,党支部,农村,',
    ]);
    const result = await parseImportFile('units', file, 'csv');

    expect(result.errors).toEqual([
      { row: 4, column: '组织层级', message: `未知的组织层级“党小组”，可选值：${LEVELS}` },
      { row: 5, column: '上级组织编码', message: '党委必须填写上级组织编码（只有市（盟）级组织可以不填）' },
      { row: 6, column: '组织编码', message: '组织编码“bt_qs”与第 3 行重复' },
      { row: 7, column: '组织名称', message: '组织名称长度应为 2～100 个字符（当前 1 个）' },
      { row: 7, column: '组织领域', message: `未知的组织领域“菜市场”，可选值：${FIELDS}` },
      { row: 10, column: '上级组织编码', message: '上级组织编码不能与本组织的组织编码相同' },
      { row: 11, column: '书记身份证号', message: '书记身份证号校验位不正确' },
      { row: 12, column: '组织编码', message: '组织编码“bt-qs-4”格式不正确，只能包含字母、数字和下划线' },
      { row: 15, column: '组织编码', message: '组织编码不能为空' },
    ]);
    expect(result.totalRows).toBe(12);
    // Row 14 (党总支 under a 党支部) passes the file check; planUnits refuses it against the level rules.
    expect(result.rows.map((r) => r.row)).toEqual([2, 3, 13, 14]);
    expect(result.rows[0]?.value).toEqual({
      code: 'bt',
      name: '包头市',
      parentCode: null,
      level: 'prefecture',
      field: 'organ',
    });
  });

  it('parses the fixed CSV cleanly', async () => {
    const secretary = idNumber('19850701', '001');
    const file = csv([
      UNIT_HEADER,
      'bt,包头市,,市,机关事业单位,',
      'bt_qs,青山区,bt,区,机关,',
      'bt_qs_1,某党工委,bt_qs,党工委,街道社区,',
      'bt_qs_2,某党委,bt_qs,党委,国企,',
      'bt_qs_21,某总支,bt_qs_2,党总支,国企,',
      `bt_qs_3,某支部,bt_qs_21,党支部,农村,${secretary.toLowerCase()}`,
    ]);
    const result = await parseImportFile('units', file, 'csv');

    expect(result.errors).toEqual([]);
    expect(result.totalRows).toBe(6);
    expect(result.rows.map((r) => [r.row, r.value.level])).toEqual([
      [2, 'prefecture'],
      [3, 'county'],
      [4, 'committee'],
      [5, 'committee'],
      [6, 'general_branch'],
      [7, 'branch'],
    ]);
    expect(result.rows[5]?.value).toEqual<UnitRow>({
      code: 'bt_qs_3',
      name: '某支部',
      parentCode: 'bt_qs_21',
      level: 'branch',
      field: 'rural',
      secretaryIdNumber: secretary,
    });
  });

  it('reads XLSX with a title row, header aliases, extra columns, numbers, rich text and formulas', async () => {
    const file = await xlsx([
      ['包头市党组织信息表'],
      [' 组织编码 ', '名称', '上级组织', '层级', '领域', '书记', '备注'],
      ['bt', { richText: [{ text: '包头' }, { text: '市' }] }, null, '市(盟)', '机关事业单位', null, '说明'],
      [1001, '某旗', 'bt', '旗', '农村', null, null],
      ['bt_x', '某', 'bt', '党小组', '农村', 150204198507010010, null],
      [],
      ['bt', { formula: '"包"&"头"', result: '包头' }, 'bt', '市', '机关', null, null],
    ]);
    const result = await parseImportFile('units', file, 'xlsx');

    expect(result.errors).toEqual([
      { row: 5, column: '组织名称', message: '组织名称长度应为 2～100 个字符（当前 1 个）' },
      { row: 5, column: '组织层级', message: `未知的组织层级“党小组”，可选值：${LEVELS}` },
      {
        row: 5,
        column: '书记身份证号',
        message: `书记身份证号被存储为数字，末几位已丢失精度，${TEXT_FORMAT}`,
      },
      { row: 7, column: '组织编码', message: '组织编码“bt”与第 3 行重复' },
      { row: 7, column: '上级组织编码', message: '上级组织编码不能与本组织的组织编码相同' },
    ]);
    expect(result.totalRows).toBe(4);
    expect(result.rows).toEqual([
      {
        row: 3,
        value: { code: 'bt', name: '包头市', parentCode: null, level: 'prefecture', field: 'organ' },
      },
      { row: 4, value: { code: '1001', name: '某旗', parentCode: 'bt', level: 'county', field: 'rural' } },
    ]);
  });

  it('parses the fixed XLSX cleanly', async () => {
    const file = await xlsx([
      UNIT_HEADER.split(','),
      ['bt', '包头市', null, '盟', '机关', null],
      ['bt_1', '某旗', 'bt', '旗', '农村', idNumber('19850701', '001')],
    ]);
    const result = await parseImportFile('units', file, 'xlsx');
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.value.code)).toEqual(['bt', 'bt_1']);
  });
});

describe('whole-file errors', () => {
  it('reports missing required columns', async () => {
    const file = csv(['组织编码,组织名称,组织层级', 'bt,包头市,市']);
    expect(await fileError(parseImportFile('units', file, 'csv'))).toBe(
      '缺少必填列：“组织领域”，请使用组织导入模板',
    );
    const members = await xlsx([
      ['姓名', '性别'],
      ['张三', '男'],
    ]);
    expect(await fileError(parseImportFile('members', members, 'xlsx'))).toBe(
      '缺少必填列：“身份证号”、“入党日期”、“党员类别”、“所在支部编码”，请使用党员导入模板',
    );
  });

  it('rejects a CSV that is not UTF-8, suggesting CSV UTF-8', async () => {
    const gbk = Buffer.concat([Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]), Buffer.from(',性别\r\n')]);
    expect(await fileError(parseImportFile('members', gbk, 'csv'))).toMatch(/不是 UTF-8 编码.*CSV UTF-8/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名', 'utf16le')]);
    expect(await fileError(parseImportFile('members', utf16, 'csv'))).toMatch(/UTF-16/);
  });

  it('rejects empty files, files without data rows or header, and the wrong kind', async () => {
    expect(await fileError(parseImportFile('units', Buffer.alloc(0), 'csv'))).toBe('文件为空');
    expect(await fileError(parseImportFile('units', csv(['', ',,,']), 'csv'))).toBe('文件为空');
    expect(await fileError(parseImportFile('units', csv([UNIT_HEADER]), 'csv'))).toBe(
      '文件中没有数据行（表头下方为空）',
    );
    expect(await fileError(parseImportFile('units', csv(['a,b,c', '1,2,3']), 'csv'))).toMatch(/^未找到表头/);
    expect(
      await fileError(parseImportFile('members', csv([UNIT_HEADER, 'bt,包头市,,市,机关,']), 'csv')),
    ).toBe('这似乎是组织导入文件，而不是党员导入文件，请检查导入类型');
    const unknownKind = 'orgs' as ImportKind;
    expect(await fileError(parseImportFile(unknownKind, csv([UNIT_HEADER]), 'csv'))).toBe(
      '未知的导入类型：orgs',
    );
  });

  it('rejects duplicate columns, broken XLSX and too many rows', async () => {
    expect(await fileError(parseImportFile('units', csv([`${UNIT_HEADER},名称`, 'bt']), 'csv'))).toBe(
      '列“组织名称”重复出现（第 2 列和第 7 列），请只保留一列',
    );
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]);
    expect(await fileError(parseImportFile('units', broken, 'xlsx'))).toMatch(/^无法读取 Excel 文件/);
    const rows = ['bt,包头市,,市,机关,', 'b1,某旗,bt,旗,农村,', 'b2,某县,bt,县,农村,'];
    await expect(
      parseImportFile('units', csv([UNIT_HEADER, ...rows]), 'csv', { maxRows: 3 }),
    ).resolves.toMatchObject({
      totalRows: 3,
    });
    expect(
      await fileError(parseImportFile('units', csv([UNIT_HEADER, ...rows]), 'csv', { maxRows: 2 })),
    ).toMatch(/^文件行数过多：一次最多导入 2 行/);
    const xlsxRows = await xlsx([UNIT_HEADER.split(','), ...rows.map((r) => r.split(','))]);
    expect(await fileError(parseImportFile('units', xlsxRows, 'xlsx', { maxRows: 2 }))).toMatch(
      /^文件行数过多/,
    );
  });
});

describe('templates', () => {
  const cases: [ImportKind, ImportFormat, string][] = [
    ['units', 'xlsx', '组织导入模板.xlsx'],
    ['units', 'csv', '组织导入模板.csv'],
    ['members', 'xlsx', '党员导入模板.xlsx'],
    ['members', 'csv', '党员导入模板.csv'],
  ];

  it.each(cases)('the %s %s template parses without errors', async (kind, format, fileName) => {
    const template = await buildTemplate(kind, format);
    expect(template.fileName).toBe(fileName);
    expect(detectFormat(template.fileName, template.bytes)).toBe(format);
    const result = await parseImportFile(kind, template.bytes, format);
    expect(result.errors).toEqual([]);
    expect(result.totalRows).toBe(1);
  });

  it('the CSV template is UTF-8 with BOM: header and one example row', async () => {
    const template = await buildTemplate('members', 'csv');
    expect(template.contentType).toBe('text/csv; charset=utf-8');
    expect([...template.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = template.bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(MEMBER_HEADER);
  });

  it('the XLSX template has a styled frozen header, text columns, dropdowns and an instructions sheet', async () => {
    const template = await buildTemplate('members', 'xlsx');
    expect(template.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new Workbook();
    await workbook.xlsx.load(template.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['党员', '填写说明']);

    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      ...Object.values(MEMBER_COLUMNS).map((c) => c.header),
    ]);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual(20);
    expect(sheet.getCell('C2').numFmt).toBe('@');
    expect(sheet.getCell('J2').numFmt).toBe('@');
    expect(typeof sheet.getCell('C2').value).toBe('string');

    const validations = (sheet as unknown as { dataValidations: { model: Record<string, unknown> } })
      .dataValidations.model;
    expect(validations['B2']).toMatchObject({ type: 'list', formulae: ['"男,女"'] });
    expect(validations['F1000']).toMatchObject({
      type: 'list',
      formulae: [`"${TYPES.replace(/、/g, ',')}"`],
    });
    expect(validations['G2']).toMatchObject({ type: 'list', formulae: ['"厅局级,县处级,乡科级"'] });
    expect(validations['C2']).toBeUndefined();

    const help = workbook.getWorksheet('填写说明')!;
    expect(help.getCell('A2').value).toBe('姓名');
    expect(help.getCell('B2').value).toBe('必填');
    expect(help.getCell('C4').value).toEqual(expect.stringContaining('身份证号'));

    const units = new Workbook();
    await units.xlsx.load((await buildTemplate('units', 'xlsx')).bytes as unknown as ArrayBuffer);
    const unitValidations = (
      units.worksheets[0] as unknown as { dataValidations: { model: Record<string, unknown> } }
    ).dataValidations.model;
    expect(unitValidations['D2']).toMatchObject({ formulae: [`"${LEVELS.replace(/、/g, ',')}"`] });
    expect(unitValidations['E2']).toMatchObject({ formulae: [`"${FIELDS.replace(/、/g, ',')}"`] });
    expect(
      Object.values(UNIT_COLUMNS)
        .map((c) => c.header)
        .join(','),
    ).toBe(UNIT_HEADER);
  }, 30_000);
});
