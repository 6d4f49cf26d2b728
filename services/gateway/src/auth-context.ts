import { GraphQLError } from 'graphql';
import { AuthError, createAccessTokenVerifier } from '@pingyi/auth';
import type { AppConfig } from '@pingyi/config';
import {
  ErrorCode,
  ErrorMessage,
  PUBLIC_CHANNEL_HEADER,
  PUBLIC_IDENTITY,
  type Identity,
} from '@pingyi/contracts';
import type { GatewayContext } from './identity-forwarding';
import { ClientKeys, clientAddress, RateLimiter } from './public-channel';

export interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string };
}

function refuse(reason: string, message: string = ErrorMessage.UNAUTHENTICATED): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, reason, http: { status: 401 } },
  });
}

const rateLimited = (perMinute: number) =>
  new GraphQLError(`${ErrorMessage.RATE_LIMITED}（匿名渠道每分钟最多 ${perMinute} 次）`, {
    extensions: {
      code: ErrorCode.RATE_LIMITED,
      http: { status: 429, headers: new Map([['retry-after', '60']]) },
    },
  });

/**
 * Every request needs a valid bearer token; the verified identity goes into the context. The anonymous channel gets
 * a per-client key (a daily-keyed hash of the address, see ClientKeys) and a per-client rate limit.
 */
export function gatewayContextFactory(
  config: AppConfig,
  publicChannel = {
    keys: new ClientKeys(),
    limiter: new RateLimiter(config.PUBLIC_RATE_LIMIT_PER_MINUTE),
  },
) {
  const verifyBearer = createBearerVerifier(config);
  return async ({ req }: { req: RequestLike }): Promise<GatewayContext> => {
    const header = req.headers['authorization'];
    const value = Array.isArray(header) ? header[0] : header;
    // The anonymous channel: no token, asked for explicitly. Nothing about the request (address, agent) is kept.
    if (!value && req.headers[PUBLIC_CHANNEL_HEADER] === 'public') {
      const address = clientAddress(
        req.socket?.remoteAddress,
        req.headers['x-forwarded-for'],
        config.TRUSTED_PROXY,
      );
      const clientKey = publicChannel.keys.keyOf(address);
      if (!publicChannel.limiter.allow(clientKey)) throw rateLimited(config.PUBLIC_RATE_LIMIT_PER_MINUTE);
      return { identity: { ...PUBLIC_IDENTITY, roles: [...PUBLIC_IDENTITY.roles], clientKey } };
    }
    return { identity: await verifyBearer(req) };
  };
}

/**
 * The caller's identity from `Authorization: Bearer <JWT>`, verified (HS256 secret or the provider's JWKS, issuer, age)
 * — the one check of GraphQL requests and of evidence files alike. Refuses with an UNAUTHENTICATED GraphQLError.
 */
export function createBearerVerifier(config: AppConfig): (req: RequestLike) => Promise<Identity> {
  const verify = createAccessTokenVerifier({
    issuer: config.JWT_ISSUER,
    secret: config.JWKS_URL ? undefined : config.JWT_SECRET,
    jwksUrl: config.JWKS_URL,
    maxAgeSeconds: config.TOKEN_MAX_AGE_SECONDS,
  });
  return async (req) => {
    const header = req.headers['authorization'];
    const match = (Array.isArray(header) ? header[0] : header)?.match(/^Bearer\s+(.+)$/i);
    if (!match?.[1]) throw refuse('missing bearer token (Authorization: Bearer <token>)');
    try {
      return await verify(match[1]);
    } catch (e) {
      throw e instanceof AuthError ? refuse(e.message, e.userMessage) : refuse('token verification failed');
    }
  };
}
