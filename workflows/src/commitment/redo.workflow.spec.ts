import { maybeRecordHistory, useTimeSkippingEnv } from '../testing/env.test-util';
import { within } from '../testing/await.test-util';
import {
  eventually,
  expectRefused,
  runLifecycle,
  settings,
  subjects,
  who,
} from '../testing/lifecycle-driver.test-util';
import { closed } from '../testing/commitment-facts.test-util';

describe('commitment workflow: a redo of the leadership review ordered by supervision', () => {
  const env = useTimeSkippingEnv();

  it('sends a commitment back to the leadership review from rectification and from closed; what follows runs again', () =>
    runLifecycle(
      env(),
      'redo-ordered',
      {
        subject: subjects.member,
        subjectActor: who.m1,
        reviewer: who.branchSecretary,
        input: { settings: { ...settings, redoWindowDays: 90 } },
      },
      async (run) => {
        await run.toRectification();
        const order = {
          reason: '点评流于形式，未指出实质问题',
          source: 'inspection' as const,
          taskId: 't-1',
        };
        await expectRefused(run.act('orderRedo', who.branchSecretary, order), 'FORBIDDEN');
        await expectRefused(run.act('orderRedo', who.admin, { ...order, reason: '' }), 'BAD_INPUT');

        // 1. From rectification: the old review's rectification is cancelled, the review is to be done again.
        expect(await run.act('orderRedo', who.admin, order)).toEqual({ ok: true });
        expect(await run.state()).toMatchObject({
          stage: 'leadership_review',
          reviewPassed: false,
          grade: null,
          redoCount: 1,
          redoOrdered: null,
        });
        expect(await within(run.rect(1).handle.result(), 'first rectification')).toMatchObject({
          status: 'cancelled',
        });
        expect(run.facts().find((f) => f.type === 'review.redo_ordered_by_supervision')).toMatchObject({
          actorId: 'p-admin',
          data: {
            from: 'rectification',
            reviewerId: 'p-branch',
            source: 'inspection',
            taskId: 't-1',
            redoCount: 1,
          },
        });
        const told = await eventually(
          async () => run.fakes.notifications.filter((n) => n.kind === 'redo_ordered'),
          (ns) => ns.length === 2,
          'the reviewer and their superior told',
        );
        expect(told.map((n) => n.recipientIds.join())).toEqual(['p-branch', 'p-general']);

        // The review, mass evaluation, rectification and outcome run again; the commitment closes.
        await run.passReview();
        await run.passMassEvaluation();
        await run.settle([run.rect(2)], who.m1);
        expect(await run.act('decideOutcome', who.branchSecretary, { result: 'commend', note: '' })).toEqual({
          ok: true,
        });
        await run.untilStage('closed');

        // 2. From closed (the workflow waits there for a redo order): back to the review once more.
        expect(await run.act('orderRedo', who.admin, { ...order, source: 'admin', taskId: null })).toEqual({
          ok: true,
        });
        expect(await run.state()).toMatchObject({ stage: 'leadership_review', redoCount: 2, outcome: null });
        await run.passReview();
        await run.passMassEvaluation();
        await run.settle([run.rect(3)], who.m1);
        expect(await run.decide()).toEqual(closed(run));
        expect(run.stages().filter((s) => s === 'leadership_review')).toHaveLength(3);
        await maybeRecordHistory('commitment', 'redo-ordered', run.handle);
      },
    ));

  it('refuses a redo before the leadership review has been done', () =>
    runLifecycle(
      env(),
      'redo-too-early',
      { subject: subjects.member, subjectActor: who.m1, reviewer: who.branchSecretary },
      async (run) => {
        await run.submitAndAccept();
        const order = { reason: '点评流于形式', source: 'admin' as const, taskId: null };
        await expectRefused(run.act('orderRedo', who.admin, order), 'WRONG_STAGE');
      },
    ));
});
