import { NotFoundException } from '@nestjs/common';
import { createAccessTokenVerifier } from '@pingyi/auth';
import { loadConfig } from '@pingyi/config';
import { devSignInEnabled, SignInController, signInConfig } from './sign-in.controller';

const PROD = {
  NODE_ENV: 'production',
  JWKS_URL: 'https://idp.example/jwks',
  JWT_SECRET: 'a-real-secret-of-enough-length-for-production-use',
  INTERNAL_IDENTITY_SECRET: 'another-real-secret-of-enough-length-for-production',
  ID_NUMBER_PEPPER: 'a-real-pepper-of-enough-length-for-production-use-ok',
};

function reply() {
  const out: { status?: number; body?: any } = {};
  return {
    out,
    res: { status: (s: number) => ((out.status = s), { json: (b: unknown) => (out.body = b) }) },
  };
}

describe('web sign-in (gateway)', () => {
  it('offers development sign-in only when development mode is explicit and no identity provider is set', () => {
    expect(devSignInEnabled(loadConfig({ NODE_ENV: 'development' }))).toBe(true);
    expect(devSignInEnabled(loadConfig({ NODE_ENV: 'test' }))).toBe(true);
    expect(devSignInEnabled(loadConfig({ NODE_ENV: 'test', JWKS_URL: 'https://idp.example/jwks' }))).toBe(
      false,
    );
    const prod = loadConfig(PROD);
    expect(devSignInEnabled(prod)).toBe(false);
    expect(signInConfig(prod, {})).toEqual({ development: false, oidc: null, demoOrgRoot: null });
    const oidc = {
      OIDC_AUTHORIZE_URL: 'https://idp.example/authorize',
      OIDC_TOKEN_URL: 'https://idp.example/token',
      OIDC_CLIENT_ID: 'pingyi',
      OIDC_CLIENT_SECRET: 'never-shown-to-the-browser',
    };
    expect(signInConfig(prod, oidc).oidc).toEqual({
      authorizeUrl: 'https://idp.example/authorize',
      clientId: 'pingyi',
      scope: 'openid profile',
    });
    // The authorization-code flow needs the token endpoint too.
    expect(signInConfig(prod, { ...oidc, OIDC_TOKEN_URL: '' }).oidc).toBeNull();
  });

  it('mints a token the gateway accepts in development, refuses bad input, and is absent in production', async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    const dev = new SignInController(config);
    const ok = reply();
    await dev.devToken({ role: 'member', orgPath: 'xl.a_1', personId: 'm-1', name: '张三' }, ok.res);
    expect(ok.out.status).toBe(200);
    const verify = createAccessTokenVerifier({ issuer: config.JWT_ISSUER, secret: config.JWT_SECRET });
    await expect(verify(ok.out.body.token)).resolves.toMatchObject({
      personId: 'm-1',
      roles: ['member'],
      orgPath: 'xl.a_1',
    });
    const bad = reply();
    await dev.devToken({ role: 'public', orgPath: "xl'; drop", personId: '' }, bad.res);
    expect(bad.out).toEqual({
      status: 400,
      body: { code: 'BAD_INPUT', message: '角色无效；组织路径无效；人员编号无效' },
    });
    await expect(
      new SignInController(loadConfig(PROD)).devToken(
        { role: 'member', orgPath: 'xl', personId: 'm' },
        reply().res,
      ),
    ).rejects.toBeInstanceOf(NotFoundException);
  });
});
