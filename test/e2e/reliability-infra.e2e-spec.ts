import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, useWorld } from './lifecycle-fixtures';
import { healthyAt, killAll, pidsOf, polling, restart } from './processes';
import { account, alive, health, healthUrl, stepsThrough } from './steps-through';

const WORKER = 'services/commitment/dist/worker.js';
const COMMITMENT = 'services/commitment/dist/main.js';

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

  it('every backend connection terminated twice mid-steps: nothing exits, no acknowledged step lost or doubled', async () => {
    const r = await stepsThrough(ctx, 'terminate all backends ×2 mid-steps', {
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
    const r = await stepsThrough(ctx, 'PostgreSQL fast shutdown mid-steps, restarted by the stack', {
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
