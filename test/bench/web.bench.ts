/* npm run bench:web [-- --preset dongwu --runs 10] — the web workbench in Chromium against the real stack (ports from
   the PINGYI_* / *_PORT variables, as the e2e stack): a preset seeded, a campaign opened for members of its first
   branch, then per run a fresh browser context (empty cache) for one of those members:
   - first load: the address opened with the token the sign-in gives, until the 工作台 shows the member's task;
   - transitions: 工作台 → the commitment (定诺 page with its items) → back to the 工作台 (task shown) → 我的承诺
     (list with the commitment) → back; each from the click until the next page shows its data, after a 2 s pause
     on the page before (a person reading it; not counted).
   Prints medians (and the slowest) of the runs, and the JS bundle of services/web/dist, raw and gzip.
   Then the dashboards on a Baotou-size prefecture (`--dashboard baotou|off`, web-dashboard.ts). */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Page, type Request } from 'playwright-core';
import { Client as PgClient } from 'pg';
import { mintAccessToken } from '@pingyi/auth';
import { loadConfig } from '@pingyi/config';
import { ensureChromium, REPO_ROOT, startStack } from '@pingyi/local-stack';
import { openOrgOrm, seedPreset, type PresetName } from '@pingyi/seed';
import { percentile } from './bench-util';
import { benchDashboards } from './web-dashboard';

const { values: args } = parseArgs({
  options: {
    preset: { type: 'string', default: 'dongwu' },
    runs: { type: 'string', default: '10' },
    /** The preset whose prefecture the dashboards are measured on (web-dashboard.ts); `off` to skip them. */
    dashboard: { type: 'string', default: 'baotou' },
  },
});
const RUNS = Number(args.runs);
const TARGET = { firstLoad: 2000, transition: 500 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The JS of the built app: every file, and what the first page load takes (the entry and its static imports). */
function bundleSizes(): string[] {
  const dist = join(REPO_ROOT, 'services', 'web', 'dist');
  const assets = join(dist, 'assets');
  const size = (files: string[]) =>
    files.reduce(
      (s, f) => {
        const b = readFileSync(join(assets, f));
        return { raw: s.raw + b.length, gzip: s.gzip + gzipSync(b).length };
      },
      { raw: 0, gzip: 0 },
    );
  const kB = (n: number) => `${(n / 1000).toFixed(0)} kB`;
  const all = size(readdirSync(assets).filter((f) => f.endsWith('.js')));
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const first = size([...html.matchAll(/\/assets\/([\w.-]+\.js)/g)].map((m) => m[1]!));
  return [
    `JS bundle, all files: ${kB(all.raw)} raw, ${kB(all.gzip)} gzip`,
    `JS of the first load (index.html's entry and modulepreloads): ${kB(first.raw)} raw, ${kB(first.gzip)} gzip`,
  ];
}

async function gql<T>(url: string, token: string, query: string, variables: object = {}): Promise<T> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const b = (await r.json()) as { data?: T; errors?: { message: string }[] };
  if (!b.data) throw new Error(`GraphQL: ${b.errors?.[0]?.message ?? r.status}`);
  return b.data;
}

/** A person reads the page before the next click. */
const READ_MS = 2000;

/**
 * Milliseconds from `act` until `shown` resolves (after the reading pause, not counted), and how many of them the
 * page's GraphQL requests took (from sending to the last byte of the answer, added up).
 */
async function timed(
  page: Page,
  act: () => Promise<unknown>,
  shown: () => Promise<unknown>,
  pause = READ_MS,
): Promise<{ ms: number; graphql: number }> {
  await sleep(pause);
  const requests: Request[] = [];
  const seen = (r: Request) => void (r.url().includes('/graphql') && requests.push(r));
  page.on('requestfinished', seen);
  const t = performance.now();
  await act();
  await shown();
  const ms = performance.now() - t;
  page.off('requestfinished', seen);
  return { ms, graphql: requests.reduce((sum, r) => sum + r.timing().responseEnd, 0) };
}

