import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv, maybeRecordHistory } from '../testing/env.test-util';
import {
  ITEMS,
  eventually,
  expectRefused,
  measure,
  review,
  runLifecycle,
  subjects,
  who,
  within,
} from '../testing/lifecycle-driver.test-util';
import { orgChangedSignal } from '@pingyi/contracts';
import {
  ALL_STAGES,
  SETTLED_RECTIFICATION,
  closed,
  straightThrough,
} from '../testing/commitment-facts.test-util';

describe('commitment workflow', () => {
  // A test server per test: time skipping is global to a server, and long runs of earlier tests have been seen to
  // leave it unable to skip (env.sleep then waits in real time).
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  it('takes a member from drafting to closed, the anonymous mutual review without a reviewer', () =>
    runLifecycle(
      env,
      'happy-member',
      { subject: subjects.member, subjectActor: who.m1, reviewer: who.branchSecretary },
      async (run) => {
        await run.toRectification();
        const rect = run.rect(1);
        await run.settle([rect], who.m1);
        expect(await run.decide()).toEqual(closed(run));

        expect(run.types()).toEqual(straightThrough());
        expect(run.stages()).toEqual(ALL_STAGES);
        expect(run.facts().find((f) => f.type === 'commitment.reviewer_changed')?.data).toMatchObject({
          reviewer: { memberId: 'p-branch' },
          orgPath: 'xl.dw.c1.g1.b1',
        });
        const [named, anonymous] = run.facts().filter((f) => f.type === 'commitment.mutual_reviewed');
        expect(named).toMatchObject({ actorId: 'm-2', data: { mode: 'face_to_face', reviewerId: 'm-2' } });
        expect(anonymous!.actorId).toBeNull();
        expect(anonymous!.data).toEqual({ mode: 'anonymous', opinion: '希望多听群众意见', reviewerId: null });
        expect(run.facts().find((f) => f.type === 'review.submitted')).toMatchObject({
          actorId: 'p-branch',
          data: { review: { grade: 'good', measures: [{ ...measure(), listed: false }] } },
        });

        expect(rect.types()).toEqual(SETTLED_RECTIFICATION);
        expect(rect.fact('rectification.opened').data).toMatchObject({
          source: 'leadership_review',
          item: { ownerId: 'm-1', listed: false },
          verifierId: 'p-branch',
          unitId: 'u-branch',
        });
        expect(run.fakes.notifications.map((n) => [n.kind, n.recipientIds.join()])).toEqual([
          ['task', 'm-1'], // make your commitment
          ['task', 'p-branch'], // review it
          ['task', 'p-branch'], // leadership review
          ['task', 'm-1'], // rectify
          ['task', 'p-branch'], // verify
          ['task', 'p-branch'], // follow up
          ['task', 'p-branch'], // decide the outcome
        ]);
        await maybeRecordHistory('commitment', 'happy-member', run.handle);
        await maybeRecordHistory('rectification', 'happy-member', rect.handle);
      },
    ));

  it('takes a unit from drafting to closed, its secretary (or a unit secretary at its path) acting for it', () =>
    runLifecycle(
      env,
      'happy-unit',
      { subject: subjects.unit, subjectActor: who.branchSecretary, reviewer: who.generalSecretary },
      async (run) => {
        await run.submitAndAccept();
        await run.passPublicity();
        await run.reportAndSelfEvaluate(1, who.deputySecretary);
        await run.mutualReview(who.m2);
        await run.passReview(review({ measures: [measure({ ownerId: 'p-branch' })] }));
        await run.passMassEvaluation();
        const rect = run.rect(1);
        await run.settle([rect], who.branchSecretary);
        expect(await run.decide()).toEqual(closed(run));

        expect(run.types()).toEqual(straightThrough());
        expect(run.stages()).toEqual(ALL_STAGES);
        expect(run.facts().find((f) => f.type === 'commitment.self_evaluated')?.actorId).toBe('p-deputy');
        expect(run.fakes.notifications[0]).toMatchObject({ kind: 'task', recipientIds: ['p-branch'] });
        expect(run.fakes.notifications[1]).toMatchObject({ kind: 'task', recipientIds: ['p-general'] });
        expect(rect.types()).toEqual(SETTLED_RECTIFICATION);
        expect(rect.fact('rectification.opened').data).toMatchObject({
          item: { ownerId: 'p-branch' },
          verifierId: 'p-general',
        });
        await maybeRecordHistory('commitment', 'happy-unit', run.handle);
        await maybeRecordHistory('rectification', 'happy-unit', rect.handle);
      },
    ));

  it('sends a commitment back with reasons; the subject resubmits it', () =>
    runLifecycle(
      env,
      'sent-back',
      { subject: subjects.member, subjectActor: who.m1, reviewer: who.branchSecretary },
      async (run) => {
        expect(await run.act('submitCommitment', who.m1, { items: ITEMS })).toEqual({ ok: true });
        const reasons = '承诺事项不够具体，请细化可衡量的目标';
        expect(
          await run.act('reviewCommitment', who.branchSecretary, { decision: 'send_back', reasons }),
        ).toEqual({ ok: true });
        const s = await run.state();
        expect(s).toMatchObject({ stage: 'drafting', submitted: false, decision: null });
        expect(run.facts().find((f) => f.type === 'commitment.sent_back')).toMatchObject({
          actorId: 'p-branch',
          data: { reasons },
        });
        expect(run.facts().at(-1)).toMatchObject({
          type: 'commitment.stage_changed',
          stage: 'drafting',
          data: { from: 'acceptance', to: 'drafting', sentBack: true },
        });
        await eventually(
          async () => run.fakes.notifications.filter((n) => n.kind === 'sent_back'),
          (ns) => ns.length === 1 && ns[0]!.recipientIds.join() === 'm-1',
          'sent-back notice to the subject',
        );

        await run.submitAndAccept(); // resubmitted, accepted
        await run.fromPublicityToRectification();
        await run.settle([run.rect(1)], who.m1);
        expect(await run.decide()).toEqual(closed(run));
        expect(run.types().slice(0, 10)).toEqual([
          'commitment.opened',
          'commitment.submitted',
          'commitment.reviewer_changed',
          'commitment.stage_changed',
          'commitment.sent_back',
          'commitment.stage_changed',
          'commitment.submitted',
          'commitment.stage_changed',
          'commitment.accepted',
          'commitment.stage_changed',
        ]);
        expect(run.stages().slice(0, 5)).toEqual([
          'drafting',
          'acceptance',
          'drafting',
          'acceptance',
          'publicity',
        ]);
        await maybeRecordHistory('commitment', 'sent-back', run.handle);
      },
    ));

  it('orders a review redone when it fails the three do-not-pass gate, then accepts a good one', () =>
    runLifecycle(
      env,
      'review-redo',
      { subject: subjects.member, subjectActor: who.m1, reviewer: who.branchSecretary },
      async (run) => {
        await run.submitAndAccept();
        await run.passPublicity();
        await run.reportAndSelfEvaluate();
        await run.mutualReview(who.m2);

        const facts = run.fakes.facts.length;
        await expectRefused(
          run.act(
            'submitLeadershipReview',
            who.branchSecretary,
            review({ measures: [measure({ listed: 'yes' })] }),
          ),
          'BAD_INPUT',
        );
        expect(run.fakes.facts.length).toBe(facts);

        const noShortcomings = await run.act(
          'submitLeadershipReview',
          who.branchSecretary,
          review({ shortcomings: [] }),
        );
        expect(noShortcomings).toEqual({
          ok: false,
          failures: [{ code: 'no_shortcomings', message: expect.any(String) as string }],
        });
        const vague = await run.act(
          'submitLeadershipReview',
          who.branchSecretary,
          review({ measures: [measure({ deadline: undefined })] }),
        );
        expect(vague.ok).toBe(false);
        expect(vague.failures?.map((f) => f.code)).toEqual(['no_concrete_measures']);
        expect(await run.state()).toMatchObject({
          stage: 'leadership_review',
          redoCount: 2,
          reviewPassed: false,
        });

        const redone = run.facts().filter((f) => f.type === 'review.redo_ordered');
        expect(redone).toHaveLength(2);
        expect(redone[0]).toMatchObject({
          actorId: 'p-branch',
          data: { reviewerId: 'p-branch', redoCount: 1, failures: [{ code: 'no_shortcomings' }] },
        });
        const orders = await eventually(
          async () => run.fakes.notifications.filter((n) => n.kind === 'redo_ordered'),
          (ns) => ns.length === 2,
          'two redo orders',
        );
        expect(orders.map((n) => n.recipientIds)).toEqual([['p-branch'], ['p-branch']]);

        await run.passReview();
        await run.passMassEvaluation();
        await run.settle([run.rect(1)], who.m1);
        expect(await run.decide()).toEqual(closed(run));
        expect(run.types().filter((t) => t.startsWith('review.'))).toEqual([
          'review.redo_ordered',
          'review.redo_ordered',
          'review.submitted',
        ]);
        await maybeRecordHistory('commitment', 'review-redo', run.handle);
      },
    ));

  it('re-resolves the reviewer when the member is transferred; the old reviewer is refused', () =>
    runLifecycle(
      env,
      'transfer',
      { subject: subjects.member, subjectActor: who.m1, reviewer: who.branchSecretary },
      async (run) => {
        expect(await run.act('submitCommitment', who.m1, { items: ITEMS })).toEqual({ ok: true });
        expect((await run.state()).reviewer?.memberId).toBe('p-branch');
        const toOldReviewer = () =>
          run.fakes.notifications.filter((n) => n.recipientIds.includes('p-branch'));
        await eventually(
          async () => toOldReviewer().length,
          (n) => n === 1,
          'the review task to p-branch',
        );

        run.fakes.tree.members.set('m-1', 'u-branch2'); // 组织关系转接
        await run.handle.signal(orgChangedSignal, { reason: '组织关系转接', eventId: 'evt-1' });
        await eventually(
          () => run.state(),
          (s) => s.reviewer?.memberId === 'p-branch2' && s.orgEventsSeen.includes('evt-1'),
          'the new reviewer',
        );
        const changed = run.facts().filter((f) => f.type === 'commitment.reviewer_changed');
        expect(changed).toHaveLength(2);
        expect(changed[1]!.data).toMatchObject({
          reviewer: { memberId: 'p-branch2' },
          previous: { memberId: 'p-branch' },
          reason: '组织关系转接',
          orgPath: 'xl.dw.c1.g1.b2',
          unitId: 'u-branch2',
        });
        await run.handle.signal(orgChangedSignal, { reason: '组织关系转接', eventId: 'evt-1' }); // redelivered

        const facts = run.fakes.facts.length;
        await expectRefused(
          run.act('reviewCommitment', who.branchSecretary, { decision: 'accept', reasons: '' }),
          'FORBIDDEN',
        );
        expect(run.fakes.facts.length).toBe(facts);
        run.reviewer = who.branch2Secretary;
        expect(
          await run.act('reviewCommitment', who.branch2Secretary, { decision: 'accept', reasons: '' }),
        ).toEqual({
          ok: true,
        });
        run.expectStage('publicity');

        await run.fromPublicityToRectification();
        const rect = run.rect(1);
        await run.settle([rect], who.m1);
        expect(await run.decide()).toEqual(closed(run));
        expect(rect.fact('rectification.opened').data).toMatchObject({
          verifierId: 'p-branch2',
          unitId: 'u-branch2',
        });
        expect(run.types().filter((t) => t === 'commitment.reviewer_changed')).toHaveLength(2); // evt-1 once
        expect(toOldReviewer()).toHaveLength(1); // nothing after the transfer
        await maybeRecordHistory('commitment', 'transfer', run.handle);
      },
    ));

  it('is cancelled by an administrator during rectification, cancelling its rectifications', () =>
    runLifecycle(
      env,
      'cancelled',
      { subject: subjects.member, subjectActor: who.m1, reviewer: who.branchSecretary },
      async (run) => {
        await run.toRectification();
        const rect = run.rect(1);
        await rect.until((s) => s.plan !== null, 'opened');

        const facts = run.fakes.facts.length;
        await expectRefused(run.act('cancel', who.branchSecretary, { reason: '重复创建' }), 'FORBIDDEN');
        await expectRefused(run.act('cancel', who.admin, { reason: ' ' }), 'BAD_INPUT');
        expect(run.fakes.facts.length).toBe(facts);

        expect(await run.act('cancel', who.admin, { reason: '该党员已去世' })).toEqual({ ok: true });
        expect(await within(run.handle.result(), 'result')).toEqual({
          commitmentId: run.input.commitmentId,
          stage: 'cancelled',
          grade: 'good',
          outcome: null,
        });
        expect(await within(rect.handle.result(), 'rectification result')).toEqual({
          rectificationId: rect.rectificationId,
          status: 'cancelled',
        });
        expect(run.facts().at(-1)).toMatchObject({
          type: 'commitment.cancelled',
          stage: 'cancelled',
          data: { from: 'rectification', reason: '该党员已去世' },
        });
        expect(rect.types()).toEqual(['rectification.opened', 'rectification.cancelled']);
        expect(rect.facts().at(-1)!.data).toMatchObject({ reason: '该党员已去世', status: 'cancelled' });
        await maybeRecordHistory('commitment', 'cancelled', run.handle);
        await maybeRecordHistory('rectification', 'cancelled', rect.handle);
      },
    ));
});
