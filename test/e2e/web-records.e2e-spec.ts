import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import * as L from './lifecycle-fixtures';
import { ARTIFACTS, expectCleanPage, openPage, shot, webUrl, type WebPage } from './web-browser';
import { dataOf, useBrowser } from './web-flows';

const pdfText = (file: string): string =>
  spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;

/** The page as printed by Chromium (print media, A4) into test/artifacts/web, and its first page as a PNG. */
async function printed(page: Page, name: string): Promise<{ text: string; png: Buffer }> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.emulateMedia({ media: 'print' });
  const file = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  await page.emulateMedia({ media: 'screen' });
  const png = join(ARTIFACTS, name);
  expect(
    spawnSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, png]).status,
  ).toBe(0);
  return { text: pdfText(file), png: readFileSync(`${png}.png`) };
}

/** Records every status the progress card shows, in order, into `window.seenStatus`. */
const WATCH_STATUS = `(() => {
  const seen = (window.seenStatus = []);
  new MutationObserver(() => {
    const s = document.querySelector('[data-export-status]')?.getAttribute('data-export-status');
    if (s && seen[seen.length - 1] !== s) seen.push(s);
  }).observe(document.body, { subtree: true, childList: true, attributes: true });
})()`;

/** Issue 19, records: ledgers and 登记表 exported through the page with progress; printable views. */
describe('web: 台账与登记表 — exports with progress, printable views (issue 19)', () => {
  const ctx = L.useWorld();
  const b = useBrowser();
  let campaignId = '';
  const ids: Record<string, string> = {};
  let hash = '';
  const C = () => ctx.w.unit['C']!.path;
  const data = () => [...dataOf(ctx.w), campaignId, hash];
  const records = async (w: WebPage) => {
    await w.page.goto(webUrl(`/records/${campaignId}/${C()}`));
    await w.page.getByRole('heading', { name: '台账与登记表' }).waitFor();
  };

  beforeAll(async () => {
    const w = ctx.w;
    campaignId = `${w.p}-records`;
    const people = ['M', 'X'];
    await L.must(
      `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId } }`,
      {
        i: {
          id: campaignId,
          name: '2026年度承诺践诺',
          year: 2026,
          scopePath: w.unit['P']!.path,
          settingsJson: JSON.stringify(L.fastSettings({ draftDays: 3000, acceptanceDays: 3000 })),
          subjects: people.map((k) => ({ kind: 'member', id: w.person(k).id })),
        },
      },
      w.admin,
    );
    await L.eventually('the commitments opened', async () => {
      const { rows } = await ctx.pg.query(
        `select id, subject_id from commitment.commitment where campaign_id = $1`,
        [campaignId],
      );
      for (const r of rows) ids[people.find((k) => w.person(k).id === r.subject_id)!] = r.id;
      return rows.length === people.length;
    });
    const [M, sB] = [w.person('M'), w.person('sB')];
    await L.driveToMassEvaluation(ids['M']!, M.token, sB.token, L.GOOD_REVIEW(M.id));
    hash = (
      await L.must<{ commitment: { reviews: { signoff: { contentHash: string } | null }[] } }>(
        `query($id: ID!) { commitment(id: $id) { reviews { signoff { contentHash } } } }`,
        { id: ids['M'] },
        w.admin,
      )
    ).commitment.reviews[0]!.signoff!.contentHash;
  }, 300_000);

  it('from the overview, exports the 承诺台账 with progress and downloads it: the XLSX has the subtree’s rows', async () => {
    const direct = (
      await ctx.pg.query(
        `select s.subject_id from commitment.commitment s where s.campaign_id = $1 and (s.org_path = $2 or s.org_path like $3)`,
        [campaignId, C(), `${C()}.%`],
      )
    ).rows.length;
    expect(direct).toBe(2);
    const admin = await openPage(b.browser, { token: ctx.w.admin });
    await admin.page.goto(webUrl(`/dashboard/${campaignId}/${C()}`));
    await admin.page.getByRole('button', { name: '台账与登记表' }).click();
    await admin.page.waitForURL(`**/records/${campaignId}/${C()}`);
    await admin.page.evaluate(WATCH_STATUS);
    // Insight catches up with the commitments on its own: export again until the ledger has every row.
    const rows = await L.eventually('the ledger has every commitment', async () => {
      const [download] = await Promise.all([
        admin.page.waitForEvent('download'),
        admin.page.getByRole('button', { name: '导出承诺台账（XLSX）' }).click(),
      ]);
      await admin.page.locator('[data-export-status="done"]').waitFor();
      expect(download.suggestedFilename()).toBe('评议测试C_承诺台账.xlsx');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(readFileSync(await download.path()) as never);
      const out: unknown[][] = [];
      book.getWorksheet('承诺台账')!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
      const names = out.slice(1).map((r) => r[out[0]!.indexOf('承诺主体')]);
      return names.length === direct && names.includes('党员X') ? out : undefined;
    });
    expect(rows[0]!.slice(0, 3)).toEqual(['组织编码路径', '所属党组织', '承诺主体']);
    expect(
      rows
        .slice(1)
        .map((r) => r[2])
        .sort(),
    ).toEqual(['党员M', '党员X']);
    // The progress as the page shows it: done / total, the server's Chinese status.
    const progress = admin.page.getByRole('progressbar', { name: '导出进度' });
    expect(await progress.innerText()).toContain(`${direct} / ${direct}`);
    await admin.page.getByText(`已完成，可下载（已导出 ${direct} / ${direct} 行）`).waitFor();
    // The job was seen on its way (queued or running) before it was done.
    const seen = await admin.page.evaluate<string[]>('window.seenStatus');
    expect(seen.indexOf('done')).toBeGreaterThan(0);
    expect(['queued', 'running']).toContain(seen[0]);
    await expectCleanPage(admin, { data: data() });
    await shot(admin.page, 'records-ledger-exported');
  }, 240_000);

  it('downloads a subject’s 领导点评登记表 PDF through the page; a failed job says so in Chinese', async () => {
    const admin = await openPage(b.browser, { token: ctx.w.admin });
    await records(admin);
    const row = admin.page.locator(`[data-subject="${ids['M']}"]`);
    await row.waitFor();
    expect(await admin.page.locator('[data-subject]').count()).toBe(1); // X has no review yet
    const [download] = await Promise.all([
      admin.page.waitForEvent('download'),
      row.getByRole('button', { name: '下载领导点评登记表（PDF）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('党员M_党员领导点评登记表.pdf');
    await admin.page.getByText('已完成，可下载（已导出 1 / 1 行）').waitFor();
    await admin.page.getByText('导出进度：领导点评登记表（党员M）').waitFor();
    const text = pdfText(await download.path());
    expect(text).toContain('党员领导点评登记表');
    expect(text).toContain('党员M');
    await expectCleanPage(admin, { data: data() });
    await shot(admin.page, 'records-form-exported');

    // A job that fails on the server (its answer rewritten here: a real failure needs a broken writer).
    await admin.page.route('**/graphql', async (route) => {
      if (!route.request().postData()?.includes('query RecExportJob')) return route.continue();
      const res = await route.fetch();
      const body = (await res.json()) as { data?: { exportJob?: Record<string, unknown> } };
      if (body.data?.exportJob)
        Object.assign(body.data.exportJob, {
          status: 'failed',
          statusLabel: '生成失败',
          error: '导出中断：接收文件的一方已关闭，文件未写完',
          downloadPath: null,
        });
      return route.fulfill({ response: res, json: body });
    });
    await admin.page.getByRole('button', { name: '导出点评台账（XLSX）' }).click();
    await admin.page.locator('[data-export-status="failed"]').waitFor();
    await admin.page.getByText('导出失败：导出中断：接收文件的一方已关闭，文件未写完').waitFor();
    await admin.page.getByText(/^生成失败（/).waitFor();
    await expectCleanPage(admin, { data: data() });
    await shot(admin.page, 'records-export-failed');
  }, 180_000);

  it('the print view of a 登记表 prints on A4 without the navigation: the subject’s name in its text, an image kept', async () => {
    const admin = await openPage(b.browser, { token: ctx.w.admin });
    await records(admin);
    await admin.page
      .locator(`[data-subject="${ids['M']}"]`)
      .getByRole('button', { name: '打印视图' })
      .click();
    await admin.page.locator(`[data-form="${ids['M']}"]`).waitFor();
    await admin.page.getByText('每月走访群众不少于十户').waitFor();
    await admin.page.getByRole('button', { name: '打印' }).waitFor();
    await expectCleanPage(admin, { data: data() });
    await shot(admin.page, 'records-form-print-screen');
    const { text, png } = await printed(admin.page, 'records-form-print');
    for (const t of ['党员领导点评登记表', '2026年度承诺践诺', '党员M', '点评领导', '党员sB', '谈话点评'])
      expect(text).toContain(t);
    expect(text).toContain('每月走访群众不少于十户'); // the 四定 measures
    expect(text).toContain(hash);
    // No navigation on paper: neither the app's header nor the page's buttons.
    for (const t of ['评议平台', '退出登录', '返回台账与登记表', '打印']) expect(text).not.toContain(t);
    expect(png.subarray(1, 4).toString()).toBe('PNG');

    await admin.page.goto(webUrl(`/records/${campaignId}/${C()}/ledger`));
    await admin.page.locator('table[data-ledger="2"]').waitFor();
    await expectCleanPage(admin, { data: data() });
    const ledger = await printed(admin.page, 'records-ledger-print');
    for (const t of ['承诺台账', '党员M', '党员X', '是否逾期']) expect(ledger.text).toContain(t);
    expect(ledger.text).not.toContain('评议平台');
  }, 180_000);
});
