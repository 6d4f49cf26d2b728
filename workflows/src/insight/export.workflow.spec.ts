import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure, type Workflow } from '@temporalio/common';
import { Context } from '@temporalio/activity';
import { TaskQueue, exportWorkflowId, type ExportActivities } from '@pingyi/contracts';
import { exportWorkflow } from './export.workflow';
import { exportCleanupWorkflow } from './export-cleanup.workflow';
import { createTimeSkippingEnv, maybeRecordHistory, workflowBundle } from '../testing/env.test-util';

describe('export workflows (insight task queue)', () => {
  let env: TestWorkflowEnvironment;
  const attempts: { jobId: string; attempt: number }[] = [];
  const failed: { jobId: string; reason: string }[] = [];
  let expired = 0;

  const activities: ExportActivities = {
    async writeExport({ jobId }) {
      const { attempt } = Context.current().info;
      attempts.push({ jobId, attempt });
      Context.current().heartbeat({ done: 1 });
      if (jobId === 'job-no-form')
        throw ApplicationFailure.nonRetryable('该对象尚无通过的领导点评，暂不能生成登记表');
      // the first attempt dies mid-file (a worker gone): the retry writes the file again
      if (jobId === 'job-retried' && attempt === 1) throw ApplicationFailure.retryable('connection lost');
      return { jobId, status: 'done', done: 3, size: 1234 };
    },
    async failExport(input) {
      failed.push(input);
    },
    async expireExports() {
      expired += 1;
      return { expired: 2 };
    },
  };

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  /** Runs a workflow to its end on a worker of its own; its history is recorded under `name` (RECORD_HISTORIES=1). */
  const runToEnd = async (
    wf: Workflow,
    workflowId: string,
    args: unknown[],
    name: string,
  ): Promise<unknown> => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TaskQueue.insight,
      workflowBundle: await workflowBundle(),
      activities,
    });
    return worker.runUntil(async () => {
      const h = await env.client.workflow.start(wf.name, {
        taskQueue: TaskQueue.insight,
        workflowId,
        args,
      });
      const r = await h.result();
      await maybeRecordHistory('insight', name, h);
      return r;
    });
  };

  it('writes the file; a failed attempt is retried and the file written once more from the start', async () => {
    const id = 'job-retried';
    const result = await runToEnd(exportWorkflow, exportWorkflowId(id), [{ jobId: id }], 'export-retried');
    expect(result).toEqual({ jobId: 'job-retried', status: 'done', done: 3, size: 1234 });
    expect(attempts.filter((a) => a.jobId === 'job-retried').map((a) => a.attempt)).toEqual([1, 2]);
    expect(failed).toEqual([]);
  });

  it('records the job as failed, in Chinese, when the activity cannot succeed', async () => {
    const id = 'job-no-form';
    const result = await runToEnd(exportWorkflow, exportWorkflowId(id), [{ jobId: id }], 'export-failed');
    expect(result).toMatchObject({ status: 'failed' });
    expect(attempts.filter((a) => a.jobId === 'job-no-form')).toHaveLength(1);
    expect(failed).toEqual([{ jobId: 'job-no-form', reason: '该对象尚无通过的领导点评，暂不能生成登记表' }]);
  });

  it('the clean-up run deletes expired files', async () => {
    const result = await runToEnd(exportCleanupWorkflow, 'insight-export-cleanup-test', [], 'export-cleanup');
    expect(result).toEqual({ expired: 2 });
    expect(expired).toBe(1);
  });
});
