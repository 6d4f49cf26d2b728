import { randomUUID } from 'node:crypto';
import { LifecycleEvents, EventEnvelope, OrgPath, commitmentWorkflowId, isWithinScope } from './index';

describe('scope', () => {
  it.each([
    ['bt', 'bt', true],
    ['bt', 'bt.kdq.c01', true],
    ['bt.kdq', 'bt.kdq.b1', true],
    ['bt.kdq', 'bt.kdqx.b1', false],
    ['bt.kdq', 'bt.dh', false],
    ['bt.kdq', 'bt', false],
  ])('scope %s sees %s: %s', (scope, path, visible) => {
    expect(isWithinScope(scope, path)).toBe(visible);
  });

  it('org paths are dot-separated codes', () => {
    expect(OrgPath.safeParse('bt.kdq.c_01').success).toBe(true);
    for (const bad of ['', 'bt..x', '.bt', 'bt.', 'bt kdq', "bt';drop"])
      expect(OrgPath.safeParse(bad).success).toBe(false);
  });
});

describe('events', () => {
  it('validates the envelope and the payload', () => {
    const env = {
      eventId: randomUUID(),
      type: LifecycleEvents['commitment.submitted'].type,
      schemaVersion: 1,
      occurredAt: new Date().toISOString(),
      aggregate: { type: 'commitment', id: 'c1' },
      orgPath: 'bt.kdq',
      payload: {
        commitmentId: 'c1',
        campaignId: 'k',
        subjectId: 's',
        subjectKind: 'unit',
        stage: 'acceptance',
        rectificationId: null,
        actorId: 'm1',
        data: { items: [{ content: '每周走访困难群众', target: '全年50户', dueDate: '2026-12-31' }] },
      },
    };
    expect(EventEnvelope.parse(env)).toEqual(env);
    expect(LifecycleEvents['commitment.submitted'].payload.safeParse(env.payload).success).toBe(true);
    // The data has its own schema per event type.
    expect(
      LifecycleEvents['commitment.submitted'].payload.safeParse({ ...env.payload, data: { items: 3 } })
        .success,
    ).toBe(false);
    expect(EventEnvelope.safeParse({ ...env, eventId: 'nope' }).success).toBe(false);
    expect(
      LifecycleEvents['commitment.submitted'].payload.safeParse({ ...env.payload, subjectKind: 'group' })
        .success,
    ).toBe(false);
  });

  it('workflow ids are deterministic per campaign and subject', () => {
    expect(commitmentWorkflowId('2026', 'm-1')).toBe('commitment:2026:m-1');
  });
});
