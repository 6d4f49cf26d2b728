import ExcelJS from 'exceljs';
import { Client as PgClient } from 'pg';
import { gql, tokenFor } from './helpers';
import { idNumber, phone, runPrefix } from './org-fixtures';

const START = `mutation($i: StartImportInput!) { startOrgImport(input: $i) { id status } }`;
const JOB = `query($id: ID!) { orgImportJob(id: $id) {
  id status dryRun totalRows processedRows percent inserted updated unchanged errorCount errors { row column message } message } }`;

interface Job {
  id: string;
  status: string;
  totalRows: number;
  percent: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errors: { row: number; column: string | null; message: string }[];
  message: string;
}

describe('bulk import of units and members (CSV and XLSX) on the real database', () => {
  const p = runPrefix();
  const root = `${p}P`;
  let token: string;
  let pg: PgClient;

  async function runImport(
    kind: 'units' | 'members',
    fileName: string,
    bytes: Buffer,
    dryRun = false,
  ): Promise<Job> {
    const started = await gql<{ startOrgImport: { id: string } }>(
      START,
      { i: { kind, fileName, contentBase64: bytes.toString('base64'), dryRun } },
      { token },
    );
    if (started.errors) throw new Error(JSON.stringify(started.errors));
    const id = started.data!.startOrgImport.id;
    for (let i = 0; i < 240; i++) {
      const r = await gql<{ orgImportJob: Job }>(JOB, { id }, { token });
      const job = r.data!.orgImportJob;
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      await new Promise((res) => setTimeout(res, 250));
    }
    throw new Error('import did not finish');
  }

  const count = async () =>
    (
      await pg.query<{ units: number; members: number }>(
        `select (select count(*)::int from org.unit where path <@ $1::ltree) as units,
                (select count(*)::int from org.member where branch_path <@ $1::ltree) as members`,
        [root],
      )
    ).rows[0]!;

  const csv = (rows: string[][]) =>
    Buffer.from('\uFEFF' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');

  async function xlsx(header: string[], rows: (string | Date)[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('党员');
    ws.addRow(header);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  const UNIT_HEADER = ['组织编码', '组织名称', '上级组织编码', '组织层级', '组织领域'];
  const goodUnits = () => [
    UNIT_HEADER,
    [root, '导入测试市委', '', '市（盟）', '机关事业单位'],
    [`${p}C`, '导入测试区委', root, '旗县区', '机关事业单位'],
    [`${p}K`, '导入测试镇党委', `${p}C`, '党委', '农村'],
    [`${p}B1`, '导入测试一村党支部', `${p}K`, '党支部', '农村'],
    [`${p}B2`, '导入测试二村党支部', `${p}K`, '党支部', '农村'],
  ];
  const MEMBER_HEADER = [
    '姓名',
    '性别',
    '身份证号',
    '入党日期',
    '党员类别',
    '职级',
    '外出地点',
    '所在支部编码',
    '联系电话',
    '任书记组织编码',
  ];
  const people = Array.from({ length: 6 }, () => ({ id: idNumber('19750315'), phone: phone() }));
  const goodMembers = (): (string | Date)[][] => [
    [
      '张建国',
      '男',
      people[0]!.id,
      new Date(Date.UTC(2001, 6, 1)),
      '在职党员',
      '',
      '',
      `${p}B1`,
      people[0]!.phone,
      `${p}B1`,
    ],
    ['李秀英', '女', people[1]!.id, '2003-05-04', '离退休职工党员', '', '', `${p}B1`, people[1]!.phone, ''],
    [
      '王军',
      '男',
      people[2]!.id,
      '2010/7/1',
      '党员领导干部',
      '县处级',
      '',
      `${p}B2`,
      people[2]!.phone,
      `${p}K`,
    ],
    [
      '巴特尔',
      '男',
      people[3]!.id,
      '2008年7月1日',
      '流动党员',
      '',
      '北京市朝阳区',
      `${p}B2`,
      people[3]!.phone,
      '',
    ],
    ['刘芳', '女', people[4]!.id, '20120701', '农村无职党员', '', '', `${p}B2`, '', ''],
  ];

  beforeAll(async () => {
    token = await tokenFor(['prefecture_admin'], root);
    pg = new PgClient({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });
  afterAll(async () => pg.end());

  it('offers templates in both formats', async () => {
    const r = await gql<{ orgImportTemplate: { fileName: string; contentBase64: string } }>(
      `query { orgImportTemplate(input: { kind: members, format: xlsx }) { fileName contentType contentBase64 } }`,
      {},
      { token },
    );
    expect(r.data!.orgImportTemplate.fileName).toMatch(/党员.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      Buffer.from(r.data!.orgImportTemplate.contentBase64, 'base64') as unknown as ArrayBuffer,
    );
    expect(wb.worksheets[0]!.getRow(1).values).toEqual(
      expect.arrayContaining(['姓名', '身份证号', '所在支部编码']),
    );
  });

  it('a units CSV with errors is rejected with every error listed, and nothing is written', async () => {
    const rows = goodUnits();
    rows.push([`${p}B3`, '导入测试三村党支部', `${p}NOPE`, '党支部', '农村']); // row 7: unknown parent
    rows.push([`${p}B4`, '导入测试四村党支部', `${p}K`, '党小组', '农村']); // row 8: unknown level
    rows.push([`${p}B5`, '导入测试五村党支部', root, '党支部', '农村']); // row 9: branch under prefecture
    rows.push([`${p}B1`, '重复编码', `${p}K`, '党支部', '农村']); // row 10: duplicate code
    const job = await runImport('units', '组织.csv', csv(rows));
    expect(job.status).toBe('failed');
    expect(job.message).toContain('未导入任何数据');
    const rowsWithErrors = [...new Set(job.errors.map((e) => e.row))].sort((a, b) => a - b);
    expect(rowsWithErrors).toEqual([7, 8, 9, 10]);
    expect(job.errors.find((e) => e.row === 7)).toMatchObject({
      column: '上级组织编码',
      message: expect.stringContaining('不存在'),
    });
    expect(job.errors.find((e) => e.row === 8)?.message).toContain('未知的组织层级“党小组”');
    expect(job.errors.find((e) => e.row === 9)?.message).toContain('党支部不能设在市（盟）之下');
    expect(await count()).toEqual({ units: 0, members: 0 });
  });

  it('a dry run validates without writing; the fixed file imports; importing it again changes nothing', async () => {
    const dry = await runImport('units', '组织.csv', csv(goodUnits()), true);
    expect(dry).toMatchObject({ status: 'succeeded', totalRows: 5, inserted: 0 });
    expect(dry.message).toContain('试导入');
    expect(await count()).toEqual({ units: 0, members: 0 });

    const first = await runImport('units', '组织.csv', csv(goodUnits()));
    expect(first).toMatchObject({
      status: 'succeeded',
      totalRows: 5,
      inserted: 5,
      updated: 0,
      unchanged: 0,
      percent: 100,
    });
    expect(await count()).toEqual({ units: 5, members: 0 });
    const again = await runImport('units', '组织.csv', csv(goodUnits()));
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 5 });
    const paths = await pg.query(
      `select code, path::text as path from org.unit where path <@ $1::ltree order by path`,
      [root],
    );
    expect(paths.rows.find((r) => r.code === `${p}B2`)?.path).toBe(`${root}.${p}C.${p}K.${p}B2`);
  });

  it('a members XLSX with errors is rejected with every error listed; fixed, it imports once', async () => {
    const bad = goodMembers();
    bad.push([
      '赵六',
      '男',
      people[5]!.id.slice(0, 17) + (people[5]!.id.endsWith('1') ? '2' : '1'),
      '2001-07-01',
      '在职党员',
      '',
      '',
      `${p}B1`,
      phone(),
      '',
    ]); // row 7: check digit
    bad.push([
      '钱七',
      '女',
      idNumber('19800101', 'female'),
      '2001-07-01',
      '在职党员',
      '',
      '',
      `${p}K`,
      phone(),
      '',
    ]); // row 8: not a branch
    bad.push(['孙八', '男', idNumber(), '2001-07-01', '在职党员', '', '', `${p}B1`, '1380013800', '']); // row 9: phone
    bad.push(['周九', '男', idNumber(), '2001-07-01', '党员领导干部', '', '', `${p}B1`, phone(), '']); // row 10: no rank
    bad.push(['吴十', '男', idNumber(), '2001-07-01', '在职党员', '', '', `${p}B9`, phone(), '']); // row 11: unknown branch
    const header = MEMBER_HEADER;
    const job = await runImport('members', '党员.xlsx', await xlsx(header, bad));
    expect(job.status).toBe('failed');
    expect([...new Set(job.errors.map((e) => e.row))].sort((a, b) => a - b)).toEqual([7, 8, 9, 10, 11]);
    expect(job.errors.find((e) => e.row === 7)).toMatchObject({ column: '身份证号' });
    expect(job.errors.find((e) => e.row === 8)?.message).toContain('不是党支部');
    expect(job.errors.find((e) => e.row === 9)).toMatchObject({ column: '联系电话' });
    expect(job.errors.find((e) => e.row === 10)).toMatchObject({ column: '职级' });
    expect(job.errors.find((e) => e.row === 11)?.message).toContain('不存在');
    expect((await count()).members).toBe(0);

    const ok = await runImport('members', '党员.xlsx', await xlsx(header, goodMembers()));
    expect(ok).toMatchObject({ status: 'succeeded', inserted: 5, updated: 0, unchanged: 0 });
    expect((await count()).members).toBe(5);
    const again = await runImport('members', '党员.xlsx', await xlsx(header, goodMembers()));
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 5 });
    const secretaries = await pg.query(
      `select u.code, m.name from org.unit u join org.member m on m.id = u.secretary_id where u.path <@ $1::ltree order by u.code`,
      [root],
    );
    expect(secretaries.rows).toEqual([
      { code: `${p}B1`, name: '张建国' },
      { code: `${p}K`, name: '王军' },
    ]);
    const stored = await pg.query(
      `select id_number_hash, id_number_masked from org.member where branch_path <@ $1::ltree`,
      [root],
    );
    for (const r of stored.rows) {
      expect(people.map((x) => x.id)).not.toContain(r.id_number_hash);
      expect(r.id_number_masked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    }
  });

  it('a county admin cannot import into another county', async () => {
    const other = await tokenFor(['county_admin'], `${root}.${p}X`);
    const file = csv([
      MEMBER_HEADER,
      ['郑一', '男', idNumber(), '2001-07-01', '在职党员', '', '', `${p}B1`, phone(), ''],
    ]);
    const started = await gql<{ startOrgImport: { id: string } }>(
      START,
      { i: { kind: 'members', fileName: '党员.csv', contentBase64: file.toString('base64'), dryRun: false } },
      { token: other },
    );
    const id = started.data!.startOrgImport.id;
    let job: Job | undefined;
    for (let i = 0; i < 120 && !['succeeded', 'failed'].includes(job?.status ?? ''); i++) {
      await new Promise((res) => setTimeout(res, 250));
      job = (await gql<{ orgImportJob: Job }>(JOB, { id }, { token: other })).data!.orgImportJob;
    }
    expect(job?.status).toBe('failed');
    expect(job?.errors[0]?.message).toContain('不在您的管理范围内');
  });
});
