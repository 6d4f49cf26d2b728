import { tokenFor } from './helpers';
import { directFigures, normalised } from './insight-fixtures';
import { seedInsightCampaign } from './insight-seed';
import { eventually, must, useWorld } from './lifecycle-fixtures';
import { expectCleanPage, openPage, shot, webUrl, type WebPage } from './web-browser';
import {
  DASHBOARD,
  RANKING,
  directRows,
  listedIds,
  readFigures,
  shownFigures,
} from './web-dashboard-fixtures';
import { dataOf, useBrowser } from './web-flows';

/** Names of county C's units and people (C2 is the other county's own). */
const OTHER_COUNTY = /评议测试(?:P|K|G|B|C(?!2))|党员/;

/** Issue 19: the dashboards in the browser, on the insight read models after a campaign ran through its stages. */
describe('web: dashboards — overview, comparison, wall screen (issue 19)', () => {
  const ctx = useWorld();
  const b = useBrowser();
  let campaignId = '';
  const path = (key: string) => ctx.w.unit[key]!.path;
  const figuresOf = async (orgPath: string, token = ctx.w.admin) =>
    (await must<{ dashboard: Record<string, any> }>(DASHBOARD, { c: campaignId, o: orgPath }, token))
      .dashboard.figures;
  const data = () => [...dataOf(ctx.w), campaignId];
  const overview = async (w: WebPage, orgPath: string) => {
    await w.page.goto(webUrl(`/dashboard/${campaignId}/${orgPath}`));
    await w.page.locator('[data-figure="subjects"]').waitFor();
  };

  beforeAll(async () => {
    ({ campaignId } = await seedInsightCampaign(ctx.w, ctx.pg));
    await eventually(
      'insight caught up',
      async () => {
        for (const key of ['P', 'C', 'B']) {
          const live = normalised(await figuresOf(path(key)));
          if (JSON.stringify(live) !== JSON.stringify(await directFigures(ctx.pg, campaignId, path(key))))
            return false;
        }
        return true;
      },
      90_000,
    );
  }, 700_000);

  it('the overview of the prefecture, a county and a branch shows the insight figures, equal to a direct count; each figure lists exactly its rows', async () => {
    const admin = await openPage(b.browser, { token: ctx.w.admin });
    for (const key of ['P', 'C', 'B']) {
      const api = await figuresOf(path(key));
      expect(normalised(api)).toEqual(await directFigures(ctx.pg, campaignId, path(key)));
      await overview(admin, path(key));
      expect(await readFigures(admin.page)).toEqual(shownFigures(api));
      await expectCleanPage(admin, { data: data() });
      if (key === 'P') await shot(admin.page, 'dashboard-overview');

      const direct = await directRows(ctx.pg, campaignId, path(key));
      const linked = await admin.page.$$eval('a[data-figure]', (els) =>
        els.map((e) => e.getAttribute('data-figure')!),
      );
      expect(linked).toEqual(
        expect.arrayContaining(['subjects', 'overdue', 'milestone:closed', 'rect:overdue']),
      );
      // Not vacuous: the prefecture has a grade, a verified and an overdue rectification to click through.
      if (key === 'P') expect(linked).toEqual(expect.arrayContaining(['grade:good', 'stage:closed']));
      for (const figure of linked) {
        // Back to the overview as a person would (the browser's back button: no reload of the app).
        if (figure !== linked[0]) {
          await admin.page.goBack();
          await admin.page.locator('[data-figure="subjects"]').waitFor();
        }
        const shown = await admin.page.locator(`[data-figure="${figure}"]`).getAttribute('data-value');
        await admin.page.locator(`[data-figure="${figure}"]`).click();
        const ids = await listedIds(admin.page);
        expect({ figure, ids }).toEqual({ figure, ids: [...(direct[figure] ?? [])].sort() });
        const count = await admin.page.locator('[data-count]').getAttribute('data-count');
        // Commitment figures count the rows listed; rectification figures count items (超期 lists the items).
        if (!figure.startsWith('rect:') || figure === 'rect:overdue')
          expect({ figure, count }).toEqual({ figure, count: shown });
      }
      await expectCleanPage(admin, { data: data() });
    }
    await shot(admin.page, 'dashboard-list');
  }, 600_000);

  it('breadcrumbs go up the tree and the branch lists its people', async () => {
    const admin = await openPage(b.browser, { token: ctx.w.admin });
    await overview(admin, path('B'));
    const crumbs = admin.page.getByLabel('组织层级');
    for (const k of ['P', 'C', 'K', 'G', 'B'])
      await crumbs.getByText(`评议测试${k}`, { exact: true }).waitFor();
    await crumbs.getByText('评议测试C', { exact: true }).click();
    await admin.page.waitForURL(`**/dashboard/${campaignId}/${path('C')}`);
    await admin.page.getByRole('heading', { name: '总览 · 评议测试C' }).waitFor();
    // Down again through the units under the county, then to a person of the branch.
    await overview(admin, path('B'));
    await admin.page.locator('[data-figure="subjects"]').click();
    await admin.page.getByRole('link', { name: '党员M' }).click();
    await admin.page.waitForURL(/\/commitments\//);
    await admin.page.getByText('党员M').first().waitFor();
    await expectCleanPage(admin, { data: data() });
  }, 120_000);

  it('the comparison lists the units under a node with the ranking score; the wall screen has no controls', async () => {
    const admin = await openPage(b.browser, { token: ctx.w.admin });
    const ranking = (
      await must<{ ranking: { units: Record<string, any>[] } }>(
        RANKING,
        { c: campaignId, o: path('P') },
        ctx.w.admin,
      )
    ).ranking;
    await admin.page.goto(webUrl(`/dashboard/${campaignId}/${path('P')}/compare`));
    for (const u of ranking.units)
      await admin.page
        .locator('tr')
        .filter({ hasText: u['unitName'] })
        .filter({ hasText: Number(u['score']).toFixed(2) })
        .waitFor();
    await admin.page.getByRole('img', { name: '各下级组织的逐日趋势' }).locator('svg').waitFor();
    await expectCleanPage(admin, { data: data() });
    await shot(admin.page, 'dashboard-compare');

    const f = await figuresOf(path('P'));
    await admin.page.goto(webUrl(`/wall/${campaignId}/${path('P')}?refresh=10`));
    await admin.page.locator('[data-wall="subjects"]').getByText(String(f.subjects)).waitFor();
    expect(await admin.page.locator('[data-wall="reviews"]').innerText()).toBe(String(f.reviews.total));
    expect(await admin.page.locator('button, input, select, [role="combobox"], a').count()).toBe(0);
    await admin.page.getByRole('img', { name: '各节点已达到的承诺数' }).locator('svg').waitFor();
    // It reloads by itself (here every 10 s) and shows the same figures again.
    await admin.page.locator('main[data-loads="2"]').waitFor({ timeout: 40_000 });
    await admin.page.getByText(/每 10 秒自动刷新（刷新于 \d{2}:\d{2}:\d{2}）/).waitFor();
    expect(await admin.page.locator('[data-wall="subjects"]').innerText()).toBe(String(f.subjects));
    await expectCleanPage(admin, { data: data() });
    await shot(admin.page, 'dashboard-wall');
  }, 120_000);

  it('a county admin’s dashboard shows nothing of another county', async () => {
    const other = await openPage(b.browser, { token: await tokenFor(['county_admin'], path('C2')) });
    await other.page.goto(webUrl('/dashboard'));
    await other.page
      .locator('tr')
      .filter({ hasText: '2026年度承诺践诺' })
      .getByRole('button', { name: '查看总览' })
      .click();
    await other.page.waitForURL(`**/dashboard/${campaignId}/${path('C2')}`);
    await other.page.locator('[data-figure="subjects"][data-value="0"]').waitFor();
    await other.page.getByLabel('组织层级').getByText('评议测试C2', { exact: true }).waitFor();
    const seen = await other.page.locator('body').innerText();
    expect(seen).not.toMatch(OTHER_COUNTY);
    await expectCleanPage(other, { data: data() });
    // County C's pages by address: the server's refusal, and no figure.
    for (const view of ['', '/compare', '/list?stage=closed', '/overdue']) {
      await other.page.goto(webUrl(`/dashboard/${campaignId}/${path('C')}${view}`));
      await other.page.getByText('该对象不在您有权管理的组织范围内').first().waitFor();
      expect(await other.page.locator('[data-figure], [data-commitment], [data-rectification]').count()).toBe(
        0,
      );
      expect(await other.page.locator('body').innerText()).not.toMatch(OTHER_COUNTY);
    }
    await other.page.goto(webUrl(`/wall/${campaignId}/${path('C')}`));
    await other.page.getByText('该对象不在您有权管理的组织范围内').first().waitFor();
    expect(await other.page.locator('[data-wall]').count()).toBe(0);
    await expectCleanPage(other, { data: data() });
  }, 120_000);
});
