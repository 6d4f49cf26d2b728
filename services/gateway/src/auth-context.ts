import { GraphQLError } from 'graphql';
import { AuthError, createAccessTokenVerifier } from '@pingyi/auth';
import type { AppConfig } from '@pingyi/config';
import { ErrorCode, ErrorMessage, PUBLIC_CHANNEL_HEADER, PUBLIC_IDENTITY } from '@pingyi/contracts';
import type { GatewayContext } from './identity-forwarding';

interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
}

function refuse(reason: string): GraphQLError {
  return new GraphQLError(ErrorMessage.UNAUTHENTICATED, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, reason, http: { status: 401 } },
  });
}

/** Every request needs a valid bearer token; the verified identity goes into the context. */
export function gatewayContextFactory(config: AppConfig) {
  const verify = createAccessTokenVerifier({
    issuer: config.JWT_ISSUER,
    secret: config.JWKS_URL ? undefined : config.JWT_SECRET,
    jwksUrl: config.JWKS_URL,
  });
  return async ({ req }: { req: RequestLike }): Promise<GatewayContext> => {
    const header = req.headers['authorization'];
    const value = Array.isArray(header) ? header[0] : header;
    const match = value?.match(/^Bearer\s+(.+)$/i);
    // The anonymous channel: no token, asked for explicitly. Nothing about the request (address, agent) is kept.
    if (!value && req.headers[PUBLIC_CHANNEL_HEADER] === 'public')
      return { identity: { ...PUBLIC_IDENTITY, roles: [...PUBLIC_IDENTITY.roles] } };
    if (!match?.[1]) throw refuse('missing bearer token (Authorization: Bearer <token>)');
    try {
      return { identity: await verify(match[1]) };
    } catch (e) {
      throw refuse(e instanceof AuthError ? e.message : 'token verification failed');
    }
  };
}
