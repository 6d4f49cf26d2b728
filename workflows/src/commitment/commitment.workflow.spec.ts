import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import {
  TaskQueue,
  commitmentWorkflowId,
  type CommitmentActivities,
  type CommitmentWorkflowInput,
} from '@pingyi/contracts';
import { commitmentWorkflow } from './commitment.workflow';
import { createTimeSkippingEnv, maybeRecordHistory, workflowBundle } from '../testing/env.test-util';

const input: CommitmentWorkflowInput = {
  commitmentId: '00000000-0000-5000-8000-000000000001',
  campaignId: 'test-2026',
  subjectId: 'b-0001',
  subjectKind: 'unit',
  orgPath: 'bt.kdq.c01.b0001',
  title: '为群众办好三件实事',
};

describe('commitment workflow (walking skeleton)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  async function run(activities: CommitmentActivities, name: string) {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TaskQueue.commitment,
      workflowBundle: await workflowBundle(),
      activities,
    });
    return worker.runUntil(async () => {
      const handle = await env.client.workflow.start(commitmentWorkflow, {
        taskQueue: TaskQueue.commitment,
        workflowId: commitmentWorkflowId(input.campaignId, input.subjectId),
        args: [input],
      });
      const result = await handle.result();
      await maybeRecordHistory('commitment', name, handle);
      return result;
    });
  }

  it('records the draft once and completes', async () => {
    const calls: CommitmentWorkflowInput[] = [];
    const result = await run(
      { recordDraft: async (i) => (calls.push(i), { created: true }) },
      'draft-recorded',
    );
    expect(result).toEqual({ commitmentId: input.commitmentId, status: 'drafted' });
    expect(calls).toEqual([input]);
  });

  it('retries the activity until the database answers', async () => {
    let attempts = 0;
    const result = await run(
      {
        recordDraft: async () => {
          attempts++;
          if (attempts < 3) throw ApplicationFailure.retryable('database unavailable');
          return { created: true };
        },
      },
      'draft-retried',
    );
    expect(result.status).toBe('drafted');
    expect(attempts).toBe(3);
  });
});
