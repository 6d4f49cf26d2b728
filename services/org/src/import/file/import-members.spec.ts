import type { MemberRow } from '@pingyi/contracts';
import { parseImportFile } from '.';
import {
  options,
  idNumber,
  withWrongCheckChar,
  idEndingInX,
  csv,
  xlsx,
  MEMBER_HEADER,
  TYPES,
  TEXT_FORMAT,
} from './import-file.test-util';

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
