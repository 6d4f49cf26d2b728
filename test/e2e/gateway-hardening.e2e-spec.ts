import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { gql, graphqlUrl, tokenFor } from './helpers';

/**
 * The gateway as an attacker meets it (issue 12, findings 9 and 10): a graphql-cop-style scan, token rules, the
 * anonymous channel's rate limit. The stack's test profile trusts X-Forwarded-For from loopback, so each probe can
 * come from its own address and no other test's anonymous requests share its limit.
 */

type Severity = 'HIGH' | 'MEDIUM' | 'LOW' | 'INFO';
interface Answer {
  status: number;
  text: string;
  json?: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

const address = () => `203.0.113.${1 + (randomBytes(1)[0]! % 250)}`;
const anonymous = () => ({ 'x-pingyi-channel': 'public', 'x-forwarded-for': address() });

async function send(
  method: 'GET' | 'POST',
  o: { query?: string; body?: string; contentType?: string; headers?: Record<string, string> },
): Promise<Answer> {
  const url = method === 'GET' ? `${graphqlUrl()}?query=${encodeURIComponent(o.query ?? '')}` : graphqlUrl();
  const r = await fetch(url, {
    method,
    headers: {
      ...(method === 'POST' ? { 'content-type': o.contentType ?? 'application/json' } : {}),
      ...o.headers,
    },
    ...(method === 'POST' ? { body: o.body ?? JSON.stringify({ query: o.query }) } : {}),
  });
  const text = await r.text();
  let json: Answer['json'];
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    json = undefined;
  }
  return { status: r.status, text, json };
}

const post = (query: string, headers: Record<string, string>) => send('POST', { query, headers });
const hasData = (a: Answer, key = '__typename') =>
  a.json?.data?.[key] !== undefined && a.json?.data?.[key] !== null;
const repeat = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ');

interface Probe {
  name: string;
  severity: Severity;
  /** True when the gateway is vulnerable (graphql-cop's verdict for the same probe). */
  vulnerable: (headers: Record<string, string>) => Promise<boolean>;
  /** Probes about the anonymous surface only (introspection is allowed to signed-in callers in test). */
  anonymousOnly?: boolean;
}

