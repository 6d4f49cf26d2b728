import type { EntityManager } from '@mikro-orm/core';
import { LifecycleEvents } from '@pingyi/contracts';
import { OutboxEvent } from './outbox.entity';
import { recordEvent, stableUuid } from './outbox';

describe('stableUuid', () => {
  it('is deterministic, UUID-shaped and distinct per name', () => {
    const a = stableUuid('commitment:2026:m-1');
    expect(a).toBe(stableUuid('commitment:2026:m-1'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid('commitment:2026:m-2')).not.toBe(a);
  });
});

describe('recordEvent', () => {
  it('adds one outbox row keyed by the aggregate, carrying the envelope', () => {
    const persisted: unknown[] = [];
    const em = { persist: (e: unknown) => persisted.push(e) } as unknown as EntityManager;
    const payload = {
      commitmentId: 'c1',
      campaignId: 'k',
      subjectId: 's',
      subjectKind: 'unit' as const,
      stage: 'drafting',
      rectificationId: null,
      actorId: null,
      // Each event type's data has its schema (LifecycleData): a commitment opens for a subject.
      data: {
        subject: { kind: 'unit', id: 's', name: '测试支部', orgPath: 'bt.kdq', unitId: 's' },
        campaignId: 'k',
        settings: {},
        reviewer: null,
      },
    };
    const env = recordEvent(em, LifecycleEvents['commitment.opened'], {
      aggregateId: 'c1',
      orgPath: 'bt.kdq',
      payload,
      eventId: stableUuid('x'),
    });
    expect(persisted).toHaveLength(1);
    const row = persisted[0] as OutboxEvent;
    expect(row).toBeInstanceOf(OutboxEvent);
    expect(row).toMatchObject({
      id: stableUuid('x'),
      topic: 'pingyi.commitment.events',
      messageKey: 'c1',
      type: 'commitment.opened',
    });
    expect(row.envelope).toEqual(env);
    expect(env).toMatchObject({
      type: 'commitment.opened',
      schemaVersion: 1,
      aggregate: { type: 'commitment', id: 'c1' },
      payload,
    });
  });
});
