import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv, maybeRecordHistory } from '../testing/env.test-util';
import { addWindow } from '../testing/fake-activities.test-util';
import {
  days,
  eventually,
  measure,
  runLifecycle,
  settings,
  subjects,
  who,
  type Rect,
} from '../testing/lifecycle-driver.test-util';

const count = (rect: Rect, type: string) => rect.types().filter((t) => t === type).length;
const until = (rect: Rect, type: string, n: number) =>
  eventually(
    async () => count(rect, type),
    (c) => c === n,
    `${n} × ${type}`,
  );

describe('rectification workflow', () => {
  // A test server per test: time skipping is global to a server, and long runs of earlier tests have been seen to
  // leave it unable to skip (env.sleep then waits in real time).
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  it('reminds before the deadline, then escalates one level up at a time until it is struck off', () =>
    // The unit's own secretary owns the item: accountability starts one unit up (问责上追一级).
    runLifecycle(
      env,
      'escalated',
      { subject: subjects.unit, subjectActor: who.branchSecretary, reviewer: who.generalSecretary },
      async (run) => {
        await run.toRectification([measure({ ownerId: 'p-branch' })]);
        const rect = run.rect(1);
        const { plan } = await rect.until((s) => s.plan !== null, 'planned');
        const opened = rect.fact('rectification.opened');
        const [planned] = run.fakes.plans;
        expect(opened.data['deadline']).toBe(
          addWindow(planned!.openedAt, settings.rectificationDays, settings.unit),
        );
        expect(plan!.reminders.map((r) => r.before)).toEqual([7, 1]);
        // Four steps (branch, general branch, committee, county): three levels above the owner's own unit.
        expect(run.fakes.plans).toEqual([expect.objectContaining({ listed: false, levels: 3 })]);
        expect(plan!.escalations).toHaveLength(3);

        for (const [i, reminder] of plan!.reminders.entries()) {
          await run.sleepUntil(reminder.at);
          await until(rect, 'rectification.reminded', i + 1);
        }
        expect(count(rect, 'rectification.escalated')).toBe(0);
        for (const [i, at] of plan!.escalations.entries()) {
          await run.sleepUntil(at);
          await until(rect, 'rectification.escalated', i + 1);
        }
        await run.sleep(days(settings.escalationGraceDays * 2)); // nobody above the county in this chain
        expect(count(rect, 'rectification.escalated')).toBe(3);

        const escalated = rect.facts().filter((f) => f.type === 'rectification.escalated');
        expect(escalated.map((f) => f.data)).toEqual([
          expect.objectContaining({
            level: 1,
            unitId: 'u-general',
            assigneeId: 'p-general',
            deadline: plan!.deadline,
          }),
          expect.objectContaining({ level: 2, unitId: 'u-committee', assigneeId: 'p-committee' }),
          expect.objectContaining({ level: 3, unitId: 'u-county', assigneeId: 'p-county' }),
        ]);
        const notices = run.fakes.notifications.filter((n) => n.rectificationId === rect.rectificationId);
        expect(notices.filter((n) => n.kind === 'reminder').map((n) => n.recipientIds)).toEqual([
          ['p-branch'],
          ['p-branch'],
        ]);
        expect(notices.filter((n) => n.kind === 'escalation').map((n) => n.recipientIds)).toEqual([
          ['p-general', 'p-branch'],
          ['p-committee', 'p-branch'],
          ['p-county', 'p-branch'],
        ]);
        expect((await rect.state()).level).toBe(3);

        await run.completeAndVerify([rect], who.branchSecretary);
        const before = rect.facts().length;
        await run.sleep(days(settings.followUpDelayDays - 5)); // no reminder or escalation once struck off
        expect(rect.facts().length).toBe(before);
        await run.followUpAll([rect]);
        expect((await run.decide()).stage).toBe('closed');
        expect(rect.types()).toEqual([
          'rectification.opened',
          'rectification.reminded',
          'rectification.reminded',
          'rectification.escalated',
          'rectification.escalated',
          'rectification.escalated',
          'rectification.completed',
          'rectification.struck_off',
          'rectification.follow_up_due',
          'rectification.followed_up',
          'rectification.settled',
        ]);
        await maybeRecordHistory('commitment', 'escalated', run.handle);
        await maybeRecordHistory('rectification', 'escalated', rect.handle);
      },
    ));

  it("holds a member owner's own branch secretary to account first", () =>
    runLifecycle(
      env,
      'escalated-member',
      { subject: subjects.member, subjectActor: who.m1, reviewer: who.branchSecretary },
      async (run) => {
        await run.toRectification();
        const rect = run.rect(1);
        const { plan } = await rect.until((s) => s.plan !== null, 'planned');
        expect(run.fakes.plans).toEqual([expect.objectContaining({ levels: 4 })]); // branch … county
        await run.sleepUntil(plan!.escalations[0]!);
        await until(rect, 'rectification.escalated', 1);
        expect(rect.fact('rectification.escalated').data).toMatchObject({
          level: 1,
          unitId: 'u-branch',
          assigneeId: 'p-branch',
        });
        await run.settle([rect], who.m1);
        expect((await run.decide()).stage).toBe('closed');
        expect(rect.types().filter((t) => t === 'rectification.escalated')).toHaveLength(1);
      },
    ));

  it('gives a listed (挂牌督办) measure the shorter time limit', () =>
    runLifecycle(
      env,
      'listed',
      { subject: subjects.member, subjectActor: who.m1, reviewer: who.branchSecretary },
      async (run) => {
        await run.toRectification([
          measure(),
          measure({ target: '限期解决群众反映的停车难问题', listed: true }),
        ]);
        const [plain, listed] = [run.rect(1), run.rect(2)];
        await plain.until((s) => s.plan !== null, 'planned');
        await listed.until((s) => s.plan !== null, 'planned');

        expect(run.fakes.plans.map((p) => p.listed).sort()).toEqual([false, true]);
        const deadline = (r: Rect) => r.fact('rectification.opened').data['deadline'] as string;
        const openedAt = (listing: boolean) => run.fakes.plans.find((p) => p.listed === listing)!.openedAt;
        expect(listed.fact('rectification.opened').data).toMatchObject({ item: { listed: true } });
        expect(deadline(listed)).toBe(
          addWindow(openedAt(true), settings.listedRectificationDays, settings.unit),
        );
        expect(deadline(plain)).toBe(addWindow(openedAt(false), settings.rectificationDays, settings.unit));
        expect(deadline(listed) < deadline(plain)).toBe(true);
        const opening = (r: Rect) =>
          run.fakes.notifications.find((n) => n.rectificationId === r.rectificationId && n.kind === 'task');
        await eventually(
          async () => opening(listed)?.title,
          (t) => t === '挂牌督办整改事项',
          'listed notice',
        );
        expect(opening(plain)?.title).toBe('新的整改事项');

        await run.settle([plain, listed], who.m1);
        expect((await run.decide()).stage).toBe('closed');
        await maybeRecordHistory('commitment', 'listed', run.handle);
        await maybeRecordHistory('rectification', 'listed', listed.handle);
      },
    ));

  it('reopens after an unsatisfied follow-up, taking the commitment back to rectification', () =>
    runLifecycle(
      env,
      'reopened',
      { subject: subjects.member, subjectActor: who.m1, reviewer: who.branchSecretary },
      async (run) => {
        await run.toRectification();
        const rect = run.rect(1);
        await run.completeAndVerify([rect], who.m1);
        await run.sleep(days(settings.followUpDelayDays));
        await rect.followUp(who.branchSecretary, false);

        await run.untilStage('rectification');
        expect(await rect.state()).toMatchObject({
          status: 'open',
          round: 2,
          followUp: null,
          followUpDue: false,
        });
        const reopened = rect.fact('rectification.reopened');
        expect(reopened.data).toMatchObject({ round: 2, status: 'open' });
        expect(run.fakes.plans.map((p) => p.measureDeadline)).toEqual(['2099-12-31', null]); // the default limit
        expect(reopened.data['deadline']).toBe(
          addWindow(run.fakes.plans[1]!.openedAt, settings.rectificationDays, settings.unit),
        );
        expect(run.facts().at(-1)).toMatchObject({
          type: 'commitment.stage_changed',
          stage: 'rectification',
          data: { from: 'follow_up', to: 'rectification', reopened: true },
        });

        await run.settle([rect], who.m1);
        expect((await run.decide()).stage).toBe('closed');
        expect(rect.types()).toEqual([
          'rectification.opened',
          'rectification.completed',
          'rectification.struck_off',
          'rectification.follow_up_due',
          'rectification.followed_up',
          'rectification.reopened',
          'rectification.completed',
          'rectification.struck_off',
          'rectification.follow_up_due',
          'rectification.followed_up',
          'rectification.settled',
        ]);
        expect(rect.facts().find((f) => f.type === 'rectification.settled')?.data).toMatchObject({
          round: 2,
        });
        expect(run.stages().slice(-6)).toEqual([
          'rectification',
          'follow_up',
          'rectification',
          'follow_up',
          'outcome',
          'closed',
        ]);
        await maybeRecordHistory('commitment', 'reopened', run.handle);
        await maybeRecordHistory('rectification', 'reopened', rect.handle);
      },
    ));
});
