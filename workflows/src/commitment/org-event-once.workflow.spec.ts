import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv } from '../testing/env.test-util';
import { ITEMS, eventually, runLifecycle, subjects, who } from '../testing/lifecycle-driver.test-util';
import { orgChangedSignal } from '@pingyi/contracts';

describe('commitment workflow: org changes', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  it('applies copies of one org event that arrive before it is applied once (dropped on receipt)', () =>
    runLifecycle(
      env,
      'org-event-copies',
      { subject: subjects.member, subjectActor: who.m1, reviewer: who.branchSecretary },
      async (run) => {
        expect(await run.act('submitCommitment', who.m1, { items: ITEMS })).toEqual({ ok: true });
        const changes = (reason: string) =>
          run.facts().filter((f) => f.type === 'commitment.reviewer_changed' && f.data['reason'] === reason);
        // The first change keeps the workflow re-resolving while the copies of the second arrive.
        const copy = { reason: '组织关系转接（重复投递）', eventId: 'evt-copy' };
        await Promise.all([
          run.handle.signal(orgChangedSignal, { reason: '组织隶属关系调整', eventId: 'evt-first' }),
          ...[1, 2, 3].map(() => run.handle.signal(orgChangedSignal, copy)),
        ]);
        await eventually(
          () => run.state(),
          (s) => s.orgEventsSeen.includes('evt-copy') && s.orgEventsSeen.includes('evt-first'),
          'both events applied',
        );
        // A later copy (a redelivery) is still recognised by the ids the workflow keeps.
        await run.handle.signal(orgChangedSignal, copy);
        expect(
          await run.act('reviewCommitment', who.branchSecretary, { decision: 'accept', reasons: '' }),
        ).toEqual({
          ok: true,
        });
        expect(changes('组织隶属关系调整')).toHaveLength(1);
        expect(changes(copy.reason)).toHaveLength(1);
      },
    ));
});
