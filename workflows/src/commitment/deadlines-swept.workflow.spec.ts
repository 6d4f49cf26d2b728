import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv } from '../testing/env.test-util';
import {
  days,
  eventually,
  runLifecycle,
  settings,
  subjects,
  who,
  within,
} from '../testing/lifecycle-driver.test-util';

/**
 * A commitment whose campaign sweeps its deadlines (issue 16, node storms): a node passing for everybody must not wake
 * it. It keeps no timer at a person's stage deadline (the sweep records the missed deadline in bulk) and still takes
 * the late step when the person acts.
 */
describe('commitment workflow: deadlines swept by the campaign', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  it('is not woken at the stage deadlines: no timer, no fact, no notice; late steps are still taken', async () => {
    const stageDeadline = new Date((await env.currentTimeMs()) + days(settings.draftDays)).toISOString();
    await runLifecycle(
      env,
      'swept',
      {
        subject: { ...subjects.member, actorId: 'm-1' },
        subjectActor: who.m1,
        reviewer: who.branchSecretary,
        input: { scopePath: 'xl.dw', opened: { stageDeadline }, deadlinesSwept: true },
        ready: (run) =>
          eventually(
            () => run.state(),
            (s) => s.deadlineStage === 'drafting',
            'launched into drafting',
          ),
      },
      async (run) => {
        await run.sleepUntil(new Date(Date.parse(stageDeadline) + days(1)).toISOString());
        const history = await run.handle.fetchHistory();
        const timers = (history.events ?? []).filter((e) => e.timerStartedEventAttributes);
        expect(timers).toHaveLength(0);
        expect(run.fakes.facts).toEqual([]);
        expect(run.fakes.notifications).toEqual([]);
        expect(await run.state()).toMatchObject({ stage: 'drafting', deadlineMissed: false });

        await run.submitAndAccept(); // late, still taken
        expect(await run.act('cancel', who.admin, { reason: '测试结束' })).toEqual({ ok: true });
        expect((await within(run.handle.result(), 'result')).stage).toBe('cancelled');
        expect(run.types()).not.toContain('commitment.deadline_missed');
        expect(run.fakes.notifications.filter((n) => n.kind === 'overdue')).toEqual([]);
      },
    );
  });
});
