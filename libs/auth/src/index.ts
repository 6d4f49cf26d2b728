import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { GATEWAY_SYSTEM_PERSON, Identity, SUBGRAPH_AUDIENCE, type Role } from '@pingyi/contracts';

export class AuthError extends Error {}

const enc = new TextEncoder();

export interface AccessTokenVerifierOptions {
  issuer: string;
  /** Development: a shared HS256 secret. */
  secret?: string;
  /** Production: the identity provider's JWKS URL. */
  jwksUrl?: string;
}

/** Verifies a caller's bearer token and returns who they are. */
export function createAccessTokenVerifier(
  o: AccessTokenVerifierOptions,
): (token: string) => Promise<Identity> {
  const jwks: JWTVerifyGetKey | undefined = o.jwksUrl ? createRemoteJWKSet(new URL(o.jwksUrl)) : undefined;
  const secret = o.secret ? enc.encode(o.secret) : undefined;
  if (!jwks && !secret) throw new AuthError('no JWT secret or JWKS URL configured');
  return async (token) => {
    let payload: JWTPayload;
    try {
      payload = jwks
        ? (await jwtVerify(token, jwks, { issuer: o.issuer })).payload
        : (await jwtVerify(token, secret!, { issuer: o.issuer, algorithms: ['HS256'] })).payload;
    } catch (e) {
      throw new AuthError(`invalid token: ${(e as Error).message}`);
    }
    return identityFromClaims(payload);
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
