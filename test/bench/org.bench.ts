/* npm run bench:org — Baotou-scale import and subtree queries, each against a baseline measured in the same run. */
import { parseArgs } from 'node:util';
import { Client as PgClient } from 'pg';
import { mintAccessToken } from '@pingyi/auth';
import {
  CadreRankLabel,
  GenderLabel,
  MemberTypeLabel,
  UnitFieldLabel,
  UnitLevelLabel,
} from '@pingyi/contracts';
import { startStack } from '@pingyi/local-stack';
import { MEMBER_SELECT } from '@pingyi/org-service';
import { generatePreset, type PresetName } from '@pingyi/seed';
import { peakSampler, percentile, rssOf, timeIt } from './bench-util';

const { values: args } = parseArgs({
  options: { preset: { type: 'string', default: 'baotou' }, reps: { type: 'string', default: '200' } },
});
const preset = args.preset as PresetName;
const REPS = Number(args.reps);

const csv = (rows: (string | undefined)[][]) =>
  Buffer.from(rows.map((r) => r.map((c) => c ?? '').join(',')).join('\n'));

async function main(): Promise<void> {
  const stack = await startStack({
    profile: 'test',
    instance: 'bench-org',
    services: true,
    ui: false,
    ephemeral: true,
    say: () => undefined,
    // Own ports, so a benchmark can run beside the tests.
    ports: {
      postgres: 54369,
      temporal: 7283,
      temporalUi: 8283,
      kafka: 9292,
      kafkaController: 9293,
      gateway: 4050,
      org: 4151,
      commitment: 4152,
    },
  });
  const url = stack.urls.graphql;
  const pg = new PgClient({ connectionString: stack.env['DATABASE_URL'] });
  await pg.connect();
  try {
    const data = generatePreset(preset);
    const root = data.units.find((u) => u.parentCode === null)!.code;
    const token = await mintAccessToken({
      secret: 'pingyi-dev-jwt-secret-change-me-in-production',
      issuer: 'pingyi',
      personId: 'bench',
      roles: ['prefecture_admin'],
      orgPath: root,
    });
    const call = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await r.json()) as { data?: T; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!;
    };
    const unitsCsv = csv([
      ['组织编码', '组织名称', '上级组织编码', '组织层级', '组织领域'],
      ...data.units.map((u) => [
        u.code,
        u.name,
        u.parentCode ?? '',
        UnitLevelLabel[u.level],
        UnitFieldLabel[u.field],
      ]),
    ]);
    const membersCsv = csv([
      [
        '姓名',
        '性别',
        '身份证号',
        '出生日期',
        '入党日期',
        '党员类别',
        '职级',
        '外出地点',
        '所在支部编码',
        '联系电话',
        '电子邮箱',
        '任书记组织编码',
      ],
      ...data.members.map((m) => [
        m.name,
        GenderLabel[m.gender],
        m.idNumber,
        m.birthDate,
        m.joinedAt,
        MemberTypeLabel[m.type],
        m.cadreRank ? CadreRankLabel[m.cadreRank] : '',
        m.mobileLocation,
        m.branchCode,
        m.phone,
        m.email,
        m.secretaryOfUnitCode,
      ]),
    ]);
    const runImport = async (kind: 'units' | 'members', bytes: Buffer) => {
      const { startOrgImport } = await call<{ startOrgImport: { id: string } }>(
        `mutation($i: StartImportInput!) { startOrgImport(input: $i) { id } }`,
        { i: { kind, fileName: `${kind}.csv`, contentBase64: bytes.toString('base64'), dryRun: false } },
      );
      for (;;) {
        const { orgImportJob: j } = await call<{
          orgImportJob: { status: string; percent: number; message: string };
        }>(`query($id: ID!) { orgImportJob(id: $id) { status percent message } }`, { id: startOrgImport.id });
        if (j.status === 'succeeded') return;
        if (j.status === 'failed') throw new Error(j.message);
        process.stderr.write(`\r  ${kind}: ${j.status} ${j.percent}%   `);
        await new Promise((r) => setTimeout(r, 500));
      }
    };

    console.log(`预设 ${preset}: ${data.units.length} 组织, ${data.members.length} 党员`);
    const sampler = peakSampler(() => rssOf('services/org/dist/worker.js'));
    const svcSampler = peakSampler(() => rssOf('services/org/dist/main.js'));
    const importMs = await timeIt(async () => {
      await runImport('units', unitsCsv);
      await runImport('members', membersCsv);
    });
    process.stderr.write('\n');
    const workerPeak = sampler.stop();
    // The relay publishes the import's events after the commit; queries are measured once it has caught up.
    const pending = async () =>
      (
        await pg.query<{ n: number }>(
          `select count(*)::int as n from org.outbox_event where published_at is null`,
        )
      ).rows[0]!.n;
    const backlog = await pending();
    const drainMs = await timeIt(async () => {
      while ((await pending()) > 0) await new Promise((r) => setTimeout(r, 250));
    });
    const servicePeak = svcSampler.stop();

    // Baseline: the same rows into tables shaped like the real ones, by plain unnest inserts.
    const hashed = await pg.query<{ id: string; code: string; path: string; parent_id: string | null }>(
      `select id, code, path::text as path, parent_id from org.unit where path <@ $1::ltree`,
      [root],
    );
    const members = await pg.query(`select * from org.member where branch_path <@ $1::ltree`, [root]);
    await pg.query(`drop schema if exists bench cascade; create schema bench;
      create table bench.unit (like org.unit including all); create table bench.member (like org.member including all)`);
    const baselineMs = await timeIt(async () => {
      await pg.query('begin');
      const u = hashed.rows;
      await pg.query(
        `insert into bench.unit (id, code, name, level, field, parent_id, path)
         select id, code, 'x', 'branch', 'rural', parent_id, path::ltree from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[]) as t(id, code, parent_id, path)`,
        [u.map((r) => r.id), u.map((r) => r.code), u.map((r) => r.parent_id), u.map((r) => r.path)],
      );
      const rows = members.rows as Record<string, unknown>[];
      for (let i = 0; i < rows.length; i += 5000) {
        const part = rows.slice(i, i + 5000);
        const col = (k: string) => part.map((r) => r[k]);
        await pg.query(
          `insert into bench.member (id, id_number_hash, id_number_masked, name, gender, birth_date, joined_at, type, cadre_rank,
             mobile_location, branch_id, branch_path, phone, email)
           select id, h, mk, n, g, b, j, t, cr, ml, bi, bp::ltree, ph, em from unnest($1::uuid[], $2::text[], $3::text[], $4::text[],
             $5::text[], $6::date[], $7::date[], $8::text[], $9::text[], $10::text[], $11::uuid[], $12::text[], $13::text[], $14::text[])
             as x(id, h, mk, n, g, b, j, t, cr, ml, bi, bp, ph, em)`,
          [
            col('id'),
            col('id_number_hash'),
            col('id_number_masked'),
            col('name'),
            col('gender'),
            col('birth_date'),
            col('joined_at'),
            col('type'),
            col('cadre_rank'),
            col('mobile_location'),
            col('branch_id'),
            col('branch_path'),
            col('phone'),
            col('email'),
          ],
        );
      }
      await pg.query('commit');
    });
    const rows = data.units.length + data.members.length;
    const rate = rows / (importMs / 1000);
    const baseRate = rows / (baselineMs / 1000);
    console.log(
      `导入 import (GraphQL → Temporal → 校验+写入+outbox): ${(importMs / 1000).toFixed(1)} s, ${rate.toFixed(0)} 行/s`,
    );
    console.log(
      `基线 baseline (unnest 插入同样的行): ${(baselineMs / 1000).toFixed(1)} s, ${baseRate.toFixed(0)} 行/s`,
    );
    console.log(
      `比值 ratio import/baseline rate: ${(rate / baseRate).toFixed(2)}   (target ≥ 0.3, import < 60 s)`,
    );
    console.log(
      `峰值内存 peak RSS: org worker ${workerPeak.toFixed(0)} MiB, org service (with relay) ${servicePeak.toFixed(0)} MiB`,
    );
    console.log(
      `事件 outbox → Kafka: ${backlog} events drained ${(drainMs / 1000).toFixed(1)} s after the import`,
    );

    // Queries: through the gateway vs the same SQL directly.
    const county = data.units.find((u) => u.level === 'county')!;
    const ids = await pg.query<{ id: string; code: string; path: string }>(
      `select id, code, path::text as path from org.unit where code = any($1)`,
      [[root, county.code]],
    );
    for (const target of [county.code, root]) {
      const u = ids.rows.find((r) => r.code === target)!;
      const label = target === root ? '全市 prefecture' : '旗县区 county';
      const viaGateway = { count: [] as number[], page: [] as number[] };
      const direct = { count: [] as number[], page: [] as number[] };
      for (let i = 0; i < REPS; i++) {
        viaGateway.count.push(
          await timeIt(() => call(`query($id: ID!) { unit(id: $id) { memberCount } }`, { id: u.id })),
        );
        viaGateway.page.push(
          await timeIt(() =>
            call(`query($id: ID!) { members(input: { unitId: $id, first: 20 }) { items { id name } } }`, {
              id: u.id,
            }),
          ),
        );
        // The statements the org service runs for these two GraphQL fields, run directly.
        const unitPath = async () =>
          (
            await pg.query<{ path: string }>(`select path::text as path from org.unit where id = $1::uuid`, [
              u.id,
            ])
          ).rows[0]!.path;
        direct.count.push(
          await timeIt(async () =>
            pg.query(
              `select coalesce(sum(member_count), 0)::int as n from org.unit where path <@ $1::public.ltree`,
              [await unitPath()],
            ),
          ),
        );
        direct.page.push(
          await timeIt(async () =>
            pg.query(
              `select ${MEMBER_SELECT} from org.member m
               where m.branch_path >= $1::public.ltree and m.branch_path <@ $1::public.ltree and m.status = $2
               order by m.branch_path, m.id limit $3`,
              [await unitPath(), 'active', 20],
            ),
          ),
        );
      }
      for (const k of ['count', 'page'] as const) {
        const g50 = percentile(viaGateway[k], 50);
        const g95 = percentile(viaGateway[k], 95);
        const d50 = percentile(direct[k], 50);
        const d95 = percentile(direct[k], 95);
        console.log(
          `${label} ${k === 'count' ? '党员数 member count' : '首页 first page'}: gateway p50 ${g50.toFixed(1)} ms p95 ${g95.toFixed(1)} ms; ` +
            `direct SQL p50 ${d50.toFixed(1)} ms p95 ${d95.toFixed(1)} ms; ratio p95 ${(g95 / d95).toFixed(2)} (target ≤ 2 and < 50 ms)`,
        );
      }
    }
  } finally {
    await pg.end();
    await stack.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
