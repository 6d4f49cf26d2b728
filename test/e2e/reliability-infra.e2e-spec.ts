import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { gql } from './helpers';
import { driveToPublicity, eventually, fastSettings, openOne, useWorld } from './lifecycle-fixtures';
import { healthyAt, killAll, pidsOf, polling, restart } from './processes';

const SERVICES = [
  'services/org/dist/main.js',
  'services/org/dist/worker.js',
  'services/commitment/dist/main.js',
  'services/commitment/dist/worker.js',
  'services/gateway/dist/main.js',
];
const WORKER = 'services/commitment/dist/worker.js';
const COMMITMENT = 'services/commitment/dist/main.js';
const CLOSE = `mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`;
const PROGRESS = `mutation($id: ID!, $p: Int!, $n: String!) { reportProgress(commitmentId: $id, itemIndex: 0, percent: $p, note: $n) { ok } }`;
const healthUrl = (name: 'gateway' | 'org' | 'commitment') => {
  const port = { gateway: 'GATEWAY_PORT', org: 'ORG_PORT', commitment: 'COMMITMENT_PORT' }[name];
  return `http://127.0.0.1:${process.env[port]}/health`;
};

interface Health {
  status: number;
  body: { status?: string; failing?: { part: string; code: string; message: string }[] };
}
async function health(url: string): Promise<Health> {
  const r = await fetch(url, { signal: AbortSignal.timeout(8000) });
  return { status: r.status, body: (await r.json()) as Health['body'] };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function account(test: string, a: Record<string, number | string>): void {
  process.stdout.write(
    `\n[可靠性 reliability] ${test}\n${Object.entries(a)
      .map(([k, v]) => `  ${k.padEnd(14)}${v}`)
      .join('\n')}\n`,
  );
}

const logLines = (file: string, text: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.includes(text)).length
    : 0;

/** Terminates every backend connection of the stack's database except this one; returns how many. */
async function terminateAllBackends(pg: ReturnType<typeof useWorld>['pg']): Promise<number> {
  const r = await pg.query(
    `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
  );
  return r.rowCount ?? 0;
}

describe('reliability of the infrastructure (issue 13: findings 1, 2, 3, 5)', () => {
  const ctx = useWorld({ kafka: true });
  const w = ctx.w;

  /** A commitment of this run in fulfilment, where `reportProgress` may be called again and again. */
  async function inFulfilment(): Promise<{ id: string; token: string }> {
    const M = w.person('M');
    const sB = w.person('sB');
    const { commitmentId: id } = await openOne(w, { kind: 'member', id: M.id }, fastSettings());
    await driveToPublicity(id, M.token, sB.token);
    const closed = await gql(CLOSE, { id }, { token: sB.token });
    expect(closed.errors).toBeUndefined();
    return { id, token: M.token };
  }

  /**
   * `tried` progress steps, 3 at a time, each with its own note; `disrupt` runs once `at` answers have come back.
   * Then, once the stack is ready again, checks what was applied: each acknowledged step exactly once, each event
   * published and seen on Kafka once. Prints the accounting.
   */
  async function stepsThrough(
    test: string,
    o: { tried: number; at: number[]; disrupt: () => Promise<unknown>; marker: string },
  ): Promise<{ lost: string[]; duplicated: number; eventsOut: number; eventsSeen: number; exited: number }> {
    const { id, token } = await inFulfilment();
    const pidsBefore = SERVICES.flatMap((e) => pidsOf(e));
    expect(pidsBefore.length).toBe(SERVICES.length);
    const acknowledged: string[] = [];
    const failed: string[] = [];
    let next = 0;
    const lane = async () => {
      while (next < o.tried) {
        const n = `${o.marker}第${next++}步`;
        const r = await gql(PROGRESS, { id, p: next % 100, n }, { token }).catch((e: Error) => ({
          errors: [{ message: e.message }],
        }));
        (r.errors ? failed : acknowledged).push(n);
      }
    };
    const steps = Promise.all([lane(), lane(), lane()]);
    const disruptions: unknown[] = [];
    for (const after of o.at) {
      await eventually(`${after} answers`, async () => acknowledged.length + failed.length >= after, 60_000);
      disruptions.push(await o.disrupt());
    }
    await steps;
    const t0 = Date.now();
    await eventually('every /health ready', async () => (await health(healthUrl('gateway'))).status === 200);
    const recoverMs = Date.now() - t0;
    const after = await gql(PROGRESS, { id, p: 99, n: `${o.marker}之后` }, { token });
    expect(after.errors).toBeUndefined();

    const pg = new PgClient({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
    try {
      const rows = (
        await pg.query<{ note: string; n: number }>(
          `select note, count(*)::int n from commitment.progress where commitment_id = $1 and note like $2 group by note`,
          [id, `${o.marker}第%`],
        )
      ).rows;
      const applied = new Map(rows.map((r) => [r.note, r.n]));
      const outbox = (
        await pg.query<{ id: string }>(
          `select id from commitment.outbox_event where type = 'commitment.progress_reported'
            and envelope->'payload'->>'commitmentId' = $1`,
          [id],
        )
      ).rows.map((r) => r.id);
      const seen = await eventually('every progress event on Kafka', async () => {
        const got = new Set(
          ctx.kafka.events
            .filter((e) => e.type === 'commitment.progress_reported' && e.payload['commitmentId'] === id)
            .map((e) => e.eventId),
        );
        return outbox.every((x) => got.has(x)) && got;
      });
      const r = {
        lost: acknowledged.filter((n) => !applied.has(n)),
        duplicated: rows.filter((x) => x.n > 1).length,
        eventsOut: outbox.length,
        eventsSeen: seen.size,
        exited: pidsBefore.filter((p) => !alive(p)).length,
      };
      account(test, {
        disruptions: disruptions.join(' + '),
        tried: o.tried,
        acknowledged: acknowledged.length,
        'not acked': failed.length,
        applied: applied.size,
        lost: r.lost.length,
        duplicated: r.duplicated,
        'events out': r.eventsOut,
        'events seen': r.eventsSeen,
        exited: r.exited,
        'recover ms': recoverMs,
      });
      return r;
    } finally {
      await pg.end();
    }
  }

  it('every backend connection terminated twice mid-steps: nothing exits, no acknowledged step lost or doubled', async () => {
    const r = await stepsThrough('terminate all backends ×2 mid-steps', {
      tried: 36,
      at: [12, 24],
      marker: '断线演练',
      disrupt: async () => {
        const n = await terminateAllBackends(ctx.pg);
        expect(n).toBeGreaterThan(0);
        return n;
      },
    });
    expect(r).toMatchObject({ lost: [], duplicated: 0, exited: 0 });
    expect(r.eventsSeen).toBe(r.eventsOut);
  }, 150_000);

  it('PostgreSQL stopped mid-steps and restarted: services stay up, no acknowledged step lost or doubled', async () => {
    // The suite's own connection goes down with the server.
    ctx.pg.on('error', () => undefined);
    const stackDir = process.env['PINGYI_E2E_STACK_DIR']!;
    const launcherLog = join(stackDir, 'logs', 'launcher.log');
    const restartsBefore = logLines(launcherLog, '[postgres] 已重启 (restarted)');
    const r = await stepsThrough('PostgreSQL fast shutdown mid-steps, restarted by the stack', {
      tried: 30,
      at: [10],
      marker: '重启演练',
      disrupt: async () => {
        const postmaster = Number(
          readFileSync(join(stackDir, 'postgres', 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0],
        );
        process.kill(postmaster, 'SIGINT');
        const t0 = Date.now();
        await eventually(
          'PostgreSQL restarted by the stack',
          async () => logLines(launcherLog, '[postgres] 已重启 (restarted)') > restartsBefore,
          60_000,
        );
        return `postgres down ${Date.now() - t0} ms`;
      },
    });
    expect(r).toMatchObject({ lost: [], duplicated: 0, exited: 0 });
    expect(r.eventsSeen).toBe(r.eventsOut);
  }, 150_000);

  it('kill -9 of the commitment worker: /health turns not-ready within 30 s, naming it; restarted: ready again', async () => {
    expect((await health(healthUrl('commitment'))).status).toBe(200);
    expect(killAll(WORKER)).toBeGreaterThan(0);
    const t0 = Date.now();
    const down = await eventually(
      'commitment /health 503',
      async () => {
        const h = await health(healthUrl('commitment'));
        return h.status === 503 && h;
      },
      30_000,
    );
    const detectMs = Date.now() - t0;
    expect(down.body.failing).toEqual(
      expect.arrayContaining([expect.objectContaining({ part: 'worker:commitment', code: 'WORKER_DOWN' })]),
    );
    expect(down.body.failing![0]!.message).toMatch(/任务队列 .* worker/);
    const gw = await health(healthUrl('gateway'));
    expect(gw.status).toBe(503);
    expect(gw.body.failing).toEqual(
      expect.arrayContaining([expect.objectContaining({ part: 'commitment/worker:commitment' })]),
    );

    const t1 = Date.now();
    await restart('commitment-worker-reliability', WORKER, polling);
    await eventually(
      'commitment /health 200',
      async () => (await health(healthUrl('commitment'))).status === 200,
    );
    const recoverMs = Date.now() - t1;
    account('kill -9 commitment worker', {
      'detect ms': detectMs,
      'recover ms': recoverMs,
      lost: 0,
      duplicated: 0,
    });
    expect(detectMs).toBeLessThan(30_000);
  }, 90_000);

  it('kill -9 of the commitment service: the restarted process serves /health within 5 s', async () => {
    const pids = pidsOf(COMMITMENT);
    expect(pids.length).toBe(1);
    expect(killAll(COMMITMENT)).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    // Liveness: /health answers at all (200, or 503 while the consumer group rejoins).
    await restart('commitment-reliability', COMMITMENT, async () => {
      const r = await fetch(healthUrl('commitment'), { signal: AbortSignal.timeout(2000) });
      return r.status === 200 || r.status === 503;
    });
    const liveMs = Date.now() - t0;
    await eventually('commitment ready', healthyAt(healthUrl('commitment')), 60_000);
    const readyMs = Date.now() - t0;
    account('kill -9 commitment service, restarted', {
      'health ms': liveMs,
      'ready ms': readyMs,
      lost: 0,
      duplicated: 0,
    });
    expect(liveMs).toBeLessThan(5000);
  }, 90_000);

  it('the launcher reports a service killed with kill -9 (name, exit, log) and restarts it; Ctrl-C stops all', async () => {
    const ports = { GATEWAY_PORT: '4407', ORG_PORT: '4408', COMMITMENT_PORT: '4409', INSIGHT_PORT: '4410' };
    const instance = 'reliability-launcher';
    const cli = join(__dirname, '..', '..', 'deploy', 'local', 'dist', 'cli.js');
    // Its own services on the e2e stack's PostgreSQL, Temporal and Kafka (external to it).
    const child = spawn(
      process.execPath,
      [cli, 'start', '--profile', 'test', '--instance', instance, '--ephemeral', '--no-ui', '--no-demo'],
      { env: { ...process.env, ...ports }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      await eventually('launcher ready', async () => out.includes('按 Ctrl-C 停止'), 120_000);
      const runDir = join(process.env['PINGYI_E2E_STACK_DIR']!, '..', instance, 'run');
      const pid = Number(readFileSync(join(runDir, 'org.pid'), 'utf8'));
      process.kill(pid, 'SIGKILL');
      const t0 = Date.now();
      await eventually('reported', async () => out.includes('[org] 意外退出 (died)'), 10_000);
      const reportMs = Date.now() - t0;
      expect(out).toMatch(/\[org\] 意外退出 \(died\): .*code=null signal=SIGKILL；日志 \(log\): .*org\.log/);
      await eventually('restarted', async () => out.includes('[org] 已重启 (restarted)'), 60_000);
      const restartMs = Date.now() - t0;
      const newPid = Number(readFileSync(join(runDir, 'org.pid'), 'utf8'));
      expect(newPid).not.toBe(pid);
      expect((await fetch(`http://127.0.0.1:${ports.ORG_PORT}/health`)).status).toBe(200);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(out).toContain('已全部停止 (all stopped)');
      expect(alive(newPid)).toBe(false);
      account('launcher: kill -9 of its org service', {
        'report ms': reportMs,
        'restart ms': restartMs,
        'left running': [newPid].filter(alive).length,
        lost: 0,
        duplicated: 0,
      });
    } finally {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
    }
  }, 180_000);
});
