import { mintAccessToken } from '@pingyi/auth';
import type { Role } from '@pingyi/contracts';

export const graphqlUrl = (): string => process.env['PINGYI_E2E_GRAPHQL']!;

export async function tokenFor(
  roles: Role[],
  orgPath: string,
  personId = `e2e-${roles[0]}-${orgPath}`,
): Promise<string> {
  return mintAccessToken({
    secret: process.env['JWT_SECRET'] ?? 'pingyi-dev-jwt-secret-change-me-in-production',
    issuer: 'pingyi',
    personId,
    roles,
    orgPath,
  });
}

export interface GqlResult<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

export async function gql<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  o: { token?: string; url?: string; headers?: Record<string, string> } = {},
): Promise<GqlResult<T>> {
  const r = await fetch(o.url ?? graphqlUrl(), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      ...o.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await r.json()) as Omit<GqlResult<T>, 'status'>;
  return { status: r.status, ...body };
}
