import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { gql, graphqlUrl, tokenFor } from './helpers';
import * as L from './lifecycle-fixtures';

const START = `mutation($i: StartExportInput!) { startExport(input: $i) {
  id kind kindLabel orgPath status statusLabel done total progressLabel filename downloadPath } }`;
const JOB = `query($id: ID!) { exportJob(id: $id) {
  id status statusLabel done total progressLabel filename downloadPath error } }`;
const SUBMIT = `mutation($id: ID!, $items: [CommitmentItemInputType!]!) {
  submitCommitment(commitmentId: $id, items: $items) { ok } }`;
/** An item that a spreadsheet would evaluate as a formula if written as it is. */
const FORMULA_ITEM = '=HYPERLINK("http://evil.example","点我")';

const download = (id: string, token?: string) =>
  fetch(graphqlUrl().replace(/\/graphql$/, `/exports/${id}`), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

/** Issue 17, exports: a ledger of a subtree from insight's read models, through the gateway, within scope only. */
describe('insight exports (issue 17)', () => {
  const ctx = L.useWorld();
  let campaignId = '';
  const ids: Record<string, string> = {};

  const job = async (id: string, token = ctx.w.admin) =>
    (await L.must<{ exportJob: Record<string, any> }>(JOB, { id }, token)).exportJob;
  const finished = async (id: string, token = ctx.w.admin) => {
    let last: Record<string, any> = {};
    await L.eventually('the export finished', async () => {
      last = await job(id, token);
      return last['status'] === 'done' || last['status'] === 'failed';
    });
    return last;
  };

  beforeAll(async () => {
    const w = ctx.w;
    await w.addUnit('C2', 'county', 'P');
    campaignId = `${w.p}-exports`;
    const subjects = ['M', 'X', 'Y', 'sB2'].map((k) => ({ kind: 'member', id: w.person(k).id }));
    await L.must(
      `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId } }`,
      {
        i: {
          id: campaignId,
          name: '2026年度承诺践诺',
          year: 2026,
          scopePath: w.unit['P']!.path,
          settingsJson: JSON.stringify(L.fastSettings({ draftDays: 3000, acceptanceDays: 3000 })),
          subjects,
        },
      },
      w.admin,
    );
    await L.eventually('the commitments opened', async () => {
      const { rows } = await ctx.pg.query(
        `select id, subject_id from commitment.commitment where campaign_id = $1`,
        [campaignId],
      );
      for (const r of rows) ids[Object.keys(w.people).find((k) => w.people[k]!.id === r.subject_id)!] = r.id;
      return rows.length === subjects.length;
    });
    const [M, sB] = [w.person('M'), w.person('sB')];
    await L.driveToMassEvaluation(ids['M']!, M.token, sB.token, L.GOOD_REVIEW(M.id));
    await L.must(
      SUBMIT,
      { id: ids['X'], items: [{ content: FORMULA_ITEM, target: '全年4次', dueDate: '2026-12-31' }] },
      w.person('X').token,
    );
  }, 300_000);

  it('exports the 承诺台账 of a county as XLSX through the gateway: headers, every row, a neutralised = cell', async () => {
    const C = ctx.w.unit['C']!.path;
    const direct = (
      await ctx.pg.query(
        `select count(*)::int n from commitment.commitment where campaign_id = $1 and (org_path = $2 or org_path like $3)`,
        [campaignId, C, `${C}.%`],
      )
    ).rows[0].n as number;
    expect(direct).toBe(4);
    let sheet: ExcelJS.Worksheet | undefined;
    let res: Response | undefined;
    await L.eventually('insight has the submitted items', async () => {
      const started = (
        await L.must<{ startExport: Record<string, any> }>(
          START,
          { i: { campaignId, orgPath: C, kind: 'commitment_ledger' } },
          ctx.w.admin,
        )
      ).startExport;
      expect(started).toMatchObject({ kind: 'commitment_ledger', kindLabel: '承诺台账', orgPath: C });
      const done = await finished(started['id']);
      expect(done).toMatchObject({
        status: 'done',
        statusLabel: '已完成，可下载',
        done: direct,
        total: direct,
      });
      expect(done['progressLabel']).toBe(`已导出 ${direct} / ${direct} 行`);
      res = await download(started['id'], ctx.w.admin);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
      sheet = book.getWorksheet('承诺台账');
      const texts: unknown[] = [];
      sheet?.eachRow((r) => texts.push(...(r.values as unknown[])));
      return texts.some((t) => typeof t === 'string' && t.includes(FORMULA_ITEM));
    });
    expect(res!.status).toBe(200);
    expect(res!.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(res!.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = res!.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("''")[1]!)).toBe('评议测试C_承诺台账.xlsx');
    const header = (sheet!.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['组织编码路径', '所属党组织', '承诺主体', '对象类别', '活动名称']);
    expect(header).toContain('承诺事项');
    expect(sheet!.actualRowCount - 1).toBe(direct);
    const itemCol = header.indexOf('承诺事项') + 1;
    const cells: ExcelJS.Cell[] = [];
    sheet!.eachRow((r, n) => n > 1 && cells.push(r.getCell(itemCol)));
    const planted = cells.find((c) => c.text.includes(FORMULA_ITEM))!;
    expect(planted.type).toBe(ExcelJS.ValueType.String);
    expect(planted.value).toBe(`'${FORMULA_ITEM}`);
    expect(cells.map((c) => c.text)).toContain('每周走访困难群众');
    let formulas = 0;
    sheet!.eachRow((r) => r.eachCell((c) => void (c.type === ExcelJS.ValueType.Formula && formulas++)));
    expect(formulas).toBe(0);
  }, 180_000);

  it('exports the 点评台账 of a county: one row per passed review, equal to a direct count', async () => {
    const C = ctx.w.unit['C']!.path;
    const direct = (
      await ctx.pg.query(
        `select count(*)::int n from commitment.leadership_review lr join commitment.commitment c on c.id = lr.commitment_id
          where lr.passed and c.campaign_id = $1 and (c.org_path = $2 or c.org_path like $3)`,
        [campaignId, C, `${C}.%`],
      )
    ).rows[0].n as number;
    expect(direct).toBe(1);
    const rows = await L.eventually('insight has the review', async () => {
      const started = (
        await L.must<{ startExport: Record<string, any> }>(
          START,
          { i: { campaignId, orgPath: C, kind: 'review_ledger' } },
          ctx.w.admin,
        )
      ).startExport;
      expect(await finished(started['id'])).toMatchObject({ status: 'done', total: direct });
      const book = new ExcelJS.Workbook();
      const res = await download(started['id'], ctx.w.admin);
      await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
      const sheet = book.getWorksheet('点评台账')!;
      const out: unknown[][] = [];
      sheet.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
      return out.length - 1 === direct ? out : undefined;
    });
    expect(rows[0]!.slice(0, 4)).toEqual(['点评领导', '组织编码路径', '所属党组织', '被点评对象']);
    expect(rows[0]).toEqual(expect.arrayContaining(['点评方式', '指出不足', '整改意见', '整改落实情况']));
    expect(rows[1]).toEqual(
      expect.arrayContaining(['党员M', '1. 联系群众的方式还比较单一\n2. 学习记录不够完整']),
    );
  }, 180_000);

  it('exports one subject’s 领导点评登记表 as PDF: the subject’s Chinese name in its text, the page renders to an image', async () => {
    const input = { campaignId, kind: 'registration_form', commitmentId: ids['M'] };
    const started = await L.eventually('insight has the passed review', async () => {
      const r = await gql<{ startExport: Record<string, any> }>(START, { i: input }, { token: ctx.w.admin });
      return r.data?.startExport;
    });
    expect(started).toMatchObject({ kindLabel: '领导点评登记表', filename: '党员M_党员领导点评登记表.pdf' });
    expect(await finished(started['id'])).toMatchObject({ status: 'done', done: 1, total: 1 });
    const res = await download(started['id'], ctx.w.admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const dir = mkdtempSync(join(tmpdir(), 'pingyi-form-'));
    const file = join(dir, 'form.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('党员领导点评登记表');
    expect(text).toContain('党员M');
    expect(text).toContain('每月走访群众不少于十户'); // a 四定 measure
    expect(text).toMatch(/[0-9a-f]{64}/); // the signature record's content hash
    expect(
      spawnSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', file, join(dir, 'page')]).status,
    ).toBe(0);
    expect(readFileSync(join(dir, 'page-1.png')).subarray(1, 4).toString()).toBe('PNG');
    // Another county's admin may neither export it nor download it.
    const other = await tokenFor(['county_admin'], ctx.w.unit['C2']!.path);
    expect(L.code(await gql(START, { i: input }, { token: other }))).toBe('OUT_OF_SCOPE');
    expect((await download(started['id'], other)).status).toBe(404);
  }, 180_000);

  it('another county’s admin is refused the export, the job and the download', async () => {
    const C = ctx.w.unit['C']!.path;
    const other = await tokenFor(['county_admin'], ctx.w.unit['C2']!.path);
    const refused = await gql(
      START,
      { i: { campaignId, orgPath: C, kind: 'commitment_ledger' } },
      { token: other },
    );
    expect(L.code(refused)).toBe('OUT_OF_SCOPE');
    const mine = (
      await L.must<{ startExport: Record<string, any> }>(
        START,
        { i: { campaignId, orgPath: C, kind: 'commitment_ledger' } },
        ctx.w.admin,
      )
    ).startExport;
    await finished(mine['id']);
    const seen = await gql(JOB, { id: mine['id'] }, { token: other });
    expect(L.code(seen)).toBe('NOT_FOUND');
    const stranger = await download(mine['id'], other);
    expect(stranger.status).toBe(404);
    expect(stranger.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await download(mine['id'])).status).toBe(401);
    // The county's own admin (scope contains the job's subtree) may download it.
    const county = await tokenFor(['county_admin'], C);
    expect((await download(mine['id'], county)).status).toBe(200);
  }, 120_000);
});
