import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { eventually, useWorld } from './lifecycle-fixtures';
import { account, health, stepsThrough } from './steps-through';
import { firedOnce, timerCampaign } from './cluster-timers';

/**
 * Fault tests of the cluster profile (issue 20; `npm run test:cluster`): a real process of Temporal's server or of the
 * Kafka cluster, or PostgreSQL's postmaster (also the server's persistence and visibility store), killed with kill -9
 * while people's steps (Temporal Updates that write facts and outbox events) are in flight — and, for history, while a
 * campaign's timers fall due; the stack's supervisor restarts it. Nothing acknowledged is lost or doubled, every event
 * reaches Kafka, every timer fires once.
 */

const stackDir = () => process.env['PINGYI_E2E_STACK_DIR']!;
const launcherLog = () => join(stackDir(), 'logs', 'launcher.log');
/** The launcher's lines saying `part` was restarted (each begins with its ISO time). */
const restarts = (part: string) =>
  existsSync(launcherLog())
    ? readFileSync(launcherLog(), 'utf8')
        .split('\n')
        .filter((l) => l.includes(`[${part}] 已重启 (restarted)`))
    : [];

/** The outage of the last kill: from the kill to the launcher's line saying the part is back. */
const outage = { killedAt: 0, backAt: 0 };

/** kill -9 of one part of the cluster (the pid on its pid file's first line), then waits until the stack restarted it. */
async function killAndAwaitRestart(part: string, pidFile: string): Promise<string> {
  const before = restarts(part).length;
  const pid = Number(readFileSync(join(stackDir(), pidFile), 'utf8').split('\n')[0]!.trim());
  process.kill(pid, 'SIGKILL');
  outage.killedAt = Date.now();
  const line = await eventually(
    `${part} restarted by the stack`,
    async () => restarts(part)[before],
    120_000,
  );
  outage.backAt = Date.parse(line.split(' ')[0]!);
  return `${part} kill -9, back in ${outage.backAt - outage.killedAt} ms`;
}

describe('cluster profile faults (issue 20)', () => {
  beforeAll(() => {
    // jest.e2e.config.js runs this file only with PINGYI_PROFILE=cluster; anything else is a mistake, not a pass.
    if (process.env['PINGYI_PROFILE'] !== 'cluster')
      throw new Error('cluster-faults 只在集群配置下运行（npm run test:cluster）');
  });
  const ctx = useWorld({ kafka: true });

  it('one Kafka broker killed with kill -9 during a burst and restarted: every event published once and seen', async () => {
    const r = await stepsThrough(ctx, 'kafka-2 kill -9 mid-burst', {
      tried: 30,
      at: [10],
      lanes: 4,
      marker: '断代理演练',
      faultAt: () => outage.killedAt,
      disrupt: () => killAndAwaitRestart('kafka-2', join('kafka-2', 'kafka.pid')),
    });
    expect(r).toMatchObject({ lost: [], duplicated: 0, exited: 0 });
    expect(r.eventsSeen).toBe(r.eventsOut);
  }, 300_000);

  it('the Temporal history process killed with kill -9 with timers and steps in flight: each timer fires once, no step lost or doubled', async () => {
    // A campaign's publicity windows (12 s, opened by accepts in flight) end while history is down: the kill comes
    // 0.4 s before the first is due, and the supervisor waits 1 s before it restarts history. Their ends are the
    // campaign's sweep's (issue 16): its schedule's timer fires through the kill and each end is recorded once.
    const timers = await timerCampaign(ctx, 6, 12);
    const r = await stepsThrough(ctx, 'temporal history kill -9 mid-steps, publicity timers due', {
      tried: 24,
      at: [8],
      marker: '历史服务演练',
      untilDisrupted: true,
      faultAt: () => outage.killedAt,
      disrupt: async () => {
        const due = await timers.accept();
        await new Promise((res) => setTimeout(res, Math.max(0, Math.min(...due) - 400 - Date.now())));
        return killAndAwaitRestart('temporal-history', join('temporal-cluster', 'history.pid'));
      },
    });
    expect(r).toMatchObject({ lost: [], duplicated: 0, exited: 0 });
    expect(r.eventsSeen).toBe(r.eventsOut);
    const t = await firedOnce(ctx, timers.campaignId, outage);
    account('publicity timers of one campaign through the history kill', { ...t });
    expect(t.timers).toBe(6);
    expect(t['due in outage']).toBeGreaterThan(0);
    expect(t.fired).toBe(6);
    expect(t.doubled).toBe(0);
  }, 300_000);

  it('the Temporal matching process killed with kill -9 and restarted: polls resume, no step lost or doubled', async () => {
    const r = await stepsThrough(ctx, 'temporal matching kill -9 mid-steps', {
      tried: 24,
      at: [8],
      marker: '匹配服务演练',
      faultAt: () => outage.killedAt,
      disrupt: () => killAndAwaitRestart('temporal-matching', join('temporal-cluster', 'matching.pid')),
    });
    expect(r).toMatchObject({ lost: [], duplicated: 0, exited: 0 });
    expect(r.eventsSeen).toBe(r.eventsOut);
  }, 300_000);

  it('PostgreSQL (also Temporal’s store) killed with kill -9 mid-steps and restarted: all reconnect, no step lost', async () => {
    // The suite's own connection goes down with the server (this test is the file's last).
    ctx.pg.on('error', () => undefined);
    const r = await stepsThrough(ctx, 'postgres kill -9 of the postmaster mid-steps', {
      tried: 30,
      at: [10],
      marker: '数据库演练',
      untilDisrupted: true,
      faultAt: () => outage.killedAt,
      disrupt: () => killAndAwaitRestart('postgres', join('postgres', 'pgdata', 'postmaster.pid')),
    });
    expect(r).toMatchObject({ lost: [], duplicated: 0, exited: 0 });
    expect(r.eventsSeen).toBe(r.eventsOut);
    // Every service answers ready again (the gateway's /health, awaited by stepsThrough, includes org and commitment).
    for (const port of ['ORG_PORT', 'COMMITMENT_PORT', 'INSIGHT_PORT', 'GATEWAY_PORT'])
      expect((await health(`http://127.0.0.1:${process.env[port]}/health`)).status).toBe(200);
    // The read models' consumer (insight) applied each event: its inbox is keyed by event id, so once.
    const pg = new PgClient({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
    try {
      const t0 = Date.now();
      const applied = await eventually('insight applied every progress event', async () => {
        const q = await pg.query(
          `select count(*)::int n from insight.applied_event where event_id = any($1::uuid[])`,
          [r.outbox],
        );
        return q.rows[0].n === r.outbox.length && (q.rows[0].n as number);
      });
      account('postgres kill -9: the insight consumer', {
        'events out': r.outbox.length,
        applied,
        'wait ms': Date.now() - t0,
      });
    } finally {
      await pg.end();
    }
  }, 300_000);
});
