import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { tokenFor } from './helpers';
import { must, useWorld } from './lifecycle-fixtures';
import { csvBytes, idNumber } from './org-fixtures';
import { choose, expectCleanPage, openPage, shot, webUrl, type WebPage } from './web-browser';
import { dataOf, done, useBrowser } from './web-flows';

const MEMBER = `query($id: ID!) { member(id: $id) { name type cadreRank phone branchId } }`;

/** The tree node of a unit (its title carries the unit's id). */
const node = (page: Page, id: string) => page.locator(`.ant-tree-treenode:has([data-unit="${id}"])`);
/** Opens a tree node and waits for one of its sub-units. */
async function expand(page: Page, id: string, child: string): Promise<void> {
  await node(page, id).locator('.ant-tree-switcher').click();
  await page.locator(`[data-unit="${child}"]`).waitFor();
}
/** The value next to a label of a bordered description list. */
const cell = (page: Page, label: string) =>
  page.locator('th.ant-descriptions-item-label', { hasText: label }).locator('+ td');

/** Picks a file for the import page's file field. */
const upload = (w: WebPage, name: string, rows: string[][]) =>
  w.page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: csvBytes(rows) });

describe('web: a county admin manages the org tree and imports units and members', () => {
  const ctx = useWorld();
  const b = useBrowser();
  let county = '';
  const data: string[] = [];

  beforeAll(async () => {
    const { w } = ctx;
    // Another county with a branch and a member of its own: the county admin of C must not see them.
    await w.addUnit('C2', 'county', 'P');
    await w.addUnit('B3', 'branch', 'C2');
    await w.addMember('Z', 'B3');
    county = await tokenFor(['county_admin'], w.unit['C']!.path);
    data.push(
      ...dataOf(w),
      ...Object.keys(w.unit).map((k) => `${w.p}${k}`),
      ...['K2', 'B4', 'B5'].map((k) => w.p + k),
    );
  }, 120_000);

  it('browses the lazy tree, searches, edits a unit and a member, transfers a member; no other county', async () => {
    const { w } = ctx;
    const u = (k: string) => w.unit[k]!.id;
    const admin = await openPage(b.browser, { token: county });
    const { page } = admin;
    await page.goto(webUrl('/workbench'));
    await page.getByRole('button', { name: '组织管理' }).click();
    await page.getByRole('heading', { name: '组织管理' }).waitFor();

    // The tree starts at my county with its direct sub-units; deeper levels load when opened.
    await page.locator(`[data-unit="${u('K')}"]`).waitFor();
    expect(await page.locator(`[data-unit="${u('G')}"]`).count()).toBe(0);
    await expand(page, u('K'), u('G'));
    await expand(page, u('G'), u('B'));
    expect(await page.getByText('评议测试C2').count()).toBe(0);
    await page.locator(`[data-unit="${u('B')}"]`).click();
    await cell(page, '组织编码').getByText(`${w.p}B`, { exact: true }).waitFor();
    await cell(page, '书记').getByText('党员sB').waitFor();
    await page.getByRole('button', { name: '修改党员M' }).waitFor();
    await expectCleanPage(admin, { data });
    await shot(page, 'org-tree');

    // 修改组织: the new name shows in the tree.
    await page.locator(`[data-unit="${u('B2')}"]`).click();
    await page.getByRole('button', { name: '修改组织' }).click();
    await page.getByLabel('组织名称').fill('评议测试第二支部');
    await page.getByRole('button', { name: '保存' }).click();
    await done(admin, '组织信息已保存');
    await node(page, u('B2')).getByText('评议测试第二支部').waitFor();

    // Search by name: units and members of my county only.
    const search = page.getByLabel('按名称搜索组织或党员');
    await search.fill('评议测试');
    await search.press('Enter');
    await page.getByText('“评议测试”的搜索结果').waitFor();
    await page.getByText('评议测试K', { exact: true }).last().waitFor();
    expect(await page.getByText('评议测试C2', { exact: true }).count()).toBe(0);
    expect(await page.getByText('评议测试B3', { exact: true }).count()).toBe(0);
    await search.fill('党员');
    await search.press('Enter');
    await page.getByRole('button', { name: '修改党员M' }).waitFor();
    expect(await page.getByText('党员Z', { exact: true }).count()).toBe(0);
    await expectCleanPage(admin, { data });
    await shot(page, 'org-search');

    // 修改党员: a leading cadre without a rank is the server's refusal, shown as it came, and nothing is changed.
    await search.fill('党员M');
    await search.press('Enter');
    await page.getByRole('button', { name: '修改党员M' }).click();
    await choose(page, '党员类别', '党员领导干部');
    await page.getByLabel('联系电话').fill('13900001111');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('alert').filter({ hasText: '党员领导干部必须填写职级' }).waitFor();
    await shot(page, 'org-member-refused');
    const M = w.person('M').id;
    const before = (await must<{ member: Record<string, string | null> }>(MEMBER, { id: M }, w.admin)).member;
    expect(before).toMatchObject({ type: 'in_service', cadreRank: null });
    expect(before['phone']).not.toBe('13900001111');
    await choose(page, '职级（党员领导干部填写）', '县处级');
    await page.getByRole('button', { name: '保存' }).click();
    await done(admin, '党员信息已保存');
    const after = (await must<{ member: Record<string, string> }>(MEMBER, { id: M }, w.admin)).member;
    expect(after).toMatchObject({
      type: 'leading_cadre',
      cadreRank: 'county_division',
      phone: '13900001111',
    });
    await page.locator('tr', { hasText: '党员M' }).getByText('党员领导干部').waitFor();
    await page.locator(`[data-unit="${u('B')}"]`).click();

    // 组织关系转接: to the same branch is refused by the server; to the second branch it goes through.
    await page.getByRole('button', { name: '转接党员N' }).click();
    await choose(page, '转入支部', '评议测试B', '评议测试B');
    await page.getByLabel('转接原因').fill('工作调动');
    await page.getByRole('button', { name: '确认转接' }).click();
    await page.getByRole('alert').filter({ hasText: '转入支部与现所在支部相同' }).waitFor();
    await choose(page, '转入支部', '评议测试第二支部', '第二支部');
    await page.getByRole('button', { name: '确认转接' }).click();
    await done(admin, '已转入评议测试第二支部');
    const N = (await must<{ member: { branchId: string } }>(MEMBER, { id: w.person('N').id }, w.admin))
      .member;
    expect(N.branchId).toBe(u('B2'));
    await page.locator(`[data-unit="${u('B2')}"]`).click();
    await page.getByRole('button', { name: '转接党员N' }).waitFor();
    await cell(page, '组织编码').getByText(`${w.p}B2`).waitFor();
    await page.locator(`[data-unit="${u('B')}"]`).click();
    await page.getByRole('button', { name: '转接党员M' }).waitFor();
    expect(await page.getByRole('button', { name: '转接党员N' }).count()).toBe(0);
    await expectCleanPage(admin, { data });
    await shot(page, 'org-transferred');

    // The prefecture sees both counties; the tree on a phone.
    const pref = await openPage(b.browser, { token: w.admin });
    await pref.page.goto(webUrl('/org'));
    await pref.page.locator(`[data-unit="${u('C2')}"]`).waitFor();
    await expectCleanPage(pref, { data });
    const phone = await openPage(b.browser, { phone: true, token: county });
    await phone.page.goto(webUrl('/org'));
    await expand(phone.page, u('K'), u('G'));
    await phone.page.getByRole('button', { name: '修改党员M' }).waitFor();
    await expectCleanPage(phone, { phone: true, data });
    await shot(phone.page, 'org-tree-phone');
  }, 180_000);

  it('downloads the templates, sees a file’s errors by row with nothing imported, then imports it with the progress bar', async () => {
    const { w, pg } = ctx;
    const admin = await openPage(b.browser, { token: county });
    const { page } = admin;
    await page.goto(webUrl('/workbench'));
    await page.getByRole('button', { name: '批量导入' }).click();
    await page.getByRole('heading', { name: '批量导入' }).waitFor();

    // Templates: units as CSV, members as Excel.
    await choose(page, '导入内容', '组织');
    await choose(page, '模板格式', 'CSV 文本');
    const [csvTemplate] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载模板' }).click(),
    ]);
    expect(csvTemplate.suggestedFilename()).toMatch(/组织.*\.csv$/);
    expect(readFileSync(await csvTemplate.path()).toString('utf8')).toContain('组织编码');
    await choose(page, '模板格式', 'Excel 表格');
    await choose(page, '导入内容', '党员');
    const [xlsxTemplate] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载模板' }).click(),
    ]);
    expect(xlsxTemplate.suggestedFilename()).toMatch(/党员.*\.xlsx$/);
    expect(
      readFileSync(await xlsxTemplate.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    // Units: checked, then imported.
    const progress = page.locator('[role=progressbar][aria-label="导入进度"]');
    /** Waits for the job just started (a check or an import) to end with `status`. */
    const ended = (status: string, dryRun: boolean) =>
      progress
        .and(page.locator(`[data-status="${status}"][data-dry-run="${dryRun}"]`))
        .waitFor({ timeout: 60_000 });
    await choose(page, '导入内容', '组织');
    await upload(admin, '组织名单.csv', [
      ['组织编码', '组织名称', '上级组织编码', '组织层级', '组织领域'],
      [`${w.p}K2`, '导入测试镇党委', `${w.p}C`, '党委', '农村'],
      [`${w.p}B4`, '导入测试一村党支部', `${w.p}K2`, '党支部', '农村'],
      [`${w.p}B5`, '导入测试二村党支部', `${w.p}K2`, '党支部', '农村'],
    ]);
    await page.getByRole('button', { name: '校验（不导入）' }).click();
    await ended('succeeded', true);
    await page.getByText('试导入校验通过：共 3 行').waitFor();
    await page.getByRole('button', { name: '开始导入' }).click();
    await ended('succeeded', false);
    await page.getByText('导入完成：新增 3').waitFor();

    // Members: a file with errors is refused row by row, and nothing is written.
    const ids = [idNumber(), idNumber(), idNumber(), idNumber()];
    const header = ['姓名', '性别', '身份证号', '入党日期', '党员类别', '职级', '所在支部编码'];
    const rows = (bad: boolean) => [
      header,
      ['导入甲', '男', ids[0]!, '2005-07-01', '在职党员', '', `${w.p}B4`],
      ['导入乙', '男', bad ? ids[1]!.slice(0, 17) : ids[1]!, '2006-07-01', '在职党员', '', `${w.p}B4`],
      ['导入丙', '男', ids[2]!, '2007-07-01', '党员领导干部', bad ? '' : '乡科级', `${w.p}B5`],
      ['导入丁', '男', ids[3]!, '2008-07-01', '离退休职工党员', '', bad ? `${w.p}NOPE` : `${w.p}B5`],
    ];
    const imported = async () =>
      (
        await pg.query<{ n: number }>(
          `select count(*)::int as n from org.member where branch_path <@ $1::ltree and name like '导入%'`,
          [w.unit['C']!.path],
        )
      ).rows[0]!.n;
    await choose(page, '导入内容', '党员');
    await upload(admin, '党员名单.csv', rows(true));
    await page.getByRole('button', { name: '校验（不导入）' }).click();
    await ended('failed', true);
    const table = page.getByRole('table').filter({ hasText: '错误说明' });
    const errorRows = table.locator('tbody tr.ant-table-row');
    await errorRows.first().waitFor();
    type Row = { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> };
    const cells = await errorRows.evaluateAll((trs) =>
      (trs as unknown as Row[]).map((tr) =>
        Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? ''),
      ),
    );
    expect([...new Set(cells.map((c) => Number(c[0])))]).toEqual([3, 4, 5]);
    expect(cells.find((c) => c[0] === '3')?.[1]).toBe('身份证号');
    expect(cells.find((c) => c[0] === '4')?.[2]).toContain('职级');
    expect(cells.find((c) => c[0] === '5')?.[2]).toContain(`支部“${w.p}NOPE”不存在`);
    await page.getByText('未导入任何数据').waitFor();
    await expectCleanPage(admin, { data: [...data, '组织名单.csv', '党员名单.csv', `${w.p}NOPE`] });
    await shot(page, 'import-errors');
    // The real import of the same file: refused as a whole too.
    await page.getByRole('button', { name: '开始导入' }).click();
    await ended('failed', false);
    await page.getByText('导入进度与结果').waitFor();
    expect(await imported()).toBe(0);

    // Fixed: checked, imported with the progress bar at 100 %, and the new people in the tree.
    await upload(admin, '党员名单.csv', rows(false));
    await page.getByRole('button', { name: '校验（不导入）' }).click();
    await ended('succeeded', true);
    expect(await imported()).toBe(0);
    await page.getByRole('button', { name: '开始导入' }).click();
    await ended('succeeded', false);
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    expect(await cell(page, '新增').innerText()).toBe('4');
    expect(await imported()).toBe(4);
    await expectCleanPage(admin, { data: [...data, '组织名单.csv', '党员名单.csv'] });
    await shot(page, 'import-done');

    await page.getByRole('button', { name: '到组织管理查看' }).click();
    const k2 = await must<{ unit: { id: string } }>(
      `query($c: String) { unit(code: $c) { id } }`,
      { c: `${w.p}K2` },
      w.admin,
    );
    const b5 = await must<{ unit: { id: string } }>(
      `query($c: String) { unit(code: $c) { id } }`,
      { c: `${w.p}B5` },
      w.admin,
    );
    await expand(page, k2.unit.id, b5.unit.id);
    await page.locator(`[data-unit="${b5.unit.id}"]`).click();
    await page.getByRole('button', { name: '修改导入丙' }).waitFor();
    await page.getByRole('button', { name: '修改导入丁' }).waitFor();
    await expectCleanPage(admin, { data });
    await shot(page, 'import-in-tree');
  }, 180_000);
});
