import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { eventually, fastSettings, openOne, useWorld } from './lifecycle-fixtures';
import { healthyAt, restart } from './processes';
import { expectCleanPage, launchChromium, openPage, shot, type WebPage } from './web-browser';

/**
 * Production sign-in (issue 18): the authorization-code flow with PKCE against a real OpenID provider (the npm package
 * oidc-provider, started here on a free port), through a second gateway configured to trust it (JWKS_URL,
 * JWT_ISSUER, OIDC_*), in Chromium. The development sign-in is off on that gateway.
 */
const CLIENT_ID = 'pingyi-web';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** The provider's own development sign-in form (any password), then its consent page. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any-password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Console errors of the provider's own pages (its web fonts from outside, no favicon) are not the app's. */
function withoutProviderErrors(w: WebPage, appOrigin: string): () => void {
  const foreign: string[] = [];
  w.page.on('console', (m) => {
    if (m.type() === 'error' && !m.location().url.startsWith(appOrigin)) foreign.push(m.text());
  });
  return () => {
    for (const text of foreign.splice(0)) {
      const i = w.errors.indexOf(text);
      if (i >= 0) w.errors.splice(i, 1);
    }
  };
}

describe('web workbench: production sign-in with OIDC (authorization code + PKCE)', () => {
  const ctx = useWorld();
  let browser: Browser;
  let issuer: string;
  let gateway: string;
  const pids: number[] = [];
  const at = (path: string) => new URL(path, gateway).toString();

  beforeAll(async () => {
    const [idpPort, gatewayPort] = [await freePort(), await freePort()];
    issuer = `http://127.0.0.1:${idpPort}`;
    gateway = `http://127.0.0.1:${gatewayPort}/`;
    const M = ctx.w.person('M');
    const accounts = {
      [M.id]: { name: `党员${M.key}`, roles: ['member'], orgPath: ctx.w.unit['B']!.path },
    };
    const idpEnv = {
      ...process.env,
      IDP_PORT: String(idpPort),
      IDP_CLIENT_ID: CLIENT_ID,
      IDP_REDIRECT_URI: gateway,
      IDP_ACCOUNTS: JSON.stringify(accounts),
    };
    const idpLog = async (log: string) => readFileSync(log, 'utf8').includes(`listening at ${issuer}`);
    pids.push(await restart('oidc-idp', join(__dirname, 'oidc-idp.mjs'), idpLog, 30_000, idpEnv));
    pids.push(
      await restart('gateway-oidc', 'services/gateway/dist/main.js', healthyAt(gateway), 90_000, {
        ...process.env,
        GATEWAY_PORT: String(gatewayPort),
        JWKS_URL: `${issuer}/jwks`,
        JWT_ISSUER: issuer,
        OIDC_AUTHORIZE_URL: `${issuer}/auth`,
        OIDC_TOKEN_URL: `${issuer}/token`,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_SCOPE: 'openid profile pingyi',
      }),
    );
    browser = await launchChromium();
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    for (const pid of pids) process.kill(pid, 'SIGTERM');
  });

  it('signs a member in through the identity provider onto the 工作台, with state, nonce and an S256 challenge', async () => {
    const M = ctx.w.person('M');
    await openOne(ctx.w, { kind: 'member', id: M.id }, fastSettings({}));
    const w = await openPage(browser, { phone: true });
    const dropProviderErrors = withoutProviderErrors(w, new URL(gateway).origin);
    await w.page.goto(at('/'));
    const button = w.page.getByRole('button', { name: '通过统一身份认证登录' });
    await button.waitFor();
    expect(await w.page.getByText('开发模式').count()).toBe(0);
    await expectCleanPage(w, { phone: true });
    await shot(w.page, 'sign-in-oidc-phone');

    const authorize = w.page.waitForRequest((r) => r.url().startsWith(`${issuer}/auth?`));
    await button.click();
    const asked = new URL((await authorize).url()).searchParams;
    expect(Object.fromEntries(asked)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: gateway,
      scope: 'openid profile pingyi',
      code_challenge_method: 'S256',
    });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(asked.get(p)).toMatch(/^[\w-]{32,}$/);
    expect(asked.has('code_verifier')).toBe(false);

    await signInAtProvider(w.page, M.id);
    await w.page.getByRole('heading', { name: '工作台' }).waitFor();
    await w.page.getByText(`党员${M.key}（党员）`).waitFor();
    // The provider's token reads this member's data through the gateway: the task of the commitment opened above.
    await w.page.getByText(`提交承诺 · 党员${M.key}`).first().waitFor();
    expect(new URL(w.page.url()).pathname).toBe('/workbench');
    expect(new URL(w.page.url()).search).toBe('');
    const session = await w.page.evaluate<string | null>(`sessionStorage.getItem('pingyi.session')`);
    expect(JSON.parse(atob(session!.split('.')[1]!))).toMatchObject({
      iss: issuer,
      sub: M.id,
      roles: ['member'],
    });
    dropProviderErrors();
    await expectCleanPage(w, { phone: true });
    await shot(w.page, 'workbench-oidc-phone');
    await w.context.close();
  });

  it('refuses a code redeemed with the wrong verifier, with another nonce, twice, and an answer with a forged state', async () => {
    const M = ctx.w.person('M');
    const w = await openPage(browser);
    const dropProviderErrors = withoutProviderErrors(w, new URL(gateway).origin);
    await w.page.goto(at('/'));
    // Take what the page sends to redeem its code, as an attacker who got hold of the code would, and stop it there.
    let sent: { code: string; codeVerifier: string; nonce: string; redirectUri: string } | null = null;
    await w.page.route('**/auth/oidc/token', async (route) => {
      sent = route.request().postDataJSON() as typeof sent;
      await route.abort();
    });
    await w.page.getByRole('button', { name: '通过统一身份认证登录' }).click();
    await signInAtProvider(w.page, M.id);
    const mine = await eventually('the code sent to the gateway', async () => sent);
    await w.page.getByText('无法完成登录，请稍后重试').waitFor();
    const redeem = async (o: { codeVerifier?: string; nonce?: string }) => {
      const r = await fetch(at('/auth/oidc/token'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...mine, ...o }),
      });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    };
    expect(await redeem({ codeVerifier: 'w'.repeat(43) })).toEqual({
      status: 401,
      body: { code: 'UNAUTHENTICATED', message: '授权码无效或已过期，请重新登录' },
    });
    expect(await redeem({ codeVerifier: 'short' })).toEqual({
      status: 400,
      body: { code: 'BAD_INPUT', message: '校验码（code_verifier）无效' },
    });
    // The right verifier with another nonce: the provider answers, the gateway refuses its ID token.
    expect(await redeem({ nonce: 'another-nonce-of-this-length' })).toEqual({
      status: 401,
      body: { code: 'UNAUTHENTICATED', message: '身份令牌与本次登录不符，请重新登录' },
    });
    // That redeemed the code: it is never taken twice.
    expect((await redeem({})).status).toBe(401);
    const code = mine.code;

    // An answer this tab did not ask for (a forged state) signs nobody in.
    await w.page.goto(at(`/?code=${encodeURIComponent(code)}&state=forged-state`));
    await w.page.getByText('登录请求已失效或不是本页发起的，请重新登录').waitFor();
    expect(await w.page.evaluate<string | null>(`sessionStorage.getItem('pingyi.session')`)).toBeNull();
    expect(new URL(w.page.url()).search).toBe('');
    // The redemption stopped above is the one request that failed (the browser logs it).
    dropProviderErrors();
    w.errors.splice(0, w.errors.length, ...w.errors.filter((e) => !/net::ERR_FAILED/.test(e)));
    await expectCleanPage(w);

    const dev = await fetch(at('/auth/dev-token'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'prefecture_admin', orgPath: 'xl', personId: 'x' }),
    });
    expect(dev.status).toBe(404);
    await w.context.close();
  });
});
