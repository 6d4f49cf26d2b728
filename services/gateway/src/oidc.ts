import { Logger } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AppConfig } from '@pingyi/config';
import { createBearerVerifier } from './auth-context';

/**
 * Production sign-in with the identity provider: the authorization-code flow with PKCE (S256). The browser sends the
 * person to the provider with a `state`, a `nonce` and the code challenge; back at the redirect URI it checks the
 * state and hands the code, its verifier and the nonce here. The gateway redeems the code at the provider's token
 * endpoint (as the registered client: public, or with `OIDC_CLIENT_SECRET` when the provider issued one), checks the
 * ID token (signature by `JWKS_URL`, issuer `JWT_ISSUER`, audience the client, the nonce) and the access token the way
 * every request is checked, and gives the browser the access token.
 */
export interface OidcSettings {
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string | undefined;
  scope: string;
}

/** What the sign-in page needs to start the flow (nothing secret). */
export type OidcPublic = Pick<OidcSettings, 'authorizeUrl' | 'clientId' | 'scope'>;

export function oidcSettings(config: AppConfig, env: NodeJS.ProcessEnv): OidcSettings | null {
  const authorizeUrl = env['OIDC_AUTHORIZE_URL'];
  const tokenUrl = env['OIDC_TOKEN_URL'];
  const clientId = env['OIDC_CLIENT_ID'];
  if (!config.JWKS_URL || !authorizeUrl || !tokenUrl || !clientId) return null;
  return {
    authorizeUrl,
    tokenUrl,
    clientId,
    clientSecret: env['OIDC_CLIENT_SECRET'] || undefined,
    scope: env['OIDC_SCOPE'] || 'openid profile',
  };
}

/** A refused exchange: `status` and `message` (Chinese) go to the browser, `reason` to the log. */
export class OidcError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason: string = message,
  ) {
    super(message);
  }
}

export interface CodeExchange {
  code?: unknown;
  codeVerifier?: unknown;
  nonce?: unknown;
  redirectUri?: unknown;
}

/** RFC 7636: 43–128 characters of [A-Z a-z 0-9 - . _ ~]. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
const NONCE = /^[A-Za-z0-9._~-]{16,128}$/;

const str = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max;

export class OidcExchange {
  private readonly log = new Logger('OidcExchange');
  private readonly jwks: JWTVerifyGetKey;
  private readonly verifyAccessToken: ReturnType<typeof createBearerVerifier>;

  constructor(
    private readonly config: AppConfig,
    private readonly settings: OidcSettings,
  ) {
    this.jwks = createRemoteJWKSet(new URL(config.JWKS_URL!));
    this.verifyAccessToken = createBearerVerifier(config);
  }

  /** Redeems the code; resolves with the access token the gateway accepts, or throws an OidcError. */
  async exchange(body: CodeExchange): Promise<string> {
    const { code, codeVerifier, nonce, redirectUri } = body ?? {};
    const problems = [
      str(code, 2048) ? null : '授权码无效',
      typeof codeVerifier === 'string' && VERIFIER.test(codeVerifier) ? null : '校验码（code_verifier）无效',
      typeof nonce === 'string' && NONCE.test(nonce) ? null : '随机数（nonce）无效',
      str(redirectUri, 2048) && /^https?:\/\//.test(redirectUri) ? null : '回调地址无效',
    ].filter((p): p is string => p !== null);
    if (problems.length > 0) throw new OidcError(400, problems.join('；'));
    const tokens = await this.redeem(code as string, codeVerifier as string, redirectUri as string);
    await this.checkIdToken(tokens.id_token, nonce as string);
    const accessToken = tokens.access_token;
    if (typeof accessToken !== 'string')
      throw new OidcError(502, '统一身份认证未返回访问令牌', 'token response without access_token');
    try {
      await this.verifyAccessToken({ headers: { authorization: `Bearer ${accessToken}` } });
    } catch (e) {
      const why = (e as { extensions?: { reason?: string } }).extensions?.reason ?? String(e);
      throw new OidcError(401, `统一身份认证的访问令牌未通过校验：${(e as Error).message}`, why);
    }
    return accessToken;
  }

  private async redeem(
    code: string,
    verifier: string,
    redirectUri: string,
  ): Promise<Record<string, unknown>> {
    const { clientId, clientSecret, tokenUrl } = this.settings;
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (clientSecret)
      headers['authorization'] =
        `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
    let res: Response;
    try {
      res = await fetch(tokenUrl, {
        method: 'POST',
        headers,
        body: form,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (e) {
      throw new OidcError(502, '无法连接统一身份认证服务，请稍后重试', `token endpoint: ${String(e)}`);
    }
    const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok)
      throw new OidcError(
        401,
        '授权码无效或已过期，请重新登录',
        `token endpoint HTTP ${res.status}: ${JSON.stringify(answer).slice(0, 300)}`,
      );
    return answer;
  }

  private async checkIdToken(idToken: unknown, nonce: string): Promise<void> {
    if (typeof idToken !== 'string')
      throw new OidcError(502, '统一身份认证未返回身份令牌', 'token response without id_token');
    let claims: Record<string, unknown>;
    try {
      claims = (
        await jwtVerify(idToken, this.jwks, {
          issuer: this.config.JWT_ISSUER,
          audience: this.settings.clientId,
        })
      ).payload;
    } catch (e) {
      throw new OidcError(401, '身份令牌校验未通过，请重新登录', `id_token: ${(e as Error).message}`);
    }
    if (claims['nonce'] !== nonce)
      throw new OidcError(401, '身份令牌与本次登录不符，请重新登录', 'id_token nonce does not match');
  }

  /** Logs a refusal (one WARN line, the provider's words included) and returns what the browser reads. */
  refused(e: unknown): { status: number; body: { code: string; message: string } } {
    if (e instanceof OidcError) {
      this.log.warn(`OIDC sign-in refused: ${e.reason}`);
      return {
        status: e.status,
        body: { code: e.status === 400 ? 'BAD_INPUT' : 'UNAUTHENTICATED', message: e.message },
      };
    }
    this.log.error(`OIDC sign-in failed: ${String(e)}`);
    return { status: 502, body: { code: 'UNAVAILABLE', message: '统一身份认证暂时不可用，请稍后重试' } };
  }
}
