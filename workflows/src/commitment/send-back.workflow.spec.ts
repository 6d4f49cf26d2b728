import { maybeRecordHistory, useTimeSkippingEnv } from '../testing/env.test-util';
import {
  SELF_EVALUATION,
  eventually,
  expectRefused,
  review,
  runLifecycle,
  subjects,
  who,
} from '../testing/lifecycle-driver.test-util';
import { closed } from '../testing/commitment-facts.test-util';

describe('commitment workflow: sent back to an earlier step (no dead ends)', () => {
  const env = useTimeSkippingEnv();

  it('sends a self-evaluation whose 回头看 summary is "无" back; the second one passes review', () =>
    runLifecycle(
      env(),
      'self-evaluation-sent-back',
      { subject: subjects.member, subjectActor: who.m1, reviewer: who.branchSecretary },
      async (run) => {
        await run.submitAndAccept();
        await run.passPublicity();
        expect(
          await run.act('submitSelfEvaluation', who.m1, { ...SELF_EVALUATION, priorWorkSummary: '无' }),
        ).toEqual({ ok: true });
        await run.mutualReview(who.m2);
        const failed = await run.act('submitLeadershipReview', who.branchSecretary, review());
        expect(failed.failures?.map((f) => f.code)).toEqual(['no_prior_summary']);

        const reasons = '“回头看”总结只写了“无”，请对照去年承诺逐项总结';
        const back = { to: 'self_evaluation' as const, reasons };
        await expectRefused(run.act('sendBack', who.m1, back), 'FORBIDDEN');
        await expectRefused(run.act('sendBack', who.branchSecretary, { ...back, reasons: '' }), 'BAD_INPUT');
        expect(await run.act('sendBack', who.branchSecretary, back)).toEqual({ ok: true });
        expect(await run.state()).toMatchObject({
          stage: 'self_evaluation',
          selfEvaluated: false,
          priorWorkSummary: null,
          sentBack: null,
        });
        expect(run.facts().find((f) => f.type === 'commitment.sent_back')).toMatchObject({
          actorId: 'p-branch',
          data: { reasons, from: 'leadership_review', to: 'self_evaluation' },
        });
        await eventually(
          async () => run.fakes.notifications.filter((n) => n.kind === 'sent_back'),
          (ns) => ns.length === 1 && ns[0]!.recipientIds.join() === 'm-1' && ns[0]!.body.includes(reasons),
          'sent-back notice to the member, with the reasons',
        );

        expect(await run.act('submitSelfEvaluation', who.m1, SELF_EVALUATION)).toEqual({ ok: true });
        run.expectStage('mutual_review');
        await run.mutualReview(who.m2);
        await run.passReview();
        await run.passMassEvaluation();
        await run.settle([run.rect(1)], who.m1);
        expect(await run.decide()).toEqual(closed(run));
        expect(run.stages().slice(4, 11)).toEqual([
          'mutual_review',
          'leadership_review',
          'self_evaluation',
          'mutual_review',
          'leadership_review',
          'mass_evaluation',
          'rectification',
        ]);
        await maybeRecordHistory('commitment', 'self-evaluation-sent-back', run.handle);
      },
    ));

  it('sends a commitment in fulfilment back to drafting; it is accepted again and goes on', () =>
    runLifecycle(
      env(),
      'commitment-sent-back-to-drafting',
      { subject: subjects.member, subjectActor: who.m1, reviewer: who.branchSecretary },
      async (run) => {
        await run.submitAndAccept();
        await run.passPublicity();
        const back = { to: 'self_evaluation' as const, reasons: '尚未自评，不能退回自评' };
        await expectRefused(run.act('sendBack', who.branchSecretary, back), 'WRONG_STAGE');
        const reasons = '承诺事项与岗位职责不符，请重新制定';
        expect(await run.act('sendBack', who.branchSecretary, { to: 'drafting', reasons })).toEqual({
          ok: true,
        });
        expect(await run.state()).toMatchObject({ stage: 'drafting', submitted: false, decision: null });
        await run.submitAndAccept();
        await run.passPublicity();
        await run.reportAndSelfEvaluate();
        run.expectStage('mutual_review');
      },
    ));
});
