import type { EventEnvelope } from '@pingyi/contracts';
import type { Item } from './batch-sql';
import { waves } from './apply-commitment';

const item = (n: number, cid: string | null, campaignId = 'k1'): Item => ({
  e: { eventId: `e${n}` } as EventEnvelope,
  p: {
    commitmentId: cid,
    campaignId,
    subjectId: null,
    subjectKind: null,
    stage: null,
    rectificationId: null,
    actorId: null,
    data: {},
  },
  type: 'commitment.objection_raised',
  d: {},
  cid,
  at: '2026-11-30T00:00:00.000Z',
});

describe('waves (a batch applied set-based, issue 17)', () => {
  it('puts the n-th event of each commitment (else campaign) in the n-th wave, keeping the order within each', () => {
    const batch = [
      item(1, 'a'),
      item(2, 'b'),
      item(3, 'a'),
      item(4, null),
      item(5, 'a'),
      item(6, null),
      item(7, 'b'),
    ];
    const ids = waves(batch).map((w) => w.map((it) => it.e.eventId));
    expect(ids).toEqual([['e1', 'e2', 'e4'], ['e3', 'e6', 'e7'], ['e5']]);
  });

  it('never holds two events of one commitment in a wave', () => {
    const batch = Array.from({ length: 50 }, (_, n) => item(n, `c${n % 7}`, `k${n % 2}`));
    for (const w of waves(batch)) expect(new Set(w.map((it) => it.cid)).size).toBe(w.length);
    expect(waves(batch).flat().length).toBe(50);
  });
});