const CIRCULAR = `query cop { __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }`;
const PROBES: Probe[] = [
  {
    name: 'Introspection',
    severity: 'HIGH',
    anonymousOnly: true,
    vulnerable: async (h) =>
      hasData(await post('query cop { __schema { types { name fields { name } } } }', h), '__schema'),
  },
  {
    name: 'Introspection-based circular query',
    severity: 'HIGH',
    anonymousOnly: true,
    vulnerable: async (h) => hasData(await post(CIRCULAR, h), '__schema'),
  },
  {
    name: 'Field suggestions',
    severity: 'LOW',
    vulnerable: async (h) =>
      /Did you mean/i.test((await post('query cop { commitmnt(id: "x") { idd } }', h)).text),
  },
  {
    name: 'Deep query (depth 12)',
    severity: 'HIGH',
    vulnerable: async (h) => {
      const a = await post(
        `query cop { unit(code: "x") { ${'parent { '.repeat(12)} id ${'} '.repeat(12)} } }`,
        h,
      );
      return a.json?.data !== undefined;
    },
  },
  {
    name: 'Alias overloading (101 aliases)',
    severity: 'HIGH',
    vulnerable: async (h) =>
      hasData(await post(`query cop { ${repeat(101, (i) => `alias${i}: __typename`)} }`, h), 'alias100'),
  },
  {
    name: 'Alias overloading (1,000 aliases of unit)',
    severity: 'HIGH',
    vulnerable: async (h) =>
      (await post(`query cop { ${repeat(1000, (i) => `u${i}: unit(code: "x") { id }`)} }`, h)).json?.data !==
      undefined,
  },
  {
    name: 'Array-based query batching (10)',
    severity: 'HIGH',
    vulnerable: async (h) => {
      const body = JSON.stringify(Array.from({ length: 10 }, () => ({ query: 'query cop { __typename }' })));
      const a = await send('POST', { body, headers: h });
      return Array.isArray(a.json) && a.json.length >= 10;
    },
  },
  {
    name: 'Directive overloading (10)',
    severity: 'HIGH',
    vulnerable: async (h) => {
      const a = await post(`query cop { __typename ${'@aa'.repeat(10)} }`, h);
      return hasData(a) || (a.json?.errors?.length ?? 0) >= 10;
    },
  },
  {
    name: 'Field duplication (500)',
    severity: 'HIGH',
    vulnerable: async (h) => hasData(await post(`query cop { ${'__typename '.repeat(500)} }`, h)),
  },
  {
    name: 'Query cost (first: 1000)',
    severity: 'HIGH',
    vulnerable: async (h) => {
      const q = `query cop { leftOut(campaignId: "x", milestone: "committed", first: 1000) { items { subjectId orgPath stage } nextCursor } }`;
      const a = await post(q, h);
      return !a.json?.errors?.some((e) => e.extensions?.['limit'] === 'costLimit');
    },
  },
  {
    name: 'GET method query support (CSRF)',
    severity: 'MEDIUM',
    vulnerable: async (h) => hasData(await send('GET', { query: 'query cop { __typename }', headers: h })),
  },
  {
    name: 'Mutation over GET (CSRF)',
    severity: 'MEDIUM',
    vulnerable: async (h) => {
      const q = 'mutation cop { raiseObjection(commitmentId: "x", content: "cop") { ok } }';
      const plain = await send('GET', { query: q, headers: h });
      const preflighted = await send('GET', {
        query: q,
        headers: { ...h, 'apollo-require-preflight': 'true' },
      });
      return plain.json?.data !== undefined || preflighted.json?.data !== undefined;
    },
  },
  {
    name: 'POST url-encoded query (CSRF)',
    severity: 'MEDIUM',
    vulnerable: async (h) => {
      const body = `query=${encodeURIComponent('query cop { __typename }')}`;
      return hasData(
        await send('POST', { body, contentType: 'application/x-www-form-urlencoded', headers: h }),
      );
    },
  },
  {
    name: 'POST text/plain query (CSRF)',
    severity: 'MEDIUM',
    vulnerable: async (h) =>
      hasData(
        await send('POST', {
          body: '{"query":"query cop { __typename }"}',
          contentType: 'text/plain',
          headers: h,
        }),
      ),
  },
  {
    name: 'Trace / debug mode',
    severity: 'INFO',
    vulnerable: async (h) => /"(tracing|ftv1|debug)"/.test((await post('query cop { __typename }', h)).text),
  },
  {
    name: 'Unhandled errors (stack, exception)',
    severity: 'INFO',
    vulnerable: async (h) =>
      /stacktrace|"exception"|at .+\.js:\d+/.test(
        (await post('qwerty cop { abc }', h)).text + (await post('query cop { unit(id: 7) { id } }', h)).text,
      ),
  },
  {
    name: 'GraphQL IDE',
    severity: 'LOW',
    vulnerable: async (h) => {
      const r = await fetch(graphqlUrl(), { headers: { accept: 'text/html', ...h } });
      return /graphiql|playground|sandbox/i.test(await r.text());
    },
  },
];

