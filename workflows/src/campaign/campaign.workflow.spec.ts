import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import {
  LifecycleSettings,
  TaskQueue,
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
    const workers = await Promise.all([
      Worker.create({
        connection: env.nativeConnection,
        taskQueue: TaskQueue.commitment,
        workflowBundle: await workflowBundle(),
        activities: launch,
      }),
      Worker.create({
        connection: env.nativeConnection,
        taskQueue: TaskQueue.org,
        workflowBundle: await workflowBundle(),
        activities: org,
      }),
    ]);
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
});
