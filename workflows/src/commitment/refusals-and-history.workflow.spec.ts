import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv, maybeRecordHistory } from '../testing/env.test-util';
import {
  ITEMS,
  SELF_EVALUATION,
  expectRefused,
  measure,
  review,
  settings,
  runLifecycle,
  subjects,
  who,
  within,
} from '../testing/lifecycle-driver.test-util';
import { ALL_STAGES, closed, straightThrough } from '../testing/commitment-facts.test-util';

describe('commitment workflow: refusals and long histories', () => {
  // A test server per test: time skipping is global to a server, and long runs of earlier tests have been seen to
  // leave it unable to skip (env.sleep then waits in real time).
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  it('refuses steps at the wrong stage, by the wrong person, twice, or with bad input, recording nothing', () =>
    runLifecycle(
      env,
      'refusals',
      { subject: subjects.member, subjectActor: who.m1, reviewer: who.branchSecretary },
      async (run) => {
        let facts = 0;
        const refused = async (p: Promise<unknown>, type: 'WRONG_STAGE' | 'FORBIDDEN' | 'BAD_INPUT') => {
          await expectRefused(p, type);
          expect(run.fakes.facts.length).toBe(facts);
        };
        await run.untilStage('drafting');
        facts = run.fakes.facts.length;
        // drafting
        await refused(
          run.act('reviewCommitment', who.branchSecretary, { decision: 'accept', reasons: '' }),
          'WRONG_STAGE',
        );
        await refused(run.act('decideOutcome', who.admin, { result: 'commend', note: '' }), 'WRONG_STAGE');
        await refused(run.act('submitCommitment', who.stranger, { items: ITEMS }), 'FORBIDDEN');
        await refused(run.act('submitCommitment', null, { items: ITEMS }), 'FORBIDDEN');
        await refused(run.act('submitCommitment', who.m1, { items: [] }), 'BAD_INPUT');
        await refused(
          run.act('submitCommitment', who.m1, { items: [{ ...ITEMS[0]!, dueDate: '年底' }] }),
          'BAD_INPUT',
        );
        await refused(run.act('cancel', who.m1, { reason: '不想参加' }), 'FORBIDDEN');

        expect(await run.act('submitCommitment', who.m1, { items: ITEMS })).toEqual({ ok: true });
        facts = run.fakes.facts.length;
        // acceptance
        await refused(run.act('submitCommitment', who.m1, { items: ITEMS }), 'WRONG_STAGE'); // twice
        await refused(run.act('reviewCommitment', who.m1, { decision: 'accept', reasons: '' }), 'FORBIDDEN');
        await refused(
          run.act('reviewCommitment', who.branchSecretary, { decision: 'send_back', reasons: '' }),
          'BAD_INPUT',
        );

        expect(
          await run.act('reviewCommitment', who.branchSecretary, { decision: 'accept', reasons: '' }),
        ).toEqual({
          ok: true,
        });
        facts = run.fakes.facts.length;
        // publicity
        await refused(
          run.act('reviewCommitment', who.branchSecretary, { decision: 'accept', reasons: '' }),
          'WRONG_STAGE',
        ); // twice
        await refused(run.act('raiseObjection', null, { content: '差' }), 'BAD_INPUT');
        await refused(run.act('closeWindow', who.m1, {}), 'FORBIDDEN');
        await refused(
          run.act('reportProgress', who.m1, { itemIndex: 0, percent: 10, note: '进展', evidence: [] }),
          'WRONG_STAGE',
        );

        await run.passPublicity();
        facts = run.fakes.facts.length;
        // fulfilment
        await refused(
          run.act('reportProgress', who.m2, { itemIndex: 0, percent: 10, note: '进展', evidence: [] }),
          'FORBIDDEN',
        );
        await refused(
          run.act('reportProgress', who.m1, { itemIndex: 1, percent: 10, note: '进展', evidence: [] }),
          'BAD_INPUT',
        );
        await refused(
          run.act('reportProgress', who.m1, { itemIndex: 0, percent: 120, note: '进展', evidence: [] }),
          'BAD_INPUT',
        );
        await refused(
          run.act('submitSelfEvaluation', who.m1, { ...SELF_EVALUATION, text: '很好' }),
          'BAD_INPUT',
        );
        await refused(
          run.act('submitMutualReview', who.m2, { mode: 'face_to_face', opinion: '工作扎实' }),
          'WRONG_STAGE',
        );

        await run.reportAndSelfEvaluate();
        facts = run.fakes.facts.length;
        // mutual review
        await refused(run.act('submitSelfEvaluation', who.m1, SELF_EVALUATION), 'WRONG_STAGE'); // twice
        await refused(
          run.act('submitMutualReview', who.m1, { mode: 'face_to_face', opinion: '我很好啊' }),
          'FORBIDDEN',
        );
        await refused(
          run.act('submitMutualReview', who.m2, { mode: 'anonymous', opinion: '工作扎实' }),
          'BAD_INPUT',
        );
        await refused(
          run.act('submitMutualReview', null, { mode: 'face_to_face', opinion: '工作扎实' }),
          'BAD_INPUT',
        );
        await refused(run.act('submitLeadershipReview', who.branchSecretary, review()), 'WRONG_STAGE');

        expect(await run.act('cancel', who.admin, { reason: '测试结束' })).toEqual({ ok: true });
        expect((await within(run.handle.result(), 'result')).stage).toBe('cancelled');
        expect(run.types()).toEqual([
          'commitment.opened',
          'commitment.submitted',
          'commitment.reviewer_changed',
          'commitment.stage_changed',
          'commitment.accepted',
          'commitment.stage_changed',
          'commitment.stage_changed',
          'commitment.progress_reported',
          'commitment.self_evaluated',
          'commitment.stage_changed',
          'commitment.cancelled',
        ]);
        await maybeRecordHistory('commitment', 'refusals', run.handle);
      },
    ));

  it('continues as new when its history is long, writing every step once', () =>
    runLifecycle(
      env,
      'continue-as-new',
      { subject: subjects.member, subjectActor: who.m1, reviewer: who.branchSecretary, historyLimit: 60 },
      async (run) => {
        await run.submitAndAccept();
        await run.fromPublicityToRectification([measure()], 20);
        await run.settle([run.rect(1)], who.m1);
        expect(await run.decide()).toEqual(closed(run));

        expect(run.types()).toEqual(straightThrough(20));
        expect(run.stages()).toEqual(ALL_STAGES);
        const first = env.client.workflow.getHandle(run.handle.workflowId, run.handle.firstExecutionRunId);
        expect((await first.describe()).status.name).toBe('CONTINUED_AS_NEW');
        const last = await run.handle.describe();
        expect(last.runId).not.toBe(run.handle.firstExecutionRunId);
        expect(last.status.name).toBe('COMPLETED');
        await maybeRecordHistory('commitment', 'continue-as-new-first-run', first);
        await maybeRecordHistory('commitment', 'continue-as-new-last-run', run.handle);
      },
    ));

  it('moves on when a window ends or is closed in a run whose history is already full', () =>
    // With this limit every activation after a run's first finds the history full: windows that end by timer
    // (publicity, mass evaluation), end early (self-evaluation during fulfilment) or are closed (mutual review)
    // must still move on rather than loop.
    runLifecycle(
      env,
      'continue-as-new-every-step',
      {
        subject: subjects.member,
        subjectActor: who.m1,
        reviewer: who.branchSecretary,
        historyLimit: 5,
        // The time-skipping test server does not skip the closed commitment's redo window once the run has continued
        // as new (even env.sleep then waits in real time); the redo window itself is tested in redo.workflow.spec.ts.
        input: { settings: { ...settings, redoWindowDays: 0 } },
      },
      async (run) => {
        await run.submitAndAccept();
        await run.fromPublicityToRectification();
        await run.settle([run.rect(1)], who.m1);
        expect(await run.decide()).toEqual(closed(run));
        expect(run.types()).toEqual(straightThrough());
        expect(run.stages()).toEqual(ALL_STAGES);
      },
    ));
});
