import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { TaskQueue, type OrgActivities, type ReviewerResolution } from '@pingyi/contracts';
import { checkSubjectsWorkflow } from './check-subjects.workflow';
import { createTimeSkippingEnv, workflowBundle } from '../testing/env.test-util';

describe('check subjects workflow', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('tells where each subject sits, and which the org service does not know', async () => {
    const places: Record<string, string> = { u1: 'p.c', m1: 'p.c.b', m2: 'p.d.b' };
    const asked: string[] = [];
    const resolveReviewer: OrgActivities['resolveReviewer'] = async (i) => {
      asked.push(i.subjectId);
      const path = places[i.subjectId];
      if (!path) throw ApplicationFailure.nonRetryable(`member ${i.subjectId} not found`, 'OrgNotFound');
      return { subjectOrgPath: path } as ReviewerResolution;
    };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TaskQueue.org,
      workflowBundle: await workflowBundle(),
      activities: { resolveReviewer },
    });
    const subjects = [
      { kind: 'unit' as const, id: 'u1' },
      { kind: 'member' as const, id: 'm1' },
      { kind: 'member' as const, id: 'gone' },
      ...Array.from({ length: 30 }, (_, i) => ({ kind: 'member' as const, id: i % 2 ? 'm2' : 'm1' })),
    ];
    const r = await worker.runUntil(
      env.client.workflow.execute(checkSubjectsWorkflow, {
        taskQueue: TaskQueue.org,
        workflowId: 'check-subjects:test',
        args: [{ subjects }],
      }),
    );
    expect(r.notFound).toEqual([{ kind: 'member', id: 'gone' }]);
    expect(r.found).toHaveLength(subjects.length - 1);
    expect(r.found.slice(0, 2)).toEqual([
      { kind: 'unit', id: 'u1', orgPath: 'p.c' },
      { kind: 'member', id: 'm1', orgPath: 'p.c.b' },
    ]);
    expect(asked).toHaveLength(subjects.length);
  });
});
