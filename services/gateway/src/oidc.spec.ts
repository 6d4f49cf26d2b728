import { loadConfig } from '@pingyi/config';
import { OidcError, OidcExchange, oidcSettings } from './oidc';

const env = {
  NODE_ENV: 'test',
  JWKS_URL: 'https://idp.example/jwks',
  JWT_ISSUER: 'https://idp.example',
};
const oidc = {
  OIDC_AUTHORIZE_URL: 'https://idp.example/authorize',
  OIDC_TOKEN_URL: 'https://idp.example/token',
  OIDC_CLIENT_ID: 'pingyi',
};

describe('OIDC code exchange (gateway)', () => {
  it('is configured only with JWKS_URL, both endpoints and the client', () => {
    const config = loadConfig(env);
    expect(oidcSettings(config, oidc)).toEqual({
      authorizeUrl: oidc.OIDC_AUTHORIZE_URL,
      tokenUrl: oidc.OIDC_TOKEN_URL,
      clientId: 'pingyi',
      clientSecret: undefined,
      scope: 'openid profile',
    });
    expect(oidcSettings(loadConfig({ NODE_ENV: 'test' }), oidc)).toBeNull();
    expect(oidcSettings(config, { ...oidc, OIDC_CLIENT_ID: '' })).toBeNull();
  });

  it('refuses a malformed exchange before asking the provider, naming each field', async () => {
    const config = loadConfig(env);
    const exchange = new OidcExchange(config, oidcSettings(config, oidc)!);
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    const refusal = exchange.exchange({
      code: '',
      codeVerifier: 'short',
      nonce: 'x',
      redirectUri: 'javascript:1',
    });
    await expect(refusal).rejects.toBeInstanceOf(OidcError);
    await expect(refusal).rejects.toMatchObject({
      status: 400,
      message: '授权码无效；校验码（code_verifier）无效；随机数（nonce）无效；回调地址无效',
    });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(exchange.refused(await refusal.catch((e: unknown) => e))).toEqual({
      status: 400,
      body: {
        code: 'BAD_INPUT',
        message: '授权码无效；校验码（code_verifier）无效；随机数（nonce）无效；回调地址无效',
      },
    });
    fetchSpy.mockRestore();
  });
});
