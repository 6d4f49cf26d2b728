// A small OpenID provider (the npm package oidc-provider) for the browser test of the production sign-in, started by
// test/e2e/web-oidc.e2e-spec.ts as a child process (the package is an ES module).
//
// Environment: IDP_PORT, IDP_CLIENT_ID, IDP_REDIRECT_URI, IDP_ACCOUNTS (JSON: login → { name, roles, orgPath }).
// Its development sign-in form takes any password for a known login; the access tokens are JWTs (RS256, the
// provider's JWKS at /jwks) carrying the claims the gateway reads: sub, name, roles, orgPath, iat, exp.
import Provider from 'oidc-provider';

const port = Number(process.env.IDP_PORT);
const accounts = JSON.parse(process.env.IDP_ACCOUNTS ?? '{}');
const issuer = `http://127.0.0.1:${port}`;
const RESOURCE = 'urn:pingyi:gateway';

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.IDP_CLIENT_ID,
      token_endpoint_auth_method: 'none',
      redirect_uris: [process.env.IDP_REDIRECT_URI],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    },
  ],
  scopes: ['openid', 'profile', 'pingyi'],
  claims: { openid: ['sub'], profile: ['name'] },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'pingyi',
        audience: 'pingyi-gateway',
        accessTokenFormat: 'jwt',
        accessTokenTTL: 3600,
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  async findAccount(_ctx, sub) {
    const who = accounts[sub];
    return who && { accountId: sub, claims: async () => ({ sub, name: who.name }) };
  },
  async extraTokenClaims(_ctx, token) {
    const who = token.kind === 'AccessToken' ? accounts[token.accountId] : undefined;
    return who && { name: who.name, roles: who.roles, orgPath: who.orgPath };
  },
});
provider.proxy = false;

provider.listen(port, '127.0.0.1', () => console.log(`oidc-provider listening at ${issuer}`));