describe('gateway hardening: a graphql-cop-style scan (finding 10)', () => {
  it('finds nothing HIGH or MEDIUM, for the anonymous channel and for a signed-in caller', async () => {
    const admin = await tokenFor(['prefecture_admin'], 'xl');
    const callers: [string, () => Record<string, string>][] = [
      ['anonymous', anonymous],
      ['signed-in', () => ({ authorization: `Bearer ${admin}` })],
    ];
    const rows: { probe: string; caller: string; severity: Severity; verdict: string }[] = [];
    for (const [caller, headers] of callers)
      for (const p of PROBES) {
        if (p.anonymousOnly && caller !== 'anonymous') continue;
        const vulnerable = await p.vulnerable(headers());
        rows.push({ probe: p.name, caller, severity: p.severity, verdict: vulnerable ? 'VULNERABLE' : 'ok' });
      }
    const table = rows.map(
      (r) => `  ${r.severity.padEnd(7)}${r.verdict.padEnd(12)}${r.caller.padEnd(11)}${r.probe}`,
    );
    process.stdout.write(`\ngraphql-cop-style scan of ${graphqlUrl()}\n${table.join('\n')}\n`);
    const serious = rows.filter(
      (r) => r.verdict !== 'ok' && (r.severity === 'HIGH' || r.severity === 'MEDIUM'),
    );
    expect(serious).toEqual([]);
    expect(rows.filter((r) => r.verdict !== 'ok')).toEqual([]);
  });

  it('refuses anonymous introspection, with a coded Chinese error', async () => {
    const a = await post('{ __schema { queryType { name } } }', anonymous());
    expect(a.json?.data ?? undefined).toBeUndefined();
    expect(a.json?.errors?.[0]).toMatchObject({
      message: '不允许对接口进行内省查询',
      extensions: { code: 'FORBIDDEN' },
    });
    const typeQuery = await post('{ __type(name: "Query") { name } }', anonymous());
    expect(typeQuery.json?.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('gives no field suggestions, to anyone', async () => {
    const admin = await tokenFor(['prefecture_admin'], 'xl');
    for (const headers of [anonymous(), { authorization: `Bearer ${admin}` }]) {
      const a = await post('{ unit(code: "xl") { nme } }', headers);
      expect(a.text).not.toMatch(/Did you mean/);
      expect(a.json?.errors?.[0]).toMatchObject({
        message: '查询语句不符合接口定义：Unit 没有字段“nme”',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
    }
  });

  it('refuses 1,000 aliases of unit at once, with a coded error (was 2.3 s of work)', async () => {
    const admin = await tokenFor(['prefecture_admin'], 'xl');
    const started = Date.now();
    const a = await post(`{ ${repeat(1000, (i) => `u${i}: unit(code: "xl") { id name }`)} }`, {
      authorization: `Bearer ${admin}`,
    });
    const ms = Date.now() - started;
    expect(a.status).toBe(400);
    expect(a.json?.data).toBeUndefined();
    expect(a.json?.errors?.[0]?.message).toMatch(/^查询语句过长/);
    expect(a.json?.errors?.[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_PARSE_FAILED',
      limit: 'maxTokens',
    });
    expect(ms).toBeLessThan(1000);
    const sixteen = await post(`{ ${repeat(16, (i) => `u${i}: unit(code: "xl") { id }`)} }`, {
      authorization: `Bearer ${admin}`,
    });
    expect(sixteen.json?.errors?.[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit: 'maxAliases',
    });
  });
});

describe('gateway: access tokens (finding 9)', () => {
  const secret = new TextEncoder().encode(
    process.env['JWT_SECRET'] ?? 'pingyi-dev-jwt-secret-change-me-in-production',
  );
  const now = Math.floor(Date.now() / 1000);
  const sign = (times: { iat?: number; exp?: number }) => {
    let jwt = new SignJWT({ roles: ['prefecture_admin'], orgPath: 'xl' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('e2e-token-rules')
      .setIssuer('pingyi');
    if (times.iat !== undefined) jwt = jwt.setIssuedAt(times.iat);
    if (times.exp !== undefined) jwt = jwt.setExpirationTime(times.exp);
    return jwt.sign(secret);
  };
  const ask = async (token: string) => gql('{ __typename }', {}, { token });

  it('accepts a token issued now for 12 hours', async () => {
    const r = await ask(await sign({ iat: now, exp: now + 12 * 3600 }));
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ __typename: 'Query' });
  });

  it.each([
    ['without exp', { iat: now }, '登录凭证缺少有效期（exp），请重新登录'],
    [
      'with iat five years ahead',
      { iat: now + 5 * 365 * 86_400, exp: now + 5 * 365 * 86_400 + 3600 },
      '登录凭证的签发时间晚于当前时间，请校准设备时间后重新登录',
    ],
    [
      'with iat ten minutes ahead',
      { iat: now + 600, exp: now + 3600 },
      '登录凭证的签发时间晚于当前时间，请校准设备时间后重新登录',
    ],
    [
      'issued 25 hours ago (still unexpired)',
      { iat: now - 25 * 3600, exp: now + 3600 },
      '登录凭证的有效期超过允许的最长时长（24 小时），请重新登录',
    ],
    [
      'valid for a year',
      { iat: now, exp: now + 365 * 86_400 },
      '登录凭证的有效期超过允许的最长时长（24 小时），请重新登录',
    ],
  ])('refuses a token %s with UNAUTHENTICATED and a Chinese message', async (_, times, message) => {
    const r = await ask(await sign(times));
    expect(r.status).toBe(401);
    expect(r.data ?? undefined).toBeUndefined();
    expect(r.errors?.[0]).toMatchObject({ message, extensions: { code: 'UNAUTHENTICATED' } });
    expect(JSON.stringify(r.errors)).not.toMatch(/stacktrace|exception/);
  });
});

describe('gateway: the anonymous channel is rate limited per client (finding 6, gateway part)', () => {
  it('answers RATE_LIMITED to one client after 30 requests in a minute, and still serves another client', async () => {
    // An address of its own range: the probes above draw theirs from 203.0.113.0/24, and one of them may have
    // shared this client's address within the same minute.
    const mine = `192.0.2.${1 + (randomBytes(1)[0]! % 250)}`;
    const other = `198.51.100.${1 + (randomBytes(1)[0]! % 250)}`;
    const from = (a: string) => ({ 'x-pingyi-channel': 'public', 'x-forwarded-for': a });
    // Start right after a minute boundary so all 31 requests fall into one window.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    const answers = [];
    for (let i = 0; i < 31; i += 1) answers.push(await post('{ __typename }', from(mine)));
    expect(answers.slice(0, 30).every((a) => a.status === 200 && hasData(a))).toBe(true);
    const last = answers[30]!;
    expect(last.status).toBe(429);
    expect(last.json?.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    expect(last.json?.errors?.[0]?.message).toMatch(/^操作过于频繁/);
    expect(hasData(await post('{ __typename }', from(other)))).toBe(true);
  });
});

describe('services refuse the published development secrets unless NODE_ENV says development or test (finding 9)', () => {
  const entries = [
    'services/gateway/dist/main.js',
    'services/org/dist/main.js',
    'services/commitment/dist/main.js',
    'services/insight/dist/main.js',
  ];
  // Run asynchronously: blocking this process's event loop leaves pooled keep-alive sockets the gateway has closed.
  it.each(entries)('%s with NODE_ENV unset exits at once, naming the secrets', async (entry) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GATEWAY_PORT: '1',
      ORG_PORT: '1',
      COMMITMENT_PORT: '1',
      INSIGHT_PORT: '1',
    };
    for (const k of ['NODE_ENV', 'JWT_SECRET', 'INTERNAL_IDENTITY_SECRET', 'ID_NUMBER_PEPPER']) delete env[k];
    const r = await new Promise<{ status: number | null; signal: string | null; out: string }>((done) => {
      const child = execFile(
        process.execPath,
        [join(__dirname, '..', '..', entry)],
        { env, timeout: 30_000 },
        (_e, stdout, stderr) =>
          done({ status: child.exitCode, signal: child.signalCode, out: `${stdout}${stderr}` }),
      );
    });
    const out = r.out;
    expect(r.status).not.toBe(0);
    expect(r.signal).toBeNull();
    expect(out).toContain('JWT_SECRET、INTERNAL_IDENTITY_SECRET、ID_NUMBER_PEPPER 仍是公开的开发密钥');
  });
});