async function main(): Promise<void> {
  const stack = await startStack({
    profile: 'test',
    instance: 'bench-web',
    services: true,
    ui: false,
    ephemeral: true,
    say: () => undefined,
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => void stack.stop().finally(() => process.exit(130)));
  const browser = await chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=zh-CN'],
  });
  try {
    const config = loadConfig(stack.env);
    const orm = await openOrgOrm(stack.env['DATABASE_URL']!);
    await seedPreset(orm, { preset: args.preset as PresetName, pepper: config.ID_NUMBER_PEPPER });
    await orm.close();
    const url = stack.urls.graphql;
    const pg = new PgClient({ connectionString: stack.env['DATABASE_URL'] });
    await pg.connect();
    const root = (
      await pg.query<{ path: string }>(
        `select path::text path from org.unit where level = 'prefecture' limit 1`,
      )
    ).rows[0]!.path;
    await pg.end();
    const sign = (sub: string, role: 'prefecture_admin' | 'member', org: string, name?: string) =>
      mintAccessToken({
        secret: config.JWT_SECRET,
        issuer: config.JWT_ISSUER,
        personId: sub,
        roles: [role],
        orgPath: org,
        name,
        expiresIn: '2h',
      });
    const admin = await sign('bench-admin', 'prefecture_admin', root);
    const branch = (
      await gql<{ searchUnits: { items: { id: string }[] } }>(
        url,
        admin,
        'query { searchUnits(input: { level: branch, first: 1 }) { items { id } } }',
      )
    ).searchUnits.items[0]!;
    const people = (
      await gql<{ members: { items: { id: string; name: string; branchPath: string }[] } }>(
        url,
        admin,
        'query($u: ID!) { members(input: { unitId: $u, first: 5, includeSubtree: false }) { items { id name branchPath } } }',
        { u: branch.id },
      )
    ).members.items;
    await gql(url, admin, 'mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { started } }', {
      i: {
        id: 'bench-web',
        name: '网页基准测试活动',
        year: 2026,
        scopePath: root,
        subjects: people.map((p) => ({ kind: 'member', id: p.id })),
      },
    });
    const who = people[0]!;
    const member = await sign(who.id, 'member', who.branchPath, who.name);
    const task = `提交承诺 · ${who.name}`;
    for (let i = 0; ; i += 1) {
      const { myTasks } = await gql<{ myTasks: { label: string }[] }>(url, member, '{ myTasks { label } }');
      if (myTasks.length > 0) break;
      if (i > 120) throw new Error('the member has no task after 60 s');
      await sleep(500);
    }
    console.log(
      `preset ${args.preset} (root ${root}); member ${who.name} of ${who.branchPath}; ${RUNS} runs`,
    );

    const web = new URL('/', url).toString();
    const keys = ['firstLoad', 'toCommitment', 'back', 'toList', 'listBack'];
    const samples: Record<string, number[]> = Object.fromEntries(keys.map((k) => [k, []]));
    const graphqlMs: Record<string, number[]> = Object.fromEntries(keys.map((k) => [k, []]));
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 860 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      await context.addInitScript(`sessionStorage.setItem('pingyi.session', ${JSON.stringify(member)})`);
      const page: Page = await context.newPage();
      const taskShown = () => page.getByText(task).first().waitFor();
      const button = (name: string) => page.getByRole('button', { name, exact: true }).first();
      const measure = async (
        key: string,
        ...how: Parameters<typeof timed> extends [Page, ...infer R] ? R : never
      ) => {
        const { ms, graphql } = await timed(page, ...how);
        samples[key]!.push(ms);
        graphqlMs[key]!.push(graphql);
      };
      await measure('firstLoad', () => page.goto(new URL('/workbench', web).toString()), taskShown, 0);
      await measure(
        'toCommitment',
        () => button('办 理').or(button('办理')).click(),
        () => page.getByText('承诺事项').first().waitFor(),
      );
      await measure('back', () => page.goBack(), taskShown);
      await measure(
        'toList',
        () => button('我的承诺').click(),
        () => page.locator('.ant-table-row', { hasText: who.name }).first().waitFor(),
      );
      await measure('listBack', () => page.goBack(), taskShown);
      await context.close();
    }
    const line = (label: string, key: string, target: number) => {
      const xs = samples[key]!;
      const median = percentile(xs, 50);
      return `${label.padEnd(36)} median ${median.toFixed(0).padStart(5)} ms, slowest ${Math.max(...xs)
        .toFixed(0)
        .padStart(
          5,
        )} ms (target < ${target} ms${median < target ? ', met' : ', MISSED'}); GraphQL median ${percentile(
        graphqlMs[key]!,
        50,
      ).toFixed(0)} ms`;
    };
    console.log(
      [
        line('first load (cold cache) → 工作台', 'firstLoad', TARGET.firstLoad),
        line('工作台 → commitment (定诺)', 'toCommitment', TARGET.transition),
        line('commitment → back to 工作台', 'back', TARGET.transition),
        line('工作台 → 我的承诺 (list)', 'toList', TARGET.transition),
        line('list → back to 工作台', 'listBack', TARGET.transition),
        ...bundleSizes(),
        `load average while measuring (1 min): ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
      ].join('\n'),
    );
    if (args.dashboard !== 'off') {
      const lines = await benchDashboards({
        browser,
        databaseUrl: stack.env['DATABASE_URL']!,
        pepper: config.ID_NUMBER_PEPPER,
        web,
        preset: args.dashboard,
        runs: RUNS,
        admin: (org) => sign('bench-admin', 'prefecture_admin', org),
        gql: (token, query, variables) => gql(url, token, query, variables),
      });
      lines.push(
        `load average while measuring (1 min): ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
      );
      console.log(lines.join('\n'));
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
