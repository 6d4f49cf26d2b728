import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { TaskQueue, type OrgImportActivities, type OrgImportOutcome } from '@pingyi/contracts';
import { orgImportWorkflow } from './org-import.workflow';
import { createTimeSkippingEnv, maybeRecordHistory, workflowBundle } from '../testing/env.test-util';

describe('org import workflow', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  async function run(runImport: () => Promise<OrgImportOutcome>, name: string) {
    const calls: string[] = [];
    const activities: OrgImportActivities = {
      runImport: async () => (calls.push('run'), runImport()),
      failImport: async (i) => void calls.push(`fail:${i.message}`),
    };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TaskQueue.org,
      workflowBundle: await workflowBundle(),
      activities,
    });
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(orgImportWorkflow, {
        taskQueue: TaskQueue.org,
        workflowId: `org-import:${name}`,
        args: [{ jobId: name }],
      });
      const r = await handle.result();
      await maybeRecordHistory('org-import', name, handle);
      return r;
    });
    return { result, calls };
  }

  it.each(['succeeded', 'rejected', 'validated'] as const)('reports the outcome %s', async (outcome) => {
    expect(await run(async () => outcome, outcome)).toEqual({ result: outcome, calls: ['run'] });
  });

  it('retries a failure that may pass (the database was away)', async () => {
    let attempts = 0;
    const { result } = await run(async () => {
      if (++attempts < 2) throw ApplicationFailure.retryable('connection reset');
      return 'succeeded';
    }, 'retried');
    expect(result).toBe('succeeded');
    expect(attempts).toBe(2);
  });

  it('marks the job failed with the reason when writing is refused', async () => {
    const { result, calls } = await run(async () => {
      throw ApplicationFailure.nonRetryable('数据在校验后发生了变化，请重新导入', 'ImportRejected');
    }, 'apply-refused');
    expect(result).toBe('failed');
    expect(calls).toEqual(['run', 'fail:导入失败，未写入任何数据：数据在校验后发生了变化，请重新导入']);
  });
});
