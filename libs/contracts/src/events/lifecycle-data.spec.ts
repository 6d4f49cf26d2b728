import { LifecycleEventType, LifecycleEvents, parseLifecycleData } from './commitment.events';
import { LifecycleData } from './lifecycle-data';

const payload = (data: Record<string, unknown>) => ({
  commitmentId: 'c-1',
  campaignId: 'camp-1',
  subjectId: 's-1',
  subjectKind: 'member',
  stage: 'drafting',
  rectificationId: null,
  actorId: null,
  data,
});

describe('lifecycle event schemas', () => {
  it('every lifecycle event type has its own data schema, and there is none for an unknown type', () => {
    const types = [...LifecycleEventType.options].sort();
    expect(Object.keys(LifecycleData).sort()).toEqual(types);
    for (const type of types) expect(LifecycleData[type]).toBeDefined();
  });

  it('each event definition parses its payload with its type’s data schema', () => {
    for (const type of LifecycleEventType.options) {
      // An empty `data` fits no type: each names at least one field.
      expect(LifecycleEvents[type].payload.safeParse(payload({})).success).toBe(false);
    }
    const ok = payload({ content: '道路硬化进度太慢', count: 1 });
    expect(LifecycleEvents['commitment.objection_raised'].payload.parse(ok)).toEqual(ok);
    expect(
      LifecycleEvents['commitment.objection_raised'].payload.safeParse(payload({ content: 1, count: 1 }))
        .success,
    ).toBe(false);
  });

  it('keeps fields a schema does not name (older and newer producers, the projector’s stageDeadline)', () => {
    const data = {
      from: 'drafting',
      to: 'acceptance',
      stageDeadline: '2026-12-01T00:00:00.000Z',
      sentBack: true,
    };
    expect(parseLifecycleData('commitment.stage_changed', data)).toEqual(data);
    expect(() =>
      parseLifecycleData('commitment.stage_changed', { from: 'drafting', to: 'nowhere' }),
    ).toThrow();
  });
});
