/*
 * `npm run bench:exports -- --from-db`: the 承诺台账 of a Baotou-size campaign exported by the product itself —
 * insight's read model (the rows written straight into insight.commitment_fact), `startExport` through the gateway, the
 * export workflow on the insight worker storing the file in chunks, the download through the gateway — against
 * `COPY (the same select) TO STDOUT` of the same rows from the same table, in the same run.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client as PgClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { mintAccessToken } from '@pingyi/auth';
import { loadConfig } from '@pingyi/config';
import { startStack } from '@pingyi/local-stack';
import { cpuMsOfPidFile, peakSampler, rssOfPidFile } from './bench-util';

const ROOT = 'bt';
const CAMPAIGN = 'bench-exports';
const COUNTIES = 9;
const UNITS = 7_535;

/** A tree of the Baotou preset's size: the prefecture, 9 counties, the rest branches; members spread over branches. */
const FILL = [
  `insert into insight.campaign (id, name, scope_path, status, updated_at)
     values ('${CAMPAIGN}', '2026 年度承诺践诺活动（导出基准）', '${ROOT}', 'open', now())`,
  `insert into insight.unit (id, path, name, level)
   select 'u' || i,
          case when i = 0 then '${ROOT}' when i <= ${COUNTIES} then '${ROOT}.c' || i
               else '${ROOT}.c' || (1 + i % ${COUNTIES}) || '.b' || i end,
          case when i = 0 then '包头市' when i <= ${COUNTIES} then '第' || i || '旗县区党委'
               else '第' || (1 + i % ${COUNTIES}) || '旗县区第' || i || '党支部' end,
          case when i = 0 then 'prefecture' when i <= ${COUNTIES} then 'county' else 'branch' end
     from generate_series(0, ${UNITS - 1}) i`,
  `insert into insight.commitment_fact (id, campaign_id, subject_kind, subject_id, subject_name, org_path, stage,
          deadline_missed, objections, opened_at, updated_at, items, submitted_at, accepted_at)
   select md5('c' || n)::uuid, '${CAMPAIGN}',
          case when n < ${UNITS} then 'unit' else 'member' end,
          's' || n,
          case when n < ${UNITS} then u.name else '党员' || n end,
          u.path,
          (array['fulfilment','self_evaluation','leadership_review','rectification','closed'])[1 + n % 5],
          n % 11 = 0, case when n % 5 = 0 then 1 else 0 end,
          timestamptz '2026-03-01', timestamptz '2026-11-29' + (n % 86400) * interval '1 second',
          (select jsonb_agg(jsonb_build_object(
                    'content', '第' || k || '项：' || (array['村道硬化','困难户帮扶','党员冬训','志愿服务','矛盾调解'])[1 + (n + k) % 5] || '，全年不少于' || (2 + k) || '次',
                    'target', '完成率达到' || (n + k) % 100 || '%',
                    'dueDate', '2026-' || lpad((1 + (n + k) % 12)::text, 2, '0') || '-28'))
             from generate_series(1, 2 + n % 3) k),
          timestamptz '2026-03-01' + (n % 3600) * interval '1 second',
          timestamptz '2026-03-05' + (n % 3600) * interval '1 second'
     from generate_series(0, $1::int - 1) n
     join insight.unit u on u.id = 'u' || (case when n < ${UNITS} then n else ${COUNTIES + 1} + n % ${UNITS - COUNTIES - 1} end)`,
  `analyze insight.commitment_fact`,
  `analyze insight.unit`,
];

/** The columns the export reads (services/insight/src/exports/commitment-rows.ts), the same subtree and order. */
const SAME_ROWS = `select f.id, f.org_path, f.subject_kind, f.subject_name, f.items, f.stage, f.deadline_missed,
       f.objections, f.submitted_at, f.accepted_at, f.updated_at,
       (select u.name from insight.unit u where u.path = f.org_path limit 1) unit_name,
       (select c.name from insight.campaign c where c.id = f.campaign_id) campaign_name
  from insight.commitment_fact f
 where f.campaign_id = '${CAMPAIGN}' and (f.org_path = '${ROOT}' or starts_with(f.org_path, '${ROOT}.'))
 order by f.org_path, f.id`;

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function copyOut(pg: PgClient, file: string): Promise<number> {
  const t = Date.now();
  await pipeline(pg.query(copyTo(`copy (${SAME_ROWS}) to stdout`)), createWriteStream(file));
  return Date.now() - t;
}

