import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { loadConfig } from '@pingyi/config';
import { formatGatewayError } from './error-format';
import { GRAPHQL_LIMITS, hardeningOptions } from './hardening';
import type { GatewayContext } from './identity-forwarding';

const typeDefs = `type Unit { id: ID! name: String! parent: Unit }
type Query { unit(id: ID!): Unit }
type Mutation { touch: Boolean }`;
const unit = { id: 'u1', name: '一支部', parent: null as unknown };
unit.parent = unit;
const resolvers = { Query: { unit: () => unit }, Mutation: { touch: () => true } };

describe('gateway hardening (Apollo options)', () => {
  let server: ApolloServer<GatewayContext>;
  let url: string;

  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    server = new ApolloServer<GatewayContext>({
      typeDefs,
      resolvers,
      ...hardeningOptions(config),
      formatError: (f) => formatGatewayError(f, () => undefined),
    });
    ({ url } = await startStandaloneServer(server, {
      listen: { port: 0, host: '127.0.0.1' },
      context: async ({ req }) => ({
        identity:
          req.headers['x-role'] === 'public'
            ? { personId: 'anonymous', roles: ['public'], orgPath: '_public' }
            : { personId: 'p', roles: ['prefecture_admin'], orgPath: 'bt' },
      }),
    }));
  });
  afterAll(() => server.stop());

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: r.status,
      body: (await r.json()) as {
        data?: unknown;
        errors?: { message: string; extensions?: Record<string, unknown> }[];
      },
    };
  };

  it('answers an ordinary query', async () => {
    const r = await post({ query: '{ unit(id: "u1") { id name parent { id } } }' });
    expect(r.body).toEqual({ data: { unit: { id: 'u1', name: '一支部', parent: { id: 'u1' } } } });
  });

  it.each([
    [
      '__typename aliases',
      `{ ${Array.from({ length: 101 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
      'maxAliases',
    ],
    [
      'aliases',
      `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: unit(id: "u1") { id }`).join(' ')} }`,
      'maxAliases',
    ],
    ['depth', `{ unit(id: "u1") { ${'parent { '.repeat(9)} id ${'} '.repeat(9)} } }`, 'maxDepth'],
    ['directives', `{ unit(id: "u1") { ${'id @include(if: true) '.repeat(6)} } }`, 'maxDirectives'],
    ['tokens', `{ ${'__typename '.repeat(GRAPHQL_LIMITS.maxTokens)} }`, 'maxTokens'],
  ])('refuses too many %s with a coded Chinese error', async (_, query, limit) => {
    const r = await post({ query });
    expect(r.status).toBe(400);
    expect(r.body.data).toBeUndefined();
    const e = r.body.errors!.find((x) => x.extensions?.['limit'] === limit);
    expect(e!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(e!.extensions?.['code']).toMatch(/^GRAPHQL_(VALIDATION|PARSE)_FAILED$/);
    expect(r.body.errors!.length).toBeLessThanOrEqual(GRAPHQL_LIMITS.maxValidationErrors + 1);
  });

  it('hides field suggestions and keeps no stack', async () => {
    const r = await post({ query: '{ unit(id: "u1") { nam } }' });
    expect(JSON.stringify(r.body)).not.toMatch(/Did you mean|stacktrace|exception/);
    expect(r.body.errors?.[0]).toMatchObject({
      message: '查询语句不符合接口定义：Unit 没有字段“nam”',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('refuses introspection to the anonymous channel, allows it to a signed-in caller in test', async () => {
    const q = { query: '{ __schema { queryType { name } } }' };
    expect((await post(q, { 'x-role': 'public' })).body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await post(q)).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('refuses batches, GET without a CSRF-safe header, text/plain posts and GET mutations', async () => {
    expect((await post([{ query: '{ __typename }' }, { query: '{ __typename }' }])).status).toBe(400);
    expect((await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`)).status).toBe(400);
    const plain = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"{ __typename }"}',
    });
    expect(plain.status).toBe(400);
    const getMutation = await fetch(`${url}?query=${encodeURIComponent('mutation { touch }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(getMutation.status).toBe(405);
  });
});
