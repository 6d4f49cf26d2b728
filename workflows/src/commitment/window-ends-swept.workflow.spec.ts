import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv, maybeRecordHistory } from '../testing/env.test-util';
import {
  days,
  eventually,
  expectRefused,
  runLifecycle,
  SELF_EVALUATION,
  settings,
  subjects,
  who,
  type Lifecycle,
} from '../testing/lifecycle-driver.test-util';

/**
 * A commitment whose campaign sweeps the ends of 公示 and 践诺 (issue 16, node storms): those windows end for many at
 * once and nobody has to act, so no timer wakes the workflow there. The campaign's sweep moves the stage in bulk; the
 * workflow learns it when it next wakes — a step is checked against the stage it is in by the calendar, and taken
 * once the stage is learnt (moved first if the sweep has not come yet: same facts, same keys).
 */
describe('commitment workflow: window ends swept by the campaign', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  const launched = async (name: string, body: (run: Lifecycle, publicityEnd: string) => Promise<void>) => {
    const stageDeadline = new Date((await env.currentTimeMs()) + days(settings.draftDays)).toISOString();
    await runLifecycle(
      env,
      name,
      {
        subject: { ...subjects.member, actorId: 'm-1' },
        subjectActor: who.m1,
        reviewer: who.branchSecretary,
        input: {
          scopePath: 'xl.dw',
          opened: { stageDeadline },
          deadlinesSwept: true,
          windowEndsSwept: true,
        },
        ready: (run) =>
          eventually(
            () => run.state(),
            (s) => s.deadlineStage === 'drafting',
            'launched into drafting',
          ),
      },
      async (run) => {
        await run.submitAndAccept();
        const publicity = run.facts().at(-1)!;
        expect(publicity).toMatchObject({ stage: 'publicity', data: { endSwept: true } });
        await body(run, run.fakes.recorded.get(run.input.commitmentId)!.stageDeadline!);
        await maybeRecordHistory('commitment', name, run.handle);
      },
    );
  };

  const timers = async (run: Lifecycle) =>
    ((await run.handle.fetchHistory()).events ?? []).filter((e) => e.timerStartedEventAttributes).length;
  const fulfilmentEnd = (publicityEnd: string) =>
    new Date(Date.parse(publicityEnd) + days(settings.fulfilmentDays)).toISOString();

  it('is not woken at the ends of 公示 and 践诺; a late self-evaluation moves it through both, then on', async () => {
    await launched('window-ends-late-step', async (run, publicityEnd) => {
      const before = run.facts().length;
      await run.sleepUntil(fulfilmentEnd(publicityEnd));
      expect(await timers(run)).toBe(0);
      expect(run.facts()).toHaveLength(before);
      expect((await run.state()).stage).toBe('publicity'); // not woken: it has not learnt the stage yet

      await run.reportAndSelfEvaluate(1);
      const moves = run.facts().filter((f) => f.type === 'commitment.stage_changed');
      expect(moves.map((f) => [f.data['from'], f.data['to'], f.at])).toEqual([
        ['drafting', 'acceptance', expect.any(String)],
        ['acceptance', 'publicity', expect.any(String)],
        ['publicity', 'fulfilment', publicityEnd],
        ['fulfilment', 'self_evaluation', fulfilmentEnd(publicityEnd)],
        ['self_evaluation', 'mutual_review', expect.any(String)],
      ]);
      // The progress report was recorded once the stage was learnt: after the moves, before the self-evaluation.
      expect(run.types().slice(-5)).toEqual([
        'commitment.stage_changed',
        'commitment.stage_changed',
        'commitment.progress_reported',
        'commitment.self_evaluated',
        'commitment.stage_changed',
      ]);
      expect((await run.state()).stage).toBe('mutual_review');
    });
  });

  it('finds what the sweep recorded first, without recording it again; checks a step against the calendar', async () => {
    await launched('window-ends-swept-first', async (run, publicityEnd) => {
      await run.sleepUntil(publicityEnd);
      // 公示 is over by the calendar: an objection is refused though the workflow has not woken.
      await expectRefused(run.act('raiseObjection', null, { content: '承诺过于笼统' }), 'WRONG_STAGE');
      run.fakes.sweepWindowEnds(new Date(await env.currentTimeMs()).toISOString());
      expect(run.stage()).toBe('fulfilment');
      const swept = run.facts().length;

      await run.sleepUntil(fulfilmentEnd(publicityEnd));
      // 践诺 ended too (not yet swept): closing it early is refused once the stage is learnt (自评), nothing recorded
      // but the move the sweep would have made.
      await expectRefused(run.act('closeWindow', who.branchSecretary, {}), 'WRONG_STAGE');
      expect(
        run
          .facts()
          .slice(swept)
          .map((f) => [f.type, f.stage]),
      ).toEqual([['commitment.stage_changed', 'self_evaluation']]);
      run.fakes.sweepWindowEnds(new Date(await env.currentTimeMs()).toISOString());
      expect(run.facts()).toHaveLength(swept + 1);

      expect(await run.act('submitSelfEvaluation', who.m1, SELF_EVALUATION)).toEqual({ ok: true });
      expect(run.stage()).toBe('mutual_review');
      expect(await timers(run)).toBe(1); // 互评's end: the reviewer's task is due then
    });
  });

  it('a cancellation after the end of 公示 records the stage first, so the move to 已撤销 is from 践诺', async () => {
    await launched('window-ends-cancelled', async (run, publicityEnd) => {
      await run.sleepUntil(publicityEnd);
      expect(await run.act('cancel', who.admin, { reason: '人员调整' })).toEqual({ ok: true });
      await run.untilStage('cancelled');
      const moves = run.facts().filter((f) => f.stage);
      expect(moves.slice(-2).map((f) => [f.data['from'], f.stage])).toEqual([
        ['publicity', 'fulfilment'],
        ['fulfilment', 'cancelled'],
      ]);
    });
  });
});