export async function fromDb(rows: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-bench-exports-db-'));
  const stack = await startStack({
    profile: 'test',
    instance: 'bench-exports',
    services: true,
    ui: false,
    ephemeral: true,
    say: () => undefined,
    ports: {
      postgres: 55551,
      temporal: 7651,
      temporalUi: 8651,
      kafka: 9751,
      kafkaController: 9752,
      gateway: 4651,
      org: 4652,
      commitment: 4653,
      insight: 4654,
      smtp: 2651,
      mailWeb: 2652,
    },
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => void stack.stop().finally(() => process.exit(130)));
  const pg = new PgClient({ connectionString: stack.env['DATABASE_URL'] });
  await pg.connect();
  // This stack's insight worker only, by its pid file (other stacks may run the same entry on this machine).
  const WORKER = join(stack.logDir, '..', 'run', 'insight-worker.pid');
  const worker = () => rssOfPidFile(WORKER);
  try {
    const tFill = Date.now();
    for (const q of FILL) await pg.query(q, q.includes('$1') ? [rows] : []);
    const { n } = (await pg.query<{ n: number }>(`select count(*)::int n from insight.commitment_fact`))
      .rows[0]!;
    console.log(
      `read model: ${n.toLocaleString('en')} commitment facts, ${UNITS} units, in ${secs(Date.now() - tFill)}`,
    );

    await copyOut(pg, join(dir, 'warm.copy'));
    const token = await mintAccessToken({
      secret: stack.env['JWT_SECRET'] ?? loadConfig(stack.env).JWT_SECRET,
      issuer: 'pingyi',
      personId: 'bench-admin',
      roles: ['prefecture_admin'],
      orgPath: ROOT,
    });
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const r = await fetch(stack.urls.graphql, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await r.json()) as { data?: Record<string, any>; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!;
    };
    const rss = peakSampler(worker, 250);
    const rssBefore = worker();
    const cpu0 = cpuMsOfPidFile(WORKER);
    const t0 = Date.now();
    const started = (
      await gql(`mutation($i: StartExportInput!) { startExport(input: $i) { id total } }`, {
        i: { campaignId: CAMPAIGN, orgPath: ROOT, kind: 'commitment_ledger' },
      })
    )['startExport'] as { id: string; total: number };
    let job: { status: string; done: number; total: number; progressLabel: string; error: string | null };
    for (let last = ''; ; await sleep(500)) {
      job = (
        await gql(`query($id: ID!) { exportJob(id: $id) { status done total progressLabel error } }`, {
          id: started.id,
        })
      )['exportJob'] as typeof job;
      if (job.progressLabel !== last && Date.now() - t0 > 5000)
        process.stdout.write(`\r${job.progressLabel}   `);
      last = job.progressLabel;
      if (job.status === 'done' || job.status === 'failed') break;
    }
    const exportMs = Date.now() - t0;
    const cpuMs = cpuMsOfPidFile(WORKER) - cpu0;
    const peak = rss.stop();
    if (job.status !== 'done') throw new Error(`导出失败：${job.error}`);
    const file = join(dir, '承诺台账.xlsx');
    const t1 = Date.now();
    const res = await fetch(stack.urls.graphql.replace(/\/graphql$/, `/exports/${started.id}`), {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok || !res.body) throw new Error(`下载失败：HTTP ${res.status}`);
    const out = createWriteStream(file);
    await pipeline(Readable.fromWeb(res.body as never), out);
    const downloadMs = Date.now() - t1;
    const copyMs = await copyOut(pg, join(dir, 'baseline.copy'));
    const mib = (f: string) => (statSync(f).size / 1024 / 1024).toFixed(1);
    console.log(
      `\r承诺台账 of the prefecture from insight's read model, ${job.done.toLocaleString('en')} rows`,
    );
    console.log(
      `export (startExport → job done, the insight worker writing the XLSX in chunks): ${secs(exportMs)}, ` +
        `${Math.round(job.done / (exportMs / 1000)).toLocaleString('en')} rows/s; insight worker CPU ${secs(cpuMs)}, RSS ` +
        `${rssBefore.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB`,
    );
    console.log(`download through the gateway: ${secs(downloadMs)}, ${mib(file)} MiB`);
    console.log(
      `baseline COPY (same select) TO STDOUT: ${secs(copyMs)}, ${mib(join(dir, 'baseline.copy'))} MiB`,
    );
    console.log(`ratio export / COPY: time ${(exportMs / copyMs).toFixed(2)}`);
    console.log(
      `targets: < 60 s ${exportMs < 60_000 ? 'met' : 'NOT met'}, peak RSS < 512 MiB ${peak < 512 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await pg.end();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
