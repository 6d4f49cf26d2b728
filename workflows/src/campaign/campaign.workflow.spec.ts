import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import {
  LifecycleSettings,
  TaskQueue,
  campaignControlSignal,
  campaignWorkflowId,
  type CampaignActivities,
  type OrgActivities,
  type SubjectRef,
} from '@pingyi/contracts';
import { campaignWorkflow } from './campaign.workflow';
import { createTimeSkippingEnv, maybeRecordHistory, workflowBundle } from '../testing/env.test-util';

const SUBJECTS: SubjectRef[] = Array.from({ length: 1050 }, (_, i) => ({
  kind: i % 10 === 0 ? 'unit' : 'member',
  id: `s${String(i).padStart(5, '0')}`,
  name: `对象${i}`,
  orgPath: `bt.c${i % 7}`,
  unitId: `u${i % 70}`,
}));

describe('campaign launch workflow', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  /** The launch's worker (commitment queue) and a fake org worker. */
  const launchWorkers = async (launch: CampaignActivities, org: Pick<OrgActivities, 'listSubjects'>) => {
    const bundle = await workflowBundle();
    return Promise.all([
      Worker.create({
        connection: env.nativeConnection,
        taskQueue: TaskQueue.commitment,
        workflowBundle: bundle,
        activities: launch,
      }),
      Worker.create({
        connection: env.nativeConnection,
        taskQueue: TaskQueue.org,
        workflowBundle: bundle,
        activities: org,
      }),
    ]);
  };

  it('starts one commitment per subject across pages and runs, once each, through a failed batch', async () => {
    const started = new Map<string, number>();
    const progress: { created: number; done: boolean }[] = [];
    let failOnce = true;
    const org: Pick<OrgActivities, 'listSubjects'> = {
      async listSubjects({ cursor, pageSize }) {
        const from = cursor ? Number(cursor) : 0;
        const next = from + pageSize;
        return {
          subjects: SUBJECTS.slice(from, next),
          nextCursor: next < SUBJECTS.length ? String(next) : null,
        };
      },
    };
    const launch: CampaignActivities = {
      async startCommitments({ subjects }) {
        let fresh = 0;
        let existing = 0;
        for (const [i, s] of subjects.entries()) {
          // Deterministic workflow ids: a second start of the same subject finds it already running.
          if (started.has(s.id)) existing++;
          else {
            started.set(s.id, (started.get(s.id) ?? 0) + 1);
            fresh++;
          }
          if (failOnce && started.size === 450 && i < subjects.length - 1) {
            failOnce = false; // the worker dies half-way through a batch
            throw ApplicationFailure.retryable('worker lost');
          }
        }
        return { started: fresh, existing };
      },
      async recordCampaignProgress({ created, done }) {
        progress.push({ created, done });
      },
    };
    const workers = await launchWorkers(launch, org);
    const result = await workers[0].runUntil(
      workers[1].runUntil(async () => {
        const handle = await env.client.workflow.start(campaignWorkflow, {
          taskQueue: TaskQueue.commitment,
          workflowId: campaignWorkflowId('test-2026'),
          args: [
            {
              campaignId: 'test-2026',
              scopePath: 'bt',
              settings: LifecycleSettings.parse({}),
              kinds: ['unit', 'member'],
              pageSize: 100,
              pagesPerRun: 4,
            },
          ],
        });
        const r = await handle.result();
        const runs = (await handle.describe()).runId !== handle.firstExecutionRunId;
        expect(runs).toBe(true); // continued as new at least once
        await maybeRecordHistory('campaign', 'launched', handle);
        return r;
      }),
    );
    expect(result).toEqual({ campaignId: 'test-2026', created: 1050 });
    expect(started.size).toBe(1050);
    expect([...started.values()].every((n) => n === 1)).toBe(true);
    expect(progress[progress.length - 1]).toEqual({ created: 1050, done: true });
    expect(progress.filter((p) => p.done)).toHaveLength(1);
  });

  it('waits while paused, goes on when resumed, and stops when closed', async () => {
    const started = new Set<string>();
    let release: (() => void) | null = null;
    const org: Pick<OrgActivities, 'listSubjects'> = {
      async listSubjects({ cursor, pageSize }) {
        const from = cursor ? Number(cursor) : 0;
        const next = from + pageSize;
        return {
          subjects: SUBJECTS.slice(from, next),
          nextCursor: next < SUBJECTS.length ? String(next) : null,
        };
      },
    };
    const gate = { pages: 0 };
    const launch: CampaignActivities = {
      async startCommitments({ subjects }) {
        for (const s of subjects) started.add(s.id);
        gate.pages++;
        // Pages 2 and 4 wait for the test, so the signals land while the launch is under way.
        if (gate.pages === 2 || gate.pages === 4) await new Promise<void>((r) => (release = r));
        return { started: subjects.length, existing: 0 };
      },
      async recordCampaignProgress() {},
    };
    const workers = await launchWorkers(launch, org);
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
      expect(ok()).toBe(true);
    };
    const result = await workers[0].runUntil(
      workers[1].runUntil(async () => {
        const handle = await env.client.workflow.start(campaignWorkflow, {
          taskQueue: TaskQueue.commitment,
          workflowId: campaignWorkflowId('test-control'),
          args: [
            {
              campaignId: 'test-control',
              scopePath: 'bt',
              settings: LifecycleSettings.parse({}),
              kinds: ['unit', 'member'],
              pageSize: 100,
            },
          ],
        });
        await until(() => release !== null);
        await handle.signal(campaignControlSignal, { action: 'pause' });
        release!();
        // Paused: the page under way finishes, no further page starts.
        await new Promise((r) => setTimeout(r, 1500));
        expect(started.size).toBe(200);
        release = null;
        await handle.signal(campaignControlSignal, { action: 'resume' });
        await until(() => release !== null);
        await handle.signal(campaignControlSignal, { action: 'close' });
        release!();
        return handle.result();
      }),
    );
    // Closed during page 4: that page finishes, none after it starts.
    expect(result).toEqual({ campaignId: 'test-control', created: 400, stopped: true });
    expect(started.size).toBe(400);
  });
});
