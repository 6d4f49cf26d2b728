import { idNumberCheckChar, type MemberRow, type UnitRow } from '@pingyi/contracts';
import { Workbook, type CellValue } from 'exceljs';
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

const options = { today: new Date(2024, 5, 1) };

/** A valid ID number for birth date YYYYMMDD and a 3-digit sequence. */
function idNumber(birth: string, seq: string): string {
  const first17 = `150204${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

const withWrongCheckChar = (id: string): string => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

function idEndingInX(birth: string): string {
  for (let seq = 0; seq < 1000; seq++) {
    const id = idNumber(birth, String(seq).padStart(3, '0'));
    if (id.endsWith('X')) return id;
  }
  throw new Error('no such ID');
}

const csv = (lines: string[], bom = false): Buffer =>
  Buffer.from(`${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`, 'utf8');

async function xlsx(rows: CellValue[][], sheetName = '数据'): Promise<Buffer> {
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

async function fileError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    return (error as Error).message;
  }
  throw new Error('expected an ImportFileError');
}

const UNIT_HEADER = '组织编码,组织名称,上级组织编码,组织层级,组织领域,书记身份证号';
const MEMBER_HEADER =
  '姓名,性别,身份证号,出生日期,入党日期,党员类别,职级,外出地点,所在支部编码,联系电话,电子邮箱,任书记组织编码';
const LEVELS = '市（盟）、旗县区、党委、党工委、党组、党总支、党支部';
const FIELDS = '农村、街道社区、机关事业单位、中小学校、高等学校、医疗卫生、国有企业、两新组织、群团组织';
const TYPES = '党员领导干部、在职党员、离退休职工党员、流动党员、农村无职党员';
const TEXT_FORMAT = '请将该列设置为“文本”格式后重新填写';

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

describe('members', () => {
  const a = idNumber('19850701', '001');
  const x = idEndingInX('19900315');
  const xTyped = `${x.slice(0, 6)} ${x.slice(6, 14)} ${x.slice(14).toLowerCase()}`;
  const c = idNumber('19800101', '003');
  const d = idNumber('20000101', '004');
  const more = (seq: number): string => idNumber('19700101', String(seq).padStart(3, '0'));

  const faulty = [
    MEMBER_HEADER,
    `张三,男,${a},1985-07-01,2010-07-01,在职党员,,,bt_qs_1,13800138000,zs@example.com,bt_qs_1`,
    `李四,女,${xTyped},,2012/7/1,离退休,,,bt_qs_1,,,`,
    `王五,男,${withWrongCheckChar(more(2))},,2010-07-01,在职党员,,,bt_qs_1,,,`,
    `赵六,男,${c},1980-01-02,2024-07-01,在职党员,,,bt_qs_1,,,`,
    `钱七,女,${d},,2017-12-31,在职党员,,,bt_qs_1,,,`,
    `孙八,男,${more(5)},,2000/7/1,领导干部,,,bt_qs_1,,,`,
    `周九,男,${more(7)},,2000年7月1日,在职,县处级,,bt_qs_1,,,`,
    `吴十,男,${more(9)},,20000701,流动党员,,,bt_qs_1,,,`,
    `郑一,男,${a},,2010-07-01,在职党员,,,bt_qs_1,13800138000,,`,
    `陈二,未知,${more(11)},,2000-07-01,党员,,,bt_qs_1,12345,bad-email,`,
    `,男,${more(13)},,2000-07-01,在职党员,,,,,,`,
    `${'张'.repeat(31)},男,${more(15)},,2000-07-01,在职党员,,,bt_qs_1,,,`,
    `冯三,男,${more(17)},,abc,在职党员,,,bt_qs_1,,,`,
    `卫四,男,${more(19)},,2001-02-30,在职党员,,,bt_qs_1,,,`,
    '蒋五,男,1502041985070,,2001-02-01,在职党员,,,bt_qs_1,,,',
    '沈六,男,1.50204E+17,,2001-02-01,在职党员,,,bt_qs_1,,,',
  ];

  const expectedErrors = [
    { row: 4, column: '身份证号', message: '身份证号校验位不正确' },
    {
      row: 5,
      column: '出生日期',
      message: '出生日期（1980-01-02）与身份证号中的出生日期（1980-01-01）不一致',
    },
    { row: 5, column: '入党日期', message: '入党日期（2024-07-01）晚于今天（2024-06-01）' },
    { row: 6, column: '入党日期', message: '入党日期（2017-12-31）早于年满 18 周岁的日期（2018-01-01）' },
    { row: 7, column: '职级', message: '党员领导干部必须填写职级' },
    { row: 8, column: '职级', message: '只有党员领导干部填写职级，其他党员请留空' },
    { row: 9, column: '外出地点', message: '流动党员必须填写外出地点' },
    { row: 10, column: '身份证号', message: '身份证号与第 2 行重复' },
    { row: 10, column: '联系电话', message: '联系电话“13800138000”与第 2 行重复' },
    { row: 11, column: '性别', message: '未知的性别“未知”，可选值：男、女' },
    { row: 11, column: '党员类别', message: `未知的党员类别“党员”，可选值：${TYPES}` },
    { row: 11, column: '联系电话', message: '联系电话“12345”格式不正确（应为 11 位手机号）' },
    { row: 11, column: '电子邮箱', message: '电子邮箱“bad-email”格式不正确' },
    { row: 12, column: '姓名', message: '姓名不能为空' },
    { row: 12, column: '所在支部编码', message: '所在支部编码不能为空' },
    { row: 13, column: '姓名', message: '姓名长度应为 1～30 个字符（当前 31 个）' },
    {
      row: 14,
      column: '入党日期',
      message: '入党日期“abc”无法识别，请按 YYYY-MM-DD 格式填写（如 2010-07-01）',
    },
    { row: 15, column: '入党日期', message: '入党日期“2001-02-30”不是有效日期' },
    { row: 16, column: '身份证号', message: '身份证号应为 18 位（当前 13 位）' },
    {
      row: 17,
      column: '身份证号',
      message: `身份证号显示为科学计数法（1.50204E+17），已丢失精度，${TEXT_FORMAT}`,
    },
  ];

  it('lists every error of a CSV (with BOM) with its row number, column and a Chinese reason', async () => {
    const result = await parseImportFile('members', csv(faulty, true), 'csv', options);

    expect(result.errors).toEqual(expectedErrors);
    expect(result.totalRows).toBe(16);
    expect(result.rows).toEqual([
      {
        row: 2,
        value: {
          name: '张三',
          gender: 'male',
          idNumber: a,
          birthDate: '1985-07-01',
          joinedAt: '2010-07-01',
          type: 'in_service',
          branchCode: 'bt_qs_1',
          phone: '13800138000',
          email: 'zs@example.com',
          secretaryOfUnitCode: 'bt_qs_1',
        },
      },
      {
        row: 3,
        value: {
          name: '李四',
          gender: 'female',
          idNumber: x,
          birthDate: '1990-03-15',
          joinedAt: '2012-07-01',
          type: 'retired',
          branchCode: 'bt_qs_1',
        },
      },
    ]);
  });

  it('handles the BOM: with and without it the result is the same', async () => {
    const withBom = await parseImportFile('members', csv(faulty, true), 'csv', options);
    const withoutBom = await parseImportFile('members', csv(faulty), 'csv', options);
    expect(withoutBom).toEqual(withBom);
  });

  it('parses the fixed CSV cleanly', async () => {
    const fixed = [
      MEMBER_HEADER,
      `张三,男,${a},1985-07-01,2010-07-01,在职党员,,,bt_qs_1,13800138000,zs@example.com,bt_qs_1`,
      `李四,女,${xTyped},,2012/7/1,离退休,,,bt_qs_1,,,`,
      `王五,男,${more(2)},,2010-07-01,在职党员,,,bt_qs_1,,,`,
      `赵六,男,${c},1980-01-01,2024-06-01,在职党员,,,bt_qs_1,,,`,
      `钱七,女,${d},,2018-01-01,在职党员,,,bt_qs_1,,,`,
      `孙八,男,${more(5)},,2000/7/1,领导干部,县处级,,bt_qs_1,,,`,
      `周九,男,${more(7)},,2000年7月1日,在职,,,bt_qs_1,,,`,
      `吴十,男,${more(9)},,20000701,流动党员,,广东省深圳市,bt_qs_1,,,`,
      `陈二,女,${more(11)},,2000-07-01,农村无职,,,bt_qs_1,13900139000,chen@example.com,`,
    ];
    const result = await parseImportFile('members', csv(fixed, true), 'csv', options);

    expect(result.errors).toEqual([]);
    expect(result.totalRows).toBe(9);
    expect(result.rows.map((r) => r.value.type)).toEqual([
      'in_service',
      'retired',
      'in_service',
      'in_service',
      'in_service',
      'leading_cadre',
      'in_service',
      'mobile',
      'rural_no_post',
    ]);
    expect(result.rows[5]?.value.cadreRank).toBe('county_division');
    expect(result.rows[7]?.value.mobileLocation).toBe('广东省深圳市');
  });

  it('accepts the supported date formats and normalises them to YYYY-MM-DD', async () => {
    const formats = [
      '2010-07-01',
      '2010-7-1',
      '2010/7/1',
      '2010/07/01 0:00',
      '2010.7.1',
      '2010年7月1日',
      '2010年07月01日',
      '20100701',
    ];
    const lines = [
      MEMBER_HEADER,
      ...formats.map(
        (joinedAt, i) => `党员${i},男,${more(100 + i)},1970年1月1日,${joinedAt},在职党员,,,bt_qs_1,,,`,
      ),
    ];
    const result = await parseImportFile('members', csv(lines), 'csv', options);

    expect(result.errors).toEqual([]);
    for (const { value } of result.rows) {
      expect(value.birthDate).toBe('1970-01-01');
      expect(value.joinedAt).toBe('2010-07-01');
    }
  });

  it('reads Excel date cells, serial and YYYYMMDD numbers, numeric phones and hyperlinks in XLSX', async () => {
    const file = await xlsx([
      MEMBER_HEADER.split(','),
      [
        '张三',
        '男',
        a,
        new Date(Date.UTC(1985, 6, 1)),
        new Date(Date.UTC(2010, 6, 1)),
        '在职党员',
        null,
        null,
        'bt_qs_1',
        13800138000,
        { text: 'zs@example.com', hyperlink: 'mailto:zs@example.com' },
        null,
      ],
      [
        '李四',
        '女',
        x,
        null,
        40360,
        '党员领导干部',
        '正处级',
        null,
        'bt_qs_1',
        '139 0013 9000',
        null,
        'bt_qs_1',
      ],
      [
        '王五',
        '男',
        150204198507010010,
        null,
        20100701,
        '流动党员',
        null,
        '深圳',
        'bt_qs_1',
        13800138000,
        null,
        null,
      ],
      [
        '赵六',
        '男',
        c,
        new Date(Date.UTC(1980, 0, 2)),
        new Date(Date.UTC(2030, 0, 1)),
        '在职党员',
        null,
        null,
        'b',
      ],
    ]);
    const result = await parseImportFile('members', file, 'xlsx', options);

    expect(result.errors).toEqual([
      { row: 4, column: '身份证号', message: `身份证号被存储为数字，末几位已丢失精度，${TEXT_FORMAT}` },
      { row: 4, column: '联系电话', message: '联系电话“13800138000”与第 2 行重复' },
      {
        row: 5,
        column: '出生日期',
        message: '出生日期（1980-01-02）与身份证号中的出生日期（1980-01-01）不一致',
      },
      { row: 5, column: '入党日期', message: '入党日期（2030-01-01）晚于今天（2024-06-01）' },
    ]);
    expect(result.rows.map((r) => r.value)).toEqual<MemberRow[]>([
      {
        name: '张三',
        gender: 'male',
        idNumber: a,
        birthDate: '1985-07-01',
        joinedAt: '2010-07-01',
        type: 'in_service',
        branchCode: 'bt_qs_1',
        phone: '13800138000',
        email: 'zs@example.com',
      },
      {
        name: '李四',
        gender: 'female',
        idNumber: x,
        birthDate: '1990-03-15',
        joinedAt: '2010-07-01',
        type: 'leading_cadre',
        cadreRank: 'county_division',
        branchCode: 'bt_qs_1',
        phone: '13900139000',
        secretaryOfUnitCode: 'bt_qs_1',
      },
    ]);
  });

  it('parses the fixed XLSX cleanly', async () => {
    const file = await xlsx([
      MEMBER_HEADER.split(','),
      ['张三', '男', a, null, new Date(Date.UTC(2010, 6, 1)), '在职党员', null, null, 'bt_qs_1', 13800138000],
      ['王五', '男', more(2), null, 20100701, '流动党员', null, '深圳', 'bt_qs_1', 13800138001],
    ]);
    const result = await parseImportFile('members', file, 'xlsx', options);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.value.phone)).toEqual(['13800138000', '13800138001']);
  });

  it('counts rows as Excel does when quoted cells span lines, and reads tab-separated files', async () => {
    const quoted = csv([
      MEMBER_HEADER,
      `"张三",男,${a},,2010-07-01,流动党员,,"广东省深圳市,""南山区""`,
      `第二行",bt_qs_1,,,`,
      `李四,女,${withWrongCheckChar(x)},,2010-07-01,在职党员,,,bt_qs_1,,,`,
    ]);
    const result = await parseImportFile('members', quoted, 'csv', options);
    expect(result.rows[0]?.value.mobileLocation).toBe('广东省深圳市,"南山区"\r\n第二行');
    expect(result.errors).toEqual([{ row: 3, column: '身份证号', message: '身份证号校验位不正确' }]);

    const tabs = csv([
      MEMBER_HEADER.replace(/,/g, '\t'),
      `张三\t男\t${a}\t\t2010-07-01\t在职党员\t\t\tbt_qs_1`,
    ]);
    expect((await parseImportFile('members', tabs, 'csv', options)).rows[0]?.value.name).toBe('张三');
  });

  it('parses a 170,000-row CSV well within 15 seconds', async () => {
    const lines = [MEMBER_HEADER];
    const birth = new Date(Date.UTC(1960, 0, 1));
    for (let i = 0; i < 170_000; i++) {
      if (i % 1000 === 0) birth.setUTCDate(birth.getUTCDate() + 1);
      const day = birth.toISOString().slice(0, 10);
      const id = idNumber(day.replace(/-/g, ''), String(i % 1000).padStart(3, '0'));
      const phone = `139${String(i).padStart(8, '0')}`;
      lines.push(`党员${i},男,${id},${day},2000-07-01,在职党员,,,bt_${i % 7000},${phone},m${i}@example.com,`);
    }
    const file = csv(lines, true);

    const started = Date.now();
    const result = await parseImportFile('members', file, 'csv', options);
    const elapsed = Date.now() - started;
    console.log(`parsed 170,000 member rows (${(file.length / 1e6).toFixed(1)} MB) in ${elapsed} ms`);

    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(170_000);
    expect(elapsed).toBeLessThan(15_000);
  }, 60_000);
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
