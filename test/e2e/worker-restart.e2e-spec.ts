import { gql } from './helpers';
import {
  GOOD_REVIEW,
  useWorld,
  driveToClosed,
  driveToMassEvaluation,
  eventually,
  fastSettings,
  getCommitment,
  openOne,
} from './lifecycle-fixtures';
import { killAll, pidsOf, polling, restart } from './processes';

const WORKER = 'services/commitment/dist/worker.js';

describe('kill -9 of the commitment worker in the middle of a lifecycle', () => {
  const ctx = useWorld({ kafka: true });
  const w = ctx.w;

  it('completes after a restart with no duplicate rows and no duplicate events', async () => {
    const M = w.person('M');
    const sB = w.person('sB');
    const { commitmentId: id } = await openOne(w, { kind: 'member', id: M.id }, fastSettings());
    await driveToMassEvaluation(id, M.token, sB.token, GOOD_REVIEW(M.id));

    // Kill the worker while the mass evaluation closes and the rectification children start.
    // Whichever process runs it now (an earlier test may have restarted it).
    const pids = pidsOf(WORKER);
    expect(pids.length).toBeGreaterThan(0);
    const closing = gql(
      `mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`,
      { id },
      { token: sB.token },
    );
    await new Promise((r) => setTimeout(r, 150));
    expect(killAll(WORKER)).toBe(pids.length);
    await new Promise((r) => setTimeout(r, 2000));
    // Restarted as Kubernetes runs it: with its own liveness endpoint for the probes.
    const healthPort = 4300 + (Number(process.env['GATEWAY_PORT'] ?? 4010) % 100);
    await restart('commitment-worker-restarted', WORKER, polling, 60_000, {
      ...process.env,
      WORKER_HEALTH_PORT: String(healthPort),
      TEMPORAL_METRICS_PORT: String(healthPort + 100),
    });
    const live = await fetch(`http://127.0.0.1:${healthPort}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'live', workers: ['RUNNING', 'RUNNING'] });
    // Its metrics: the process's own, and the Temporal SDK's (task slots, polls) on their own port.
    expect(await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text()).toMatch(
      /pingyi_process_resident_memory_bytes\{service="commitment-worker"\}/,
    );
    expect(await (await fetch(`http://127.0.0.1:${healthPort + 100}/metrics`)).text()).toMatch(/temporal_/);
    // The step answers within its deadline: done, or accepted and pending while the worker was away (then it takes
    // effect once the worker is back: the next step waits for the rectification stage) — never lost, never refused.
    const closed = await closing;
    if (closed.errors)
      expect(closed.errors[0]?.extensions).toMatchObject({
        code: 'STEP_PENDING',
        details: { outcome: 'pending' },
      });

    await driveToClosedAfterClose(id);
    const c = await getCommitment(w.admin, id);
    expect(c['stage']).toBe('closed');

    // No duplicate rows: one per step.
    const counts = await ctx.pg.query<{ type: string; n: number }>(
      `select type, count(*)::int n from commitment.timeline where commitment_id = $1 group by type`,
      [id],
    );
    const n = Object.fromEntries(counts.rows.map((r) => [r.type, r.n]));
    expect(n).toMatchObject({
      'commitment.opened': 1,
      'commitment.submitted': 1,
      'commitment.accepted': 1,
      'review.submitted': 1,
      'mass_evaluation.closed': 1,
      'rectification.opened': 1,
      'rectification.struck_off': 1,
      'rectification.settled': 1,
      'commitment.closed': 1,
    });
    expect(
      (
        await ctx.pg.query(`select count(*)::int n from commitment.rectification where commitment_id = $1`, [
          id,
        ])
      ).rows[0].n,
    ).toBe(1);
    expect(
      (await ctx.pg.query(`select count(*)::int n from commitment.commitment where id = $1`, [id])).rows[0].n,
    ).toBe(1);

    // No duplicate events: each fact has one event id, and each event id stands for one fact.
    const ids = (
      await ctx.pg.query(`select id from commitment.timeline where commitment_id = $1`, [id])
    ).rows.map((r) => r.id as string);
    await eventually('all events on Kafka', async () => {
      const got = new Set(
        ctx.kafka.events.filter((e) => e.payload['commitmentId'] === id).map((e) => e.eventId),
      );
      return ids.every((x) => got.has(x));
    });
    const mine = ctx.kafka.events.filter(
      (e) => e.payload['commitmentId'] === id && !e.type.startsWith('mass_evaluation.tokens'),
    );
    const distinct = new Set(mine.map((e) => e.eventId));
    expect([...distinct].sort()).toEqual([...ids].sort());
    const perType = (t: string) => new Set(mine.filter((e) => e.type === t).map((e) => e.eventId)).size;
    expect(perType('commitment.closed')).toBe(1);
    expect(perType('rectification.opened')).toBe(1);
  }, 240_000);

  async function driveToClosedAfterClose(id: string) {
    // closeWindow already ran; driveToClosed closes again, which the workflow refuses — so go straight on.
    const sB = w.person('sB');
    const M = w.person('M');
    await eventually(
      'rectification stage',
      async () => (await getCommitment(w.admin, id))['stage'] === 'rectification',
    );
    await driveToClosed(w.admin, id, M.token, sB.token, { skipClose: true });
  }
});
