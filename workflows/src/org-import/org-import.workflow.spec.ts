import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { TaskQueue, type OrgImportActivities } from '@pingyi/contracts';
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

  async function run(acts: Partial<OrgImportActivities>, name: string) {
    const calls: string[] = [];
    const activities: OrgImportActivities = {
      validateImport: async (i) => (calls.push('validate'), acts.validateImport!(i)),
      applyImport: async (i) => (calls.push('apply'), acts.applyImport!(i)),
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

  it('validates, then applies a clean file', async () => {
    const { result, calls } = await run(
      {
        validateImport: async () => ({ ok: true, totalRows: 10, dryRun: false }),
        applyImport: async () => ({ inserted: 10, updated: 0, unchanged: 0 }),
      },
      'clean',
    );
    expect(result).toBe('succeeded');
    expect(calls).toEqual(['validate', 'apply']);
  });

  it('writes nothing when validation finds errors, or on a dry run', async () => {
    const rejected = await run({ validateImport: async () => ({ ok: false, totalRows: 10, dryRun: false }) }, 'rejected');
    expect(rejected).toEqual({ result: 'rejected', calls: ['validate'] });
    const dry = await run({ validateImport: async () => ({ ok: true, totalRows: 10, dryRun: true }) }, 'dry-run');
    expect(dry).toEqual({ result: 'validated', calls: ['validate'] });
  });

  it('marks the job failed with the reason when applying is refused', async () => {
    const { result, calls } = await run(
      {
        validateImport: async () => ({ ok: true, totalRows: 10, dryRun: false }),
        applyImport: async () => {
          throw ApplicationFailure.nonRetryable('数据在校验后发生了变化，请重新导入', 'ImportRejected');
        },
      },
      'apply-refused',
    );
    expect(result).toBe('failed');
    expect(calls).toEqual(['validate', 'apply', 'fail:导入失败，未写入任何数据：数据在校验后发生了变化，请重新导入']);
  });
});
