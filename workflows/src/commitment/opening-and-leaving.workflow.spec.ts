import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { createTimeSkippingEnv, maybeRecordHistory } from '../testing/env.test-util';
import {
  ITEMS,
  days,
  eventually,
  runLifecycle,
  settings,
  subjects,
  who,
  within,
} from '../testing/lifecycle-driver.test-util';
import { orgChangedSignal } from '@pingyi/contracts';

/** Paths the service reaches (a campaign launch, a subject out of scope, a subject who left), run on the test server. */
describe('commitment workflow: how it opens and how a subject leaves', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  it('starts a launched commitment in drafting with the launch’s deadline, recording nothing at start', async () => {
    const stageDeadline = new Date((await env.currentTimeMs()) + days(settings.draftDays)).toISOString();
    await runLifecycle(
      env,
      'launched',
      {
        subject: { ...subjects.member, actorId: 'm-1' },
        subjectActor: who.m1,
        reviewer: who.branchSecretary,
        input: { scopePath: 'xl.dw', opened: { stageDeadline } },
        ready: (run) =>
          eventually(
            () => run.state(),
            (s) => s.deadlineStage === 'drafting',
            'launched into drafting',
          ),
      },
      async (run) => {
        // The launch recorded the opening (fact #0) and the subject's notice (#n1): the counter starts past them.
        expect(await run.state()).toMatchObject({
          seq: 2,
          stage: 'drafting',
          stageDeadline,
          subjectActorId: 'm-1',
          reviewer: null,
        });
        expect(run.fakes.facts).toEqual([]);
        expect(run.fakes.notifications).toEqual([]);

        await run.sleepUntil(stageDeadline);
        await eventually(
          async () => run.fakes.notifications.filter((n) => n.kind === 'overdue'),
          (ns) => ns.length === 1 && ns[0]!.recipientIds.join() === 'm-1',
          'the overdue notice to the subject',
        );
        expect(run.facts()[0]).toMatchObject({
          key: `${run.handle.workflowId}#2`,
          type: 'commitment.deadline_missed',
          data: { stage: 'drafting', deadline: stageDeadline },
        });

        await run.submitAndAccept(); // late, still taken
        expect(await run.act('cancel', who.admin, { reason: '测试结束' })).toEqual({ ok: true });
        expect((await within(run.handle.result(), 'result')).stage).toBe('cancelled');
        expect(run.types()).toEqual([
          'commitment.deadline_missed',
          'commitment.submitted',
          'commitment.reviewer_changed',
          'commitment.stage_changed', // → acceptance
          'commitment.accepted',
          'commitment.stage_changed', // → publicity
          'commitment.cancelled',
        ]);
        await maybeRecordHistory('commitment', 'launched', run.handle);
      },
    );
  });

  it('refuses a subject outside the campaign’s scope before recording anything (OUT_OF_SCOPE)', () =>
    runLifecycle(
      env,
      'out-of-scope',
      {
        // Opened by id only: the workflow learns where the subject sits from the org service.
        subject: { kind: 'member', id: 'm-1', name: '', orgPath: '', unitId: '' },
        subjectActor: who.m1,
        reviewer: who.branchSecretary,
        input: { scopePath: 'xl.dw.c2' },
        ready: async () => undefined,
      },
      async (run) => {
        const failure = await within(run.handle.result(), 'result').then(
          () => null,
          (e: unknown) => e,
        );
        expect(failure).toBeInstanceOf(WorkflowFailedError);
        const cause = (failure as WorkflowFailedError).cause;
        expect(cause).toBeInstanceOf(ApplicationFailure);
        expect(cause).toMatchObject({
          type: 'OUT_OF_SCOPE',
          nonRetryable: true,
          message: '“m-1”不在本次活动范围（xl.dw.c2）内',
        });
        expect(run.fakes.facts).toEqual([]);
        expect(run.fakes.notifications).toEqual([]);
        await maybeRecordHistory('commitment', 'out-of-scope', run.handle);
      },
    ));

  it('closes as cancelled when the subject leaves (orgChanged with left), without re-resolving anyone', () =>
    runLifecycle(
      env,
      'left',
      { subject: subjects.member, subjectActor: who.m1, reviewer: who.branchSecretary },
      async (run) => {
        expect(await run.act('submitCommitment', who.m1, { items: ITEMS })).toEqual({ ok: true });
        run.expectStage('acceptance');
        const reason = '党员组织关系转出本旗';
        await run.handle.signal(orgChangedSignal, { reason, eventId: 'evt-left', left: true });

        expect(await within(run.handle.result(), 'result')).toEqual({
          commitmentId: run.input.commitmentId,
          stage: 'cancelled',
          grade: null,
          outcome: null,
        });
        expect(run.types()).toEqual([
          'commitment.opened',
          'commitment.submitted',
          'commitment.reviewer_changed',
          'commitment.stage_changed', // → acceptance
          'commitment.cancelled',
        ]);
        expect(run.facts().at(-1)).toMatchObject({
          stage: 'cancelled',
          data: { from: 'acceptance', to: 'cancelled', reason },
        });
        await maybeRecordHistory('commitment', 'left', run.handle);
      },
    ));
});
