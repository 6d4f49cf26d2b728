import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { DATA_ERROR_FAILURE } from '@pingyi/contracts';
import { createTimeSkippingEnv } from '../testing/env.test-util';
import type { Fakes } from '../testing/fake-activities.test-util';
import { ITEMS, expectRefused, runLifecycle, subjects, who } from '../testing/lifecycle-driver.test-util';

/**
 * Finding 2 of issue 12: a step whose fact the database refuses (PostgreSQL 22P05 for a NUL) used to retry for ever
 * inside the Update handler, and every later Update on that commitment waited behind it.
 */
describe('a step whose fact cannot be recorded', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  let poisonAttempts = 0;
  /** Records as usual, but fails a fact with a NUL as the commitment activities do for PostgreSQL's 22P05. */
  const poisonRecord = (fakes: Fakes) => {
    poisonAttempts = 0;
    const record = fakes.commitment.record;
    fakes.commitment.record = async (fact) => {
      // JSON writes a NUL as \u0000, which PostgreSQL's jsonb refuses (22P05).
      if (JSON.stringify(fact.data).includes('\\u0000')) {
        poisonAttempts++;
        throw ApplicationFailure.create({
          type: DATA_ERROR_FAILURE,
          message: '数据无法保存（22P05）',
          nonRetryable: true,
        });
      }
      return record(fact);
    };
  };

  it('is refused (BAD_INPUT) after one attempt, takes no effect, and later Updates still succeed', () =>
    runLifecycle(
      env,
      'poison-objection',
      {
        subject: subjects.member,
        subjectActor: who.m1,
        reviewer: who.branchSecretary,
        setup: poisonRecord,
      },
      async (run) => {
        // A step that moves the stage, refused for its data: the workflow stays where it was.
        const poisoned = [{ ...ITEMS[0]!, content: '每月办\u0000一件实事' }];
        await expectRefused(run.act('submitCommitment', who.m1, { items: poisoned }), 'BAD_INPUT');
        expect(poisonAttempts).toBe(1);
        expect(run.stage()).toBe('drafting');
        expect((await run.state()).submitted).toBe(false);
        expect(run.types()).not.toContain('commitment.submitted');

        await run.submitAndAccept();
        poisonAttempts = 0;
        await expectRefused(run.act('raiseObjection', null, { content: '异议\u0000内容' }), 'BAD_INPUT');
        expect(poisonAttempts).toBe(1);

        expect(await run.act('raiseObjection', null, { content: '公示内容与实际不符' })).toEqual({
          ok: true,
        });
        expect((await run.state()).objections).toEqual(['公示内容与实际不符']);
        const raised = run.facts().filter((f) => f.type === 'commitment.objection_raised');
        expect(raised.map((f) => f.data)).toEqual([{ content: '公示内容与实际不符', count: 1 }]);

        expect(await run.act('closeWindow', who.branchSecretary, {})).toEqual({ ok: true });
        await run.untilStage('fulfilment');
        expect(poisonAttempts).toBe(1);
      },
    ));

  it('in a rectification: refused, the status unchanged, and the owner can complete it after', () =>
    runLifecycle(
      env,
      'poison-rectification',
      { subject: subjects.member, subjectActor: who.m1, reviewer: who.branchSecretary, setup: poisonRecord },
      async (run) => {
        await run.toRectification();
        const rect = run.rect(1);
        await rect.until((s) => s.status === 'open' && s.plan !== null, 'opened');
        const poisoned = { note: '已完成\u0000整改', evidence: ['台账.pdf'] };
        await expectRefused(rect.act('completeRectification', who.m1, poisoned), 'BAD_INPUT');
        expect(poisonAttempts).toBe(1);
        expect((await rect.state()).status).toBe('open');
        expect(rect.types()).not.toContain('rectification.completed');
        await rect.complete(who.m1);
        await rect.verify(who.branchSecretary);
        expect(rect.types()).toEqual(
          expect.arrayContaining(['rectification.completed', 'rectification.struck_off']),
        );
      },
    ));
});
