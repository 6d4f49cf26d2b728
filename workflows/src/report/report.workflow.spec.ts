import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { TaskQueue, campaignScheduleId, type SupervisionActivities } from '@pingyi/contracts';
import { reportWorkflow } from './report.workflow';
import { spotCheckWorkflow } from './spot-check.workflow';
import { milestoneNoticeWorkflow } from './milestone-notice.workflow';
import { deadlineSweepWorkflow } from './deadline-sweep.workflow';
import { createTimeSkippingEnv, maybeRecordHistory, workflowBundle } from '../testing/env.test-util';

describe('report and spot-check workflows (the schedules’ actions)', () => {
  let env: TestWorkflowEnvironment;
  const snapshots: Parameters<SupervisionActivities['snapshotReport']>[0][] = [];
  const draws: Parameters<SupervisionActivities['drawScheduledSpotCheck']>[0][] = [];
  const notices: Parameters<SupervisionActivities['issueMilestoneNotices']>[0][] = [];
  const sweeps: Parameters<SupervisionActivities['sweepDeadlines']>[0][] = [];
  const windowSweeps: Parameters<SupervisionActivities['sweepWindowEnds']>[0][] = [];
  let failNextSnapshot = false;

  const activities: SupervisionActivities = {
    async snapshotReport(input) {
      snapshots.push(input);
      if (failNextSnapshot) {
        failNextSnapshot = false; // the database was away once
        throw ApplicationFailure.retryable('connection lost');
      }
      return { snapshots: 3, created: true };
    },
    async drawScheduledSpotCheck(input) {
      draws.push(input);
      return { drawId: `draw-${draws.length}`, created: true };
    },
    async issueMilestoneNotices(input) {
      notices.push(input);
      // The first run finds two nodes passed (one missed while paused); a repeated run finds them noticed.
      return { issued: notices.length === 1 ? ['committed', 'self_evaluated'] : [] };
    },
    async sweepDeadlines(input) {
      sweeps.push(input);
      // Two full chunks, then the rest.
      return { swept: sweeps.length < 3 ? input.limit : 7, more: sweeps.length < 3, unitNotices: [] };
    },
    async sweepWindowEnds(input) {
      windowSweeps.push(input);
      // One full chunk, then the rest.
      return { moved: windowSweeps.length < 2 ? input.limit : 3, more: windowSweeps.length < 2 };
    },
  };

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  /** A worker (one run each) while `fn` drives workflows. */
  const run = async <T>(fn: () => Promise<T>): Promise<T> => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TaskQueue.commitment,
      workflowBundle: await workflowBundle(),
      activities,
    });
    return worker.runUntil(fn);
  };

  it('names the month or quarter just ended (China time) and retries a failed snapshot', async () => {
    failNextSnapshot = true;
    const monthly = await run(async () => {
      const handle = await env.client.workflow.start(reportWorkflow, {
        taskQueue: TaskQueue.commitment,
        workflowId: `${campaignScheduleId.monthly('k2026')}-2026-11-30T17:00:00Z`,
        // 1 December, 01:00 in Beijing: the November report.
        args: [{ campaignId: 'k2026', period: 'monthly', scheduledAt: '2026-11-30T17:00:00.000Z' }],
      });
      const r = await handle.result();
      await maybeRecordHistory('report', 'monthly-retried', handle);
      return r;
    });
    expect(monthly).toEqual({
      campaignId: 'k2026',
      period: 'monthly',
      periodLabel: '2026-11',
      snapshots: 3,
      created: true,
    });
    expect(snapshots).toHaveLength(2); // once failed, once done, with the same input
    expect(snapshots[1]).toEqual(snapshots[0]);
    expect(snapshots[0]).toEqual({
      campaignId: 'k2026',
      period: 'monthly',
      periodLabel: '2026-11',
      scheduledAt: '2026-11-30T17:00:00.000Z',
    });

    const quarterly = await run(() =>
      env.client.workflow.execute(reportWorkflow, {
        taskQueue: TaskQueue.commitment,
        workflowId: `${campaignScheduleId.quarterly('k2026')}-2027-01-01T02:00:00Z`,
        args: [{ campaignId: 'k2026', period: 'quarterly', scheduledAt: '2027-01-01T02:00:00.000Z' }],
      }),
    );
    expect(quarterly.periodLabel).toBe('2026-Q4');
  });

  it('labels by the instant for schedules in seconds, and by its own start without a schedule', async () => {
    const instant = await run(() =>
      env.client.workflow.execute(reportWorkflow, {
        taskQueue: TaskQueue.commitment,
        workflowId: 'report-instant',
        args: [
          {
            campaignId: 'k',
            period: 'monthly',
            labelMode: 'instant',
            scheduledAt: '2026-11-27T10:15:04.000Z',
          },
        ],
      }),
    );
    expect(instant.periodLabel).toBe('2026-11-27T10:15:04Z');

    const [unscheduled, startTime] = await run(async () => {
      const handle = await env.client.workflow.start(reportWorkflow, {
        taskQueue: TaskQueue.commitment,
        workflowId: 'report-unscheduled',
        args: [{ campaignId: 'k', period: 'monthly', labelMode: 'instant' }],
      });
      return [await handle.result(), (await handle.describe()).startTime] as const;
    });
    // The test server's clock, to the second.
    expect(unscheduled.periodLabel).toBe(startTime.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  });

  it('draws for the ISO week with a recorded, unforeseeable seed', async () => {
    const r = await run(async () => {
      const handle = await env.client.workflow.start(spotCheckWorkflow, {
        taskQueue: TaskQueue.commitment,
        workflowId: `${campaignScheduleId.spotCheck('k2026')}-2026-11-30T01:00:00Z`,
        // Monday 30 November, 09:00 in Beijing.
        args: [{ campaignId: 'k2026', units: 5, cadres: 3, scheduledAt: '2026-11-30T01:00:00.000Z' }],
      });
      const result = await handle.result();
      await maybeRecordHistory('report', 'spot-check', handle);
      return result;
    });
    expect(r.week).toBe('2026-W49');
    expect(r.seed).toMatch(/^k2026:2026-W49:[0-9a-f]{8}$/);
    expect(draws.at(-1)).toEqual({
      campaignId: 'k2026',
      week: '2026-W49',
      seed: r.seed,
      units: 5,
      cadres: 3,
    });
  });

  it('notices the nodes passed by the scheduled time; a repeated run notices nothing more', async () => {
    const at = '2027-03-16T16:01:00.000Z';
    const first = await run(async () => {
      const handle = await env.client.workflow.start(milestoneNoticeWorkflow, {
        taskQueue: TaskQueue.commitment,
        workflowId: `${campaignScheduleId.milestones('k2026')}-${at}`,
        args: [{ campaignId: 'k2026', scheduledAt: at }],
      });
      const result = await handle.result();
      await maybeRecordHistory('report', 'milestone-notice', handle);
      return result;
    });
    expect(first).toEqual({ campaignId: 'k2026', issued: ['committed', 'self_evaluated'] });
    const again = await run(() =>
      env.client.workflow.execute(milestoneNoticeWorkflow, {
        taskQueue: TaskQueue.commitment,
        workflowId: `${campaignScheduleId.milestones('k2026')}-again`,
        args: [{ campaignId: 'k2026', scheduledAt: at }],
      }),
    );
    expect(again.issued).toEqual([]);
    expect(notices).toEqual([
      { campaignId: 'k2026', asOf: at },
      { campaignId: 'k2026', asOf: at },
    ]);
  });

  it('逾期登记: moves the window ends, then sweeps the deadlines passed by the scheduled time less the grace, chunk by chunk until none is left', async () => {
    const r = await run(() =>
      env.client.workflow.execute(deadlineSweepWorkflow, {
        taskQueue: TaskQueue.commitment,
        workflowId: `${campaignScheduleId.deadlines('k2026')}-2026-11-30T16:02:00Z`,
        args: [{ campaignId: 'k2026', graceMs: 60_000, scheduledAt: '2026-11-30T16:02:00.000Z' }],
      }),
    );
    expect(r).toEqual({ campaignId: 'k2026', swept: 1007 });
    const chunk = { campaignId: 'k2026', asOf: '2026-11-30T16:01:00.000Z', limit: 500 };
    expect(windowSweeps).toEqual([chunk, chunk]);
    expect(sweeps).toEqual(
      Array.from({ length: 3 }, () => ({
        campaignId: 'k2026',
        asOf: '2026-11-30T16:01:00.000Z',
        limit: 500,
      })),
    );
  });
});
