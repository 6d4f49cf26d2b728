import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';
import type { Browser } from 'playwright-core';
import { mintAccessToken } from '@pingyi/auth';
import { REPO_ROOT } from '@pingyi/local-stack';
import { gql, tokenFor } from './helpers';
import { eventually, fastSettings, openOne, useWorld } from './lifecycle-fixtures';
import { choose, expectCleanPage, launchChromium, openPage, shot, webUrl } from './web-browser';

const SNAPSHOT = join(REPO_ROOT, 'services', 'web', 'schema', 'supergraph.graphql');

describe('web workbench: served at /, signs in (development), in Chinese', () => {
  const ctx = useWorld();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it("types its operations against the gateway's schema: the snapshot equals the federated schema served", async () => {
    const r = await gql(getIntrospectionQuery(), {}, { token: await tokenFor(['prefecture_admin'], 'xl') });
    const served = `${printSchema(lexicographicSortSchema(buildClientSchema(r.data as never)))}\n`;
    // After changing a subgraph's schema: UPDATE_WEB_SCHEMA=1 refreshes the snapshot; `npm run build` then fails on
    // every page whose operations no longer fit.
    if (process.env['UPDATE_WEB_SCHEMA'] === '1') writeFileSync(SNAPSHOT, served);
    expect(served).toBe(readFileSync(SNAPSHOT, 'utf8'));
  });

  it('serves the sign-in page at / with hardening headers, leaves /graphql to GraphQL', async () => {
    const html = await fetch(webUrl('/'), { headers: { accept: 'text/html' } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html.headers.get('x-frame-options')).toBe('DENY');
    expect(html.headers.get('x-powered-by')).toBeNull();
    const graphql = await fetch(webUrl('/graphql'), { headers: { accept: 'text/html' } });
    expect(await graphql.text()).not.toContain('<div id="root">');
    for (const phone of [false, true]) {
      const w = await openPage(browser, { phone });
      await w.page.goto(webUrl('/'));
      await w.page.getByText('评议平台 · 登录').waitFor();
      await w.page.getByText('开发模式').waitFor();
      await expectCleanPage(w, { phone });
      await shot(w.page, phone ? 'sign-in-phone' : 'sign-in');
      await w.context.close();
    }
  });

  it('signs a demo member in by person and role, onto the 工作台 with an overdue task in red (phone)', async () => {
    const M = ctx.w.person('M');
    // A drafting stage of one second: the task is overdue by the time the page shows it.
    await openOne(ctx.w, { kind: 'member', id: M.id }, fastSettings({ draftDays: 1 }));
    const w = await openPage(browser, { phone: true });
    await w.page.goto(webUrl('/'));
    await w.page.getByLabel('演示组织树（根组织路径）').fill(ctx.w.unit['P']!.path);
    await w.page.getByLabel('演示组织树（根组织路径）').press('Enter');
    await choose(w.page, '角色', '党员');
    await choose(w.page, '组织', /^评议测试B（/, '评议测试B');
    await choose(w.page, '人员', '党员M');
    await w.page.getByRole('button', { name: '登录' }).click();
    await w.page.getByRole('heading', { name: '工作台' }).waitFor();
    await w.page.getByText('党员M（党员）').waitFor();
    const late = w.page.locator('.ant-list-item', { hasText: '提交承诺 · 党员M' }).getByText('（已逾期）');
    await eventually('the overdue task', async () => {
      await w.page.reload();
      return late.isVisible();
    });
    expect(await late.evaluate((e) => (globalThis as any).getComputedStyle(e).color as string)).toBe(
      'rgb(207, 19, 34)',
    );
    // Times inside the server's message bodies are shown in Beijing time too.
    await w.page.getByText('请制定年度承诺').waitFor();
    expect(await w.page.locator('body').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    await w.page.getByText(/期限：\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}（北京时间）/).waitFor();
    expect(new URL(w.page.url()).pathname).toBe('/workbench');
    const session = await w.page.evaluate<string | null>(`sessionStorage.getItem('pingyi.session')`);
    expect(JSON.parse(atob(session!.split('.')[1]!))).toMatchObject({ sub: M.id, roles: ['member'] });
    await expectCleanPage(w, { phone: true });
    await shot(w.page, 'workbench-member-phone');
    await w.context.close();
  });

  it('takes a refused token back to the sign-in page, saying why', async () => {
    const forged = await mintAccessToken({
      secret: 'not-the-gateway-secret',
      issuer: 'pingyi',
      personId: ctx.w.person('M').id,
      roles: ['member'],
      orgPath: ctx.w.unit['B']!.path,
    });
    const w = await openPage(browser, { token: forged });
    await w.page.goto(webUrl('/workbench'));
    await w.page.getByText(/^请重新登录：/).waitFor();
    await w.page.getByText('开发模式').waitFor();
    expect(new URL(w.page.url()).pathname).toBe('/');
    // The refused request itself is the only console error (the browser logs the 401).
    w.errors.splice(0, w.errors.length, ...w.errors.filter((e) => !/status of 401/.test(e)));
    await expectCleanPage(w);
    await w.context.close();
  });
});
