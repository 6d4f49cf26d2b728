import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import {
  ErrorMessage,
  GATEWAY_SYSTEM_PERSON,
  Identity,
  SUBGRAPH_AUDIENCE,
  type Role,
} from '@pingyi/contracts';

/** A refused token: `message` is the reason for logs (English), `userMessage` what the caller reads (zh-CN). */
export class AuthError extends Error {
  constructor(
    message: string,
    readonly userMessage: string = ErrorMessage.UNAUTHENTICATED,
  ) {
    super(message);
  }
}

/** How far ahead of the gateway's clock a token's `iat` may be. */
export const TOKEN_CLOCK_SKEW_SECONDS = 60;
/** Default longest life of an access token (`now - iat` and `exp - iat`). */
export const DEFAULT_TOKEN_MAX_AGE_SECONDS = 86_400;

const duration = (seconds: number): string =>
  seconds % 3600 === 0 ? `${seconds / 3600} 小时` : `${Math.ceil(seconds / 60)} 分钟`;

/**
 * Time claims every access token must carry: `exp`, and `iat` neither in the future (beyond the clock skew) nor older
 * than the maximum age; a token issued for longer than the maximum age is refused outright.
 */
export function checkTokenTimes(p: JWTPayload, maxAgeSeconds: number, nowSeconds: number): void {
  if (typeof p.exp !== 'number')
    throw new AuthError('token has no exp claim', '登录凭证缺少有效期（exp），请重新登录');
  if (typeof p.iat !== 'number')
    throw new AuthError('token has no iat claim', '登录凭证缺少签发时间（iat），请重新登录');
  if (p.iat > nowSeconds + TOKEN_CLOCK_SKEW_SECONDS)
    throw new AuthError(
      'token iat is in the future',
      '登录凭证的签发时间晚于当前时间，请校准设备时间后重新登录',
    );
  if (p.exp - p.iat > maxAgeSeconds)
    throw new AuthError(
      `token lifetime exceeds ${maxAgeSeconds} s`,
      `登录凭证的有效期超过允许的最长时长（${duration(maxAgeSeconds)}），请重新登录`,
    );
  if (nowSeconds - p.iat > maxAgeSeconds)
    throw new AuthError(
      `token older than ${maxAgeSeconds} s`,
      `登录凭证签发已超过 ${duration(maxAgeSeconds)}，请重新登录`,
    );
}

const enc = new TextEncoder();

export interface AccessTokenVerifierOptions {
  issuer: string;
  /** Development: a shared HS256 secret. */
  secret?: string;
  /** Production: the identity provider's JWKS URL. */
  jwksUrl?: string;
  /** Longest life of a token, seconds (default 24 h). */
  maxAgeSeconds?: number;
  /** Clock, ms (tests). */
  now?: () => number;
}

/** Verifies a caller's bearer token and returns who they are. */
export function createAccessTokenVerifier(
  o: AccessTokenVerifierOptions,
): (token: string) => Promise<Identity> {
  const jwks: JWTVerifyGetKey | undefined = o.jwksUrl ? createRemoteJWKSet(new URL(o.jwksUrl)) : undefined;
  const secret = o.secret ? enc.encode(o.secret) : undefined;
  if (!jwks && !secret) throw new AuthError('no JWT secret or JWKS URL configured');
  const maxAge = o.maxAgeSeconds ?? DEFAULT_TOKEN_MAX_AGE_SECONDS;
  const now = o.now ?? Date.now;
  return async (token) => {
    let payload: JWTPayload;
    const currentDate = new Date(now());
    try {
      payload = jwks
        ? (await jwtVerify(token, jwks, { issuer: o.issuer, currentDate })).payload
        : (await jwtVerify(token, secret!, { issuer: o.issuer, algorithms: ['HS256'], currentDate })).payload;
    } catch (e) {
      throw new AuthError(
        `invalid token: ${(e as Error).message}`,
        e instanceof joseErrors.JWTExpired ? '登录凭证已过期，请重新登录' : ErrorMessage.UNAUTHENTICATED,
      );
    }
    const identity = identityFromClaims(payload);
    checkTokenTimes(payload, maxAge, Math.floor(currentDate.getTime() / 1000));
    return identity;
  };
}

function identityFromClaims(p: JWTPayload): Identity {
  const parsed = Identity.safeParse({
    personId: p.sub,
    name: typeof p['name'] === 'string' ? p['name'] : undefined,
    roles: p['roles'],
    orgPath: p['orgPath'],
    clientKey: typeof p['clientKey'] === 'string' ? p['clientKey'] : undefined,
  });
  if (!parsed.success)
    throw new AuthError(`token claims incomplete: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

export interface MintOptions {
  secret: string;
  issuer: string;
  personId: string;
  roles: Role[];
  orgPath: string;
  name?: string;
  expiresIn?: string;
}

/** Development tokens (npm run token). */
export async function mintAccessToken(o: MintOptions): Promise<string> {
  return new SignJWT({ roles: o.roles, orgPath: o.orgPath, ...(o.name ? { name: o.name } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(o.personId)
    .setIssuer(o.issuer)
    .setIssuedAt()
    .setExpirationTime(o.expiresIn ?? '12h')
    .sign(enc.encode(o.secret));
}

/** The gateway signs the verified identity for subgraphs; short-lived, audience-bound. */
export async function signForwardedIdentity(identity: Identity, internalSecret: string): Promise<string> {
  return new SignJWT({
    roles: identity.roles,
    orgPath: identity.orgPath,
    ...(identity.name ? { name: identity.name } : {}),
    ...(identity.clientKey ? { clientKey: identity.clientKey } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(identity.personId)
    .setIssuer('pingyi-gateway')
    .setAudience(SUBGRAPH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('2m')
    .sign(enc.encode(internalSecret));
}

export async function verifyForwardedIdentity(token: string, internalSecret: string): Promise<Identity> {
  try {
    const { payload } = await jwtVerify(token, enc.encode(internalSecret), {
      issuer: 'pingyi-gateway',
      audience: SUBGRAPH_AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
    });
    return identityFromClaims(payload);
  } catch (e) {
    if (e instanceof AuthError) throw e;
    throw new AuthError(`invalid forwarded identity: ${(e as Error).message}`);
  }
}

/** The identity the gateway uses for composing the supergraph (only `_service` may be asked with it). */
export const gatewaySystemIdentity: Identity = {
  personId: GATEWAY_SYSTEM_PERSON,
  roles: ['member'],
  orgPath: 'system',
};
