import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Client, Connection } from '@temporalio/client';
import { EXPORT_CLEANUP_SCHEDULE } from '@pingyi/contracts';
import { gql, graphqlUrl, tokenFor } from './helpers';
import * as L from './lifecycle-fixtures';
import { seedInsightCampaign } from './insight-seed';
import { killAll, polling, restart } from './processes';

const START = `mutation($i: StartExportInput!) { startExport(input: $i) {
  id kind kindLabel orgPath status done total filename } }`;
const JOB = `query($id: ID!) { exportJob(id: $id) {
  id status statusLabel done total progressLabel filename downloadPath error expiresAt } }`;
const WORKER = 'services/insight/dist/worker.js';
/** A completion note that a spreadsheet would evaluate as a formula if written as it is. */
const FORMULA_NOTE = '=SUM(1+1)已整改';

const download = (id: string, token?: string) =>
  fetch(graphqlUrl().replace(/\/graphql$/, `/exports/${id}`), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

/**
 * Issue 17, the remaining exports: 整改台账, 群众评议汇总 and a subtree's 登记表 as one ZIP, each run as a Temporal
 * workflow on task queue `insight`; a worker killed mid-export still leaves exactly one whole file; files expire.
 */
describe('insight exports: rectification ledger, mass evaluation summary, forms ZIP, workflow, expiry', () => {
  const ctx = L.useWorld();
  let campaignId = '';
  let ids: Record<string, string> = {};
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-exports-'));

  const job = async (id: string, token = ctx.w.admin) =>
    (await L.must<{ exportJob: Record<string, any> }>(JOB, { id }, token)).exportJob;
  const finished = async (id: string, ms = 90_000) =>
    L.eventually(
      'the export finished',
      async () => {
        const j = await job(id);
        return j['status'] === 'done' || j['status'] === 'failed' ? j : undefined;
      },
      ms,
    );
  const start = async (kind: string, orgPath: string, token = ctx.w.admin) =>
    (await L.must<{ startExport: Record<string, any> }>(START, { i: { campaignId, orgPath, kind } }, token))
      .startExport;
  /** Starts an export of the county and reads the downloaded workbook's sheet back, as rows of cells. */
  const workbook = async (kind: string, title: string, unit = 'C') => {
    const started = await start(kind, ctx.w.unit[unit]!.path);
    expect(await finished(started['id'])).toMatchObject({ status: 'done', statusLabel: '已完成，可下载' });
    const res = await download(started['id'], ctx.w.admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.getWorksheet(title)!;
    let formulas = 0;
    sheet.eachRow((r) => r.eachCell((c) => void (c.type === ExcelJS.ValueType.Formula && formulas++)));
    expect(formulas).toBe(0);
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((r) => rows.push(r));
    const header = (rows[0]!.values as unknown[]).slice(1) as string[];
    return { started, header, body: rows.slice(1), col: (h: string) => header.indexOf(h) + 1 };
  };

  beforeAll(async () => {
    ({ campaignId, ids } = await seedInsightCampaign(ctx.w, ctx.pg));
    // N reports its listed item done with a note that starts like a formula.
    const rect = await L.eventually('N’s listed rectification', async () => {
      const { rows } = await ctx.pg.query(
        `select id from commitment.rectification where commitment_id = $1 and status = 'open'`,
        [ids['N']],
      );
      return rows[0]?.id as string | undefined;
    });
    await L.must(
      `mutation($id: ID!, $n: String!) { completeRectification(rectificationId: $id, note: $n, evidence: ["台账"]) { ok } }`,
      { id: rect, n: FORMULA_NOTE },
      ctx.w.person('N').token,
    );
  }, 600_000);

  it('exports the 整改台账 of a county: every item, Chinese headers, the reported result neutralised', async () => {
    const C = ctx.w.unit['C']!.path;
    const direct = (
      await ctx.pg.query(
        `select count(*)::int n from commitment.rectification r join commitment.commitment c on c.id = r.commitment_id
          where c.campaign_id = $1 and (c.org_path = $2 or c.org_path like $3)`,
        [campaignId, C, `${C}.%`],
      )
    ).rows[0].n as number;
    expect(direct).toBeGreaterThanOrEqual(3); // M: the review's measure and what the masses raised; N: listed
    const x = await L.eventually('insight has the result reported', async () => {
      const w = await workbook('rectification_ledger', '整改台账');
      const result = w.body.map((r) => r.getCell(w.col('整改结果')));
      return result.some((c) => c.text.includes(FORMULA_NOTE)) ? { ...w, result } : undefined;
    });
    expect(x.started).toMatchObject({ kindLabel: '整改台账', filename: '评议测试C_整改台账.xlsx' });
    expect(x.header.slice(0, 4)).toEqual(['组织编码路径', '所属党组织', '整改对象', '对象类别']);
    expect(x.header).toEqual(
      expect.arrayContaining(['问题来源', '责任人', '整改时限', '整改状态', '挂牌督办']),
    );
    expect(x.body).toHaveLength(direct);
    const planted = x.result.find((c) => c.text.includes(FORMULA_NOTE))!;
    expect(planted.type).toBe(ExcelJS.ValueType.String);
    expect(planted.value).toBe(`'${FORMULA_NOTE}`);
    const cells = (h: string) => x.body.map((r) => r.getCell(x.col(h)).text);
    expect(cells('问题来源')).toEqual(expect.arrayContaining(['领导点评', '群众评议']));
    expect(cells('整改目标')).toContain('每月走访群众不少于十户');
    expect(cells('挂牌督办')).toContain('是');
    expect(cells('责任人')).toContain('党员N');
    expect(cells('整改状态')).toEqual(expect.arrayContaining(['已销号', '待核验']));
  }, 240_000);

  it('exports the 群众评议汇总: a group below the threshold withheld as on the dashboard, the rest counted', async () => {
    const w = await workbook('mass_evaluation_summary', '群众评议汇总');
    expect(w.started).toMatchObject({ kindLabel: '群众评议汇总', filename: '评议测试C_群众评议汇总.xlsx' });
    expect(w.header.slice(2, 9)).toEqual([
      '被评议对象',
      '对象类别',
      '评议人类别',
      '参评份数',
      '满意',
      '基本满意',
      '不满意',
    ]);
    const rows = w.body.map((r) => ({
      who: r.getCell(w.col('被评议对象')).text,
      group: r.getCell(w.col('评议人类别')).text,
      n: r.getCell(w.col('参评份数')).value,
      satisfied: r.getCell(w.col('满意')).value,
      note: r.getCell(w.col('备注')).text,
    }));
    // Direct: subjects whose evaluation closed, and the categories answered of those whose tally was shown.
    const { rows: closed } = await ctx.pg.query(
      `select c.id, (c.mass_tally->>'shown')::boolean shown,
              (select count(distinct m.category)::int from commitment.mass_eval_response m where m.commitment_id = c.id) groups
         from commitment.commitment c where c.campaign_id = $1 and c.mass_tally is not null`,
      [campaignId],
    );
    expect(rows).toHaveLength(closed.reduce((n, c) => n + 1 + (c.shown ? c.groups : 0), 0));
    const withheld = { n: null, satisfied: null, note: '参评人数不足公布门槛，不予显示' };
    expect(rows).toEqual(
      expect.arrayContaining([
        { who: '党员M', group: '合计', n: 7, satisfied: 4, note: '' },
        { who: '党员M', group: '普通群众', n: 5, satisfied: 3, note: '' },
        { who: '党员M', group: '企业代表', ...withheld }, // 2 answers, below the threshold of 5
        { who: '党员N', group: '合计', ...withheld }, // nobody answered
      ]),
    );
    // The dashboard withholds the same group.
    const panel = await L.must<{ dashboard: { figures: { satisfaction: Record<string, unknown>[] } } }>(
      `query($c: String!, $o: String) { dashboard(campaignId: $c, orgPath: $o) {
        figures { satisfaction { category withheld responses } } } }`,
      { c: campaignId, o: ctx.w.unit['C']!.path },
      ctx.w.admin,
    );
    expect(panel.dashboard.figures.satisfaction).toEqual(
      expect.arrayContaining([{ category: 'enterprise', withheld: true, responses: null }]),
    );
  }, 180_000);

  it('exports a subtree’s 领导点评登记表 as one ZIP: a PDF per subject in unit folders named in Chinese', async () => {
    const started = await start('registration_forms_zip', ctx.w.unit['C']!.path);
    expect(started).toMatchObject({ kindLabel: '领导点评登记表', filename: '评议测试C_领导点评登记表.zip' });
    const done = await finished(started['id'], 180_000);
    expect(done).toMatchObject({ status: 'done', done: 2, total: 2 });
    const res = await download(started['id'], ctx.w.admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const entries = readZip(Buffer.from(await res.arrayBuffer()), 'subtree');
    const names = Object.keys(entries).sort();
    const folder = ['评议测试C', '评议测试K', '评议测试G', '评议测试B'].join('/');
    expect(names).toEqual([
      `${folder}/党员M_党员领导点评登记表.pdf`,
      `${folder}/党员N_党员领导点评登记表.pdf`,
    ]);
    for (const [name, text] of Object.entries(entries)) {
      expect(text).toContain('党员领导点评登记表');
      expect(text).toContain(name.includes('党员M') ? '党员M' : '党员N');
    }
    // Another county's admin: refused the export and the download.
    const other = await tokenFor(['county_admin'], ctx.w.unit['C2']!.path);
    const refused = await gql(
      START,
      { i: { campaignId, orgPath: ctx.w.unit['C']!.path, kind: 'registration_forms_zip' } },
      { token: other },
    );
    expect(L.code(refused)).toBe('OUT_OF_SCOPE');
    for (const kind of ['rectification_ledger', 'mass_evaluation_summary'])
      expect(
        L.code(
          await gql(START, { i: { campaignId, orgPath: ctx.w.unit['C']!.path, kind } }, { token: other }),
        ),
      ).toBe('OUT_OF_SCOPE');
    expect((await download(started['id'], other)).status).toBe(404);
  }, 240_000);

  /** Unzips into a directory; each entry's text by pdftotext (every entry must be a whole PDF). */
  function readZip(zip: Buffer, name: string): Record<string, string> {
    const file = join(dir, `${name}.zip`);
    writeFileSync(file, zip);
    const list = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' });
    expect(list.status).toBe(0);
    const out: Record<string, string> = {};
    for (const entry of list.stdout.split('\n').filter(Boolean)) {
      const pdf = spawnSync('unzip', ['-p', file, entry]).stdout as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.subarray(-8).toString()).toContain('%%EOF');
      const text = spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' });
      expect(text.status).toBe(0);
      out[entry] = text.stdout;
    }
    return out;
  }

  it('a worker killed mid-export: the retried activity writes the file again, exactly one whole file', async () => {
    // A worker that writes slowly (1.5 s after each form) in small chunks, so the kill falls in the middle.
    killAll(WORKER);
    await restart('insight-worker-paced', WORKER, polling, 60_000, {
      ...process.env,
      EXPORT_PACE_MS: '1500',
      EXPORT_CHUNK_KB: '8',
    });
    const started = await start('registration_forms_zip', ctx.w.unit['P']!.path);
    await L.eventually(
      'the first chunks stored',
      async () => {
        const { rows } = await ctx.pg.query(
          `select count(*)::int n from insight.export_chunk where job_id = $1`,
          [started['id']],
        );
        return rows[0].n > 0;
      },
      120_000,
    );
    expect(killAll(WORKER)).toBeGreaterThan(0);
    const cut = await job(started['id']);
    expect(cut['status']).toBe('running');
    await restart('insight-worker-restarted', WORKER, polling, 60_000);
    const done = await finished(started['id'], 180_000);
    expect(done).toMatchObject({ status: 'done', done: 2, total: 2 });
    const { rows } = await ctx.pg.query(
      `select j.attempt, j.size::int size, j.chunks, count(c.seq)::int stored, coalesce(sum(length(c.data)), 0)::int bytes,
              coalesce(max(c.seq), -1) last
         from insight.export_job j left join insight.export_chunk c on c.job_id = j.id
        where j.id = $1 group by j.id`,
      [started['id']],
    );
    expect(rows[0].attempt).toBeGreaterThanOrEqual(2); // the first attempt was cut
    expect(rows[0]).toMatchObject({ stored: rows[0].chunks, bytes: rows[0].size, last: rows[0].chunks - 1 });
    const res = await download(started['id'], ctx.w.admin);
    const zip = Buffer.from(await res.arrayBuffer());
    expect(zip.length).toBe(rows[0].size);
    expect(Object.keys(readZip(zip, 'retried')).sort()).toEqual(
      ['党员M', '党员N'].map(
        (n) => `评议测试P/评议测试C/评议测试K/评议测试G/评议测试B/${n}_党员领导点评登记表.pdf`,
      ),
    );
  }, 420_000);

  it('an expired export is refused in Chinese (410) and its file deleted by the clean-up schedule', async () => {
    // (B renamed so that its name starts like a formula: the summary's 所属党组织 cell is neutralised.)
    await L.must(
      `mutation($id: ID!, $n: String!) { updateUnit(id: $id, input: { name: $n }) { id } }`,
      { id: ctx.w.unit['B']!.id, n: '=B支部' },
      ctx.w.admin,
    );
    const { started, done } = await L.eventually('insight has the new name', async () => {
      const w = await workbook('mass_evaluation_summary', '群众评议汇总', 'B');
      const unit = w.body[0]!.getCell(w.col('所属党组织'));
      if (unit.value !== "'=B支部") return undefined;
      expect(unit.type).toBe(ExcelJS.ValueType.String);
      return { started: w.started, done: await job(w.started['id']) };
    });
    expect(Date.parse(done['expiresAt']) - Date.now()).toBeGreaterThan(6.9 * 86_400_000); // 7 days by default
    expect((await download(started['id'], ctx.w.admin)).status).toBe(200);
    await ctx.pg.query(
      `update insight.export_job set expires_at = now() - interval '1 second' where id = $1`,
      [started['id']],
    );
    const gone = await download(started['id'], ctx.w.admin);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ error: { message: '导出文件已过期并已删除，请重新导出' } });
    // The schedule's run (triggered now rather than waiting for its hour) deletes the file.
    const connection = await Connection.connect({ address: process.env['TEMPORAL_ADDRESS']! });
    try {
      const client = new Client({ connection, namespace: process.env['TEMPORAL_NAMESPACE'] ?? 'default' });
      await client.schedule.getHandle(EXPORT_CLEANUP_SCHEDULE).trigger();
    } finally {
      await connection.close();
    }
    await L.eventually('the file deleted', async () => {
      const j = await job(started['id']);
      return (
        j['status'] === 'expired' && j['statusLabel'] === '已过期，文件已删除' && j['downloadPath'] === null
      );
    });
    const { rows } = await ctx.pg.query(
      `select count(*)::int n from insight.export_chunk where job_id = $1`,
      [started['id']],
    );
    expect(rows[0].n).toBe(0);
    expect((await download(started['id'], ctx.w.admin)).status).toBe(410);
  }, 180_000);
});
