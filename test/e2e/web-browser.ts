import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureChromium, REPO_ROOT } from '@pingyi/local-stack';
import { graphqlUrl } from './helpers';

/** Screenshots of the browser tests, kept as artefacts (git-ignored). */
export const ARTIFACTS = join(REPO_ROOT, 'test', 'artifacts', 'web');

/** The gateway's address, where the web app is served. */
export const webUrl = (path = '/'): string => new URL(path, graphqlUrl()).toString();

/** Latin words allowed on a page: proper names and formats the server's Chinese messages quote. */
const ALLOWED_LATIN = new Set([
  'OIDC',
  'JWKS_URL',
  'OIDC_AUTHORIZE_URL',
  'OIDC_CLIENT_ID',
  'OIDC_TOKEN_URL',
  'JWT_ISSUER',
  'YYYY-MM-DD',
  'HTTP',
  'PDF',
  'CSV',
  'XLSX',
  'ZIP',
  'Excel',
  'KB',
  'MB',
]);

/** Debian's Chromium (installed by the project's install step), driven by playwright-core. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    // The tests run as root here: Chromium's sandbox needs an unprivileged user.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=zh-CN'],
  });
}

export interface WebPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
}

export async function openPage(
  browser: Browser,
  o: { phone?: boolean; token?: string } = {},
): Promise<WebPage> {
  const context = await browser.newContext({
    viewport: o.phone ? { width: 375, height: 812 } : { width: 1280, height: 860 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  if (o.token)
    await context.addInitScript(`sessionStorage.setItem('pingyi.session', ${JSON.stringify(o.token)})`);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, context, errors };
}

/** Saves a full-page screenshot under test/artifacts/web/. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Latin words in the page's visible text outside the allowed names (data words passed in `data`). */
export async function englishWords(page: Page, data: string[] = []): Promise<string[]> {
  // A select list still closing carries its options' values for screen readers (its labels are read from
  // aria-label): read the page once it has closed, as a person sees it.
  await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
  const text = await page.locator('body').innerText();
  return (text.match(/[A-Za-z][A-Za-z0-9_-]*[A-Za-z]/g) ?? []).filter(
    (w) => !ALLOWED_LATIN.has(w) && !data.some((d) => d.includes(w)),
  );
}

/** The page renders in Chinese without console errors, and (on a phone) without scrolling sideways. */
export async function expectCleanPage(
  w: WebPage,
  o: { data?: string[]; phone?: boolean } = {},
): Promise<void> {
  expect(w.errors).toEqual([]);
  expect(await englishWords(w.page, o.data)).toEqual([]);
  if (o.phone)
    expect(await w.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
}

/** Picks an option of an Ant Design select found by its label; `search` is typed first when given. */
export async function choose(
  page: Page,
  label: string,
  title: string | RegExp,
  search?: string,
): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  if (search) await input.fill(search);
  // This select's own list: another list still closing from the last choice is never picked.
  const listId = await input.getAttribute('aria-controls');
  if (!listId) throw new Error(`${label}: the select names no list`);
  const list = page.locator(`.ant-select-dropdown:has([id="${listId}"])`);
  const options = list.locator('.ant-select-item-option');
  const target =
    typeof title === 'string'
      ? options.and(page.locator(`[title="${title}"]`))
      : options.filter({ hasText: title });
  // A click landing while the list still slides open can be lost; the list closes once the choice is taken.
  for (let attempt = 1; ; attempt++) {
    await target.first().click();
    const closed = await list.waitFor({ state: 'hidden', timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (closed) return;
    if (attempt === 3) throw new Error(`${label}：选择 ${String(title)} 后列表仍未关闭`);
  }
}
