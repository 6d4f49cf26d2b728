import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { verifyForwardedIdentity } from '@pingyi/auth';
import { ErrorCode, IDENTITY_HEADER, isWithinScope, type Identity, type Role } from '@pingyi/contracts';
import { DomainError, unauthenticated } from './errors';

export interface SubgraphContext {
  identity: Identity;
}

interface HasHeaders {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * GraphQL context of a subgraph: the caller's identity as signed by the gateway. A request that does
 * not carry a valid one is refused before any resolver runs.
 */
export function subgraphContextFactory(internalSecret: string) {
  return async ({ req }: { req: HasHeaders }): Promise<SubgraphContext> => {
    const raw = req.headers[IDENTITY_HEADER];
    const token = Array.isArray(raw) ? raw[0] : raw;
    if (!token) throw unauthenticated('缺少网关签发的身份：请通过网关调用');
    try {
      return { identity: await verifyForwardedIdentity(token, internalSecret) };
    } catch {
      throw unauthenticated('网关签发的身份无效（签名、受众或有效期不符）');
    }
  };
}

export const CurrentIdentity = createParamDecorator((_: unknown, ctx: ExecutionContext): Identity => {
  const gql = GqlExecutionContext.create(ctx).getContext<SubgraphContext>();
  return gql.identity;
});

export function requireRole(identity: Identity, ...roles: Role[]): void {
  if (!identity.roles.some((r) => roles.includes(r))) throw new DomainError(ErrorCode.FORBIDDEN);
}

export function requireScope(identity: Identity, orgPath: string): void {
  if (!isWithinScope(identity.orgPath, orgPath)) throw new DomainError(ErrorCode.OUT_OF_SCOPE);
}
