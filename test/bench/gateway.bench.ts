/* npm run bench:gateway [-- --preset tiny --requests 300 --max-seconds 8] — the federation gateways installable here,
   on our own supergraph: a fixed set of dashboard and workbench operations at concurrency 1, 16 and 64 against the
   subgraphs directly (the baseline), today's @apollo/gateway, and Hive Gateway with the JavaScript and with the Rust
   query planner, all in the same run. */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'graphql';
import { Client as PgClient } from 'pg';
import { composeServices } from '@apollo/composition';
import {
  createAccessTokenVerifier,
  gatewaySystemIdentity,
  mintAccessToken,
  signForwardedIdentity,
} from '@pingyi/auth';
import { loadConfig } from '@pingyi/config';
import { IDENTITY_HEADER, type Identity } from '@pingyi/contracts';
import { startStack } from '@pingyi/local-stack';
import { openOrgOrm, seedPreset, type PresetName } from '@pingyi/seed';
import { crossCallerMismatches, drive, send, type Operation, type Result, type Target } from './gateway-load';
import { printReport, UNINSTALLABLE } from './gateway-report';

const { values: args } = parseArgs({
  options: {
    preset: { type: 'string', default: 'tiny' },
    requests: { type: 'string', default: '400' },
    'max-seconds': { type: 'string', default: '6' },
  },
});
const REQUESTS = Number(args.requests);
const MAX_MS = Number(args['max-seconds']) * 1000;
const LEVELS = [1, 16, 64];
const HIVE = [
  { key: 'js', name: 'Hive Gateway (JS planner)', port: 4511, planner: 'js', dedupe: 'off' },
  {
    key: 'rust',
    name: 'Hive Gateway + router-runtime (Rust planner)',
    port: 4512,
    planner: 'rust',
    dedupe: 'off',
  },
  {
    key: 'js-dedupe',
    name: 'Hive Gateway (JS, default in-flight dedupe)',
    port: 4513,
    planner: 'js',
    dedupe: 'on',
  },
] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const stack = await startStack({
    profile: 'test',
    instance: 'bench-gateway',
    services: true,
    ui: false,
    ephemeral: true,
    say: () => undefined,
    // Own ports, apart from the other benchmarks and the e2e defaults.
    ports: {
      postgres: 55301,
      temporal: 7501,
      temporalUi: 8501,
      kafka: 9601,
      kafkaController: 9602,
      gateway: 4501,
      org: 4502,
      commitment: 4503,
    },
  });
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const c of children) c.kill('SIGTERM');
    await stack.stop();
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => void stop().finally(() => process.exit(130)));
  const config = loadConfig(stack.env);
  const pg = new PgClient({ connectionString: stack.env['DATABASE_URL'] });
  await pg.connect();
  try {
    // A small registry and a campaign over it, so that commitment queries return rows.
    const orm = await openOrgOrm(stack.env['DATABASE_URL']!);
    await seedPreset(orm, { preset: args.preset as PresetName, pepper: config.ID_NUMBER_PEPPER });
    await orm.close();
    const [root] = (
      await pg.query<{ id: string; path: string }>(
        `select id, path::text path from org.unit where level = 'prefecture' limit 1`,
      )
    ).rows;
    if (!root) throw new Error('preset has no prefecture');
    const adminToken = await mintAccessToken({
      secret: config.JWT_SECRET,
      issuer: config.JWT_ISSUER,
      personId: 'bench-admin',
      roles: ['prefecture_admin'],
      orgPath: root.path,
    });
    const campaignId = `bench-gw-${Date.now()}`;
    const admin = { authorization: `Bearer ${adminToken}` };
    const open = await fetch(stack.urls.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin },
      body: JSON.stringify({
        query: `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId } }`,
        variables: {
          i: { id: campaignId, name: '基准活动', year: 2026, scopePath: root.path, settingsJson: '{}' },
        },
      }),
    }).then((r) => r.json() as Promise<{ errors?: unknown }>);
    if (open.errors) throw new Error(JSON.stringify(open.errors));
    for (;;) {
      const r = await pg.query<{ s: string }>(
        `select launch_status s from commitment.campaign where id = $1`,
        [campaignId],
      );
      if (r.rows[0]?.s === 'launched') break;
      await sleep(1000);
    }
    const commitment = (
      await pg.query<{ id: string }>(
        `select id from commitment.commitment where campaign_id = $1 and subject_kind = 'member' order by id limit 1`,
        [campaignId],
      )
    ).rows[0]!;
    const inboxOwner = (
      await pg.query<{ person_id: string }>(
        `select person_id from commitment.inbox_message group by person_id order by count(*) desc, person_id limit 1`,
      )
    ).rows[0]!;
    const memberToken = await mintAccessToken({
      secret: config.JWT_SECRET,
      issuer: config.JWT_ISSUER,
      personId: inboxOwner.person_id,
      roles: ['member'],
      orgPath: root.path,
    });
    const tokens = { admin: adminToken, member: memberToken };
    const verify = createAccessTokenVerifier({ issuer: config.JWT_ISSUER, secret: config.JWT_SECRET });
    const identities: Record<Operation['caller'], Identity> = {
      admin: await verify(adminToken),
      member: await verify(memberToken),
    };

    const ops: Operation[] = [
      {
        name: 'subtree memberCount',
        subgraph: 'org',
        caller: 'admin',
        query: `query($id: ID!) { unit(id: $id) { memberCount } }`,
        variables: { id: root.id },
      },
      {
        name: 'members first page',
        subgraph: 'org',
        caller: 'admin',
        query: `query($id: ID!) { members(input: { unitId: $id, first: 20 }) { totalCount items { id name typeLabel } } }`,
        variables: { id: root.id },
      },
      {
        name: 'commitment+timeline',
        subgraph: 'commitment',
        caller: 'admin',
        query: `query($id: ID!) { commitment(id: $id) { id stage stageLabel stageDeadline subjectName orgPath timeline { type label actorId } } }`,
        variables: { id: commitment.id },
      },
      {
        name: 'coverage',
        subgraph: 'commitment',
        caller: 'admin',
        query: `query($c: String!, $p: String) { coverage(campaignId: $c, orgPath: $p) { launchStatus commitments byStage { stage count } } }`,
        variables: { c: campaignId, p: root.path },
      },
      {
        name: 'myInbox',
        subgraph: 'commitment',
        caller: 'member',
        query: `query { myInbox(first: 20) { id kind title } }`,
        variables: {},
      },
    ];

    // The supergraph for the candidates, composed from the subgraphs' own SDL.
    const dir = mkdtempSync(join(tmpdir(), 'pingyi-gwbench-'));
    const system = await signForwardedIdentity(gatewaySystemIdentity, config.INTERNAL_IDENTITY_SECRET);
    const subgraphs = await Promise.all(
      (['org', 'commitment'] as const).map(async (name) => {
        const url = config.subgraphUrls[name];
        const r = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: system },
          body: JSON.stringify({ query: '{ _service { sdl } }' }),
        }).then((x) => x.json() as Promise<{ data: { _service: { sdl: string } } }>);
        return { name, url, typeDefs: parse(r.data._service.sdl) };
      }),
    );
    // Composed as today's gateway composes it (IntrospectAndCompose uses @apollo/composition): the same supergraph.
    // Composed as today's gateway composes it (IntrospectAndCompose runs @apollo/composition): the same supergraph.
    const composed = composeServices(subgraphs);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));

    const targets: Target[] = [
      {
        name: 'subgraph (direct)',
        send: async (op) => ({
          url: config.subgraphUrls[op.subgraph],
          headers: {
            [IDENTITY_HEADER]: await signForwardedIdentity(
              identities[op.caller],
              config.INTERNAL_IDENTITY_SECRET,
            ),
          },
        }),
      },
      {
        name: '@apollo/gateway (today)',
        process: 'services/gateway/dist/main.js',
        send: async (op) => ({
          url: stack.urls.graphql,
          headers: { authorization: `Bearer ${tokens[op.caller]}` },
        }),
      },
    ];
    for (const h of HIVE) {
      const file = join(dir, `supergraph.hive-${h.key}.graphql`);
      writeFileSync(file, composed.supergraphSdl);
      const child = spawn(
        process.execPath,
        [
          join(__dirname, 'hive-gateway.js'),
          ...['--port', String(h.port), '--planner', h.planner, '--dedupe', h.dedupe, '--supergraph', file],
        ],
        { env: { ...process.env, ...stack.env }, stdio: 'inherit' },
      );
      children.push(child);
      targets.push({
        name: h.name,
        process: file,
        send: async (op) => ({
          url: `http://127.0.0.1:${h.port}/graphql`,
          headers: { authorization: `Bearer ${tokens[op.caller]}` },
        }),
      });
    }

    // Every target must give the same answers as the subgraphs before it is measured.
    const expected = new Map<string, string>();
    for (const op of ops) expected.set(op.name, await send(targets[0]!, op));
    const results: Result[] = [];
    const skipped: { target: string; reason: string }[] = [];
    const live: Target[] = [];
    for (const target of targets) {
      let failure: string | undefined;
      for (let i = 0; i < 60; i++) {
        try {
          for (const op of ops) {
            const got = await send(target, op);
            if (got !== expected.get(op.name))
              throw new Error(`${op.name}: ${got} ≠ ${expected.get(op.name)}`);
          }
          failure = undefined;
          break;
        } catch (e) {
          failure = (e as Error).message;
          await sleep(1000);
        }
      }
      if (failure) skipped.push({ target: target.name, reason: failure });
      else live.push(target);
    }
    // The same inbox asked for by two callers at once: each must get its own.
    const inbox = ops.find((o) => o.name === 'myInbox')!;
    const pair = [inbox, { ...inbox, caller: 'admin' as const }] as const;
    const pairExpected = [await send(targets[0]!, pair[0]), await send(targets[0]!, pair[1])] as const;
    const wrong = new Map<string, number>();
    for (const t of live) wrong.set(t.name, await crossCallerMismatches(t, pair, pairExpected));
    // Targets take turns at each operation and concurrency, so that drift in the machine's load is shared.
    for (const op of ops) {
      for (const t of live) await drive(t, op, 8, 100, MAX_MS); // warm-up, not reported
      for (const c of LEVELS)
        for (const t of live) {
          const r = await drive(t, op, c, c === 1 ? REQUESTS / 2 : REQUESTS, MAX_MS);
          results.push(r);
          process.stderr.write(
            `  ${t.name} · ${op.name} · c${c}: ${r.rps.toFixed(0)} req/s p95 ${r.p95.toFixed(1)} ms\n`,
          );
        }
    }
    printReport(
      { preset: args.preset, requests: REQUESTS, maxMs: MAX_MS, levels: LEVELS },
      results,
      [...skipped, ...UNINSTALLABLE],
      wrong,
    );
  } finally {
    await pg.end();
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
