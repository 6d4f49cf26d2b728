import { createHash } from 'node:crypto';
import {
  CampaignSchedules,
  EventEnvelope,
  LifecycleEvents,
  LifecycleEventType,
  drawByTicket,
  drawSpotCheckSample,
  instantLabel,
  isoWeekLabel,
  previousPeriodLabel,
  sha256Hex,
  spotCheckTicket,
  type SpotCheckCandidate,
} from './index';

const units: SpotCheckCandidate[] = Array.from({ length: 40 }, (_, i) => ({
  id: `u${String(i).padStart(3, '0')}`,
  name: `第${i}党支部`,
  orgPath: `xl.dw.c${i % 4}.u${i}`,
}));
const cadres: SpotCheckCandidate[] = Array.from({ length: 25 }, (_, i) => ({
  id: `m${i}`,
  name: `书记${i}`,
}));
const ids = (picks: { id: string }[]) => picks.map((p) => p.id);

/** A fixed shuffle (no Math.random in tests either): reverse, then interleave halves. */
function shuffled<T>(xs: T[]): T[] {
  const r = [...xs].reverse();
  const half = Math.ceil(r.length / 2);
  return r.slice(0, half).flatMap((x, i) => (i + half < r.length ? [x, r[i + half]!] : [x]));
}

describe('sha256Hex', () => {
  it.each([
    '',
    'abc',
    '2026-xl:2026-W48\nunit\nu001',
    '东乌珠穆沁旗 第3党支部 🙂',
    'x'.repeat(55),
    'y'.repeat(64),
  ])('equals node:crypto for %j', (text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});

describe('spot-check draw (摇号抽查)', () => {
  const draw = (seed: string, u = units, c = cadres) =>
    drawSpotCheckSample({ seed, units: u, cadres: c, unitCount: 5, cadreCount: 3 });

  it('same seed and candidates: the same selection', () => {
    const a = draw('2026-xl:2026-W48:1a2b3c4d');
    const b = draw('2026-xl:2026-W48:1a2b3c4d');
    expect(b).toEqual(a);
    expect(a.units).toHaveLength(5);
    expect(a.cadres).toHaveLength(3);
    expect(new Set(ids(a.units)).size).toBe(5);
  });

  it('does not depend on the order (or duplicates) of the candidates', () => {
    const a = draw('seed-1');
    const b = draw('seed-1', shuffled(units), [...shuffled(cadres), cadres[0]!, cadres[7]!]);
    expect(ids(b.units)).toEqual(ids(a.units));
    expect(ids(b.cadres)).toEqual(ids(a.cadres));
  });

  it('a different seed gives a different selection', () => {
    const a = draw('2026-xl:2026-W48:aaaa');
    const b = draw('2026-xl:2026-W49:aaaa');
    expect(ids(b.units)).not.toEqual(ids(a.units));
    expect(ids(b.cadres)).not.toEqual(ids(a.cadres));
  });

  it('draws the lowest tickets, which anyone can recompute with sha256sum', () => {
    const picks = drawByTicket('s', 'unit', units, 3);
    const all = units.map((u) => spotCheckTicket('s', 'unit', u.id)).sort();
    expect(picks.map((p) => p.ticket)).toEqual(all.slice(0, 3));
    expect(picks[0]!.ticket).toBe(createHash('sha256').update(`s\nunit\n${picks[0]!.id}`).digest('hex'));
  });

  it('units and cadres are drawn independently, and never more than there are', () => {
    const a = drawSpotCheckSample({
      seed: 'k',
      units: units.slice(0, 2),
      cadres: [],
      unitCount: 5,
      cadreCount: 5,
    });
    expect(ids(a.units).sort()).toEqual(['u000', 'u001']);
    expect(a.cadres).toEqual([]);
    // The same id as a unit and as a cadre gets different tickets.
    expect(spotCheckTicket('k', 'unit', 'x')).not.toBe(spotCheckTicket('k', 'cadre', 'x'));
  });
});

describe('period labels (China time)', () => {
  it.each([
    ['2026-11-23T01:00:00Z', '2026-W48'], // Monday
    ['2026-11-22T15:59:59Z', '2026-W47'], // Sunday 23:59:59 in Beijing
    ['2026-11-22T16:00:00Z', '2026-W48'], // Monday 00:00 in Beijing
    ['2027-01-01T00:00:00Z', '2026-W53'], // 2026 has 53 ISO weeks
    ['2026-01-01T00:00:00Z', '2026-W01'],
    ['2024-12-30T02:00:00Z', '2025-W01'],
  ])('%s is in week %s', (at, label) => {
    expect(isoWeekLabel(new Date(at))).toBe(label);
  });

  it.each([
    ['monthly', '2026-11-30T17:00:00Z', '2026-11'], // 1 December 01:00 in Beijing
    ['monthly', '2026-11-30T15:00:00Z', '2026-10'], // still 30 November in Beijing
    ['monthly', '2026-12-31T17:00:00Z', '2026-12'],
    ['quarterly', '2026-12-31T17:00:00Z', '2026-Q4'],
    ['quarterly', '2026-06-30T18:00:00Z', '2026-Q2'],
    ['quarterly', '2026-05-15T00:00:00Z', '2026-Q1'],
  ] as const)('%s report due %s covers %s', (period, at, label) => {
    expect(previousPeriodLabel(period, new Date(at))).toBe(label);
  });

  it('an instant label has whole seconds', () => {
    expect(instantLabel(new Date('2026-11-27T10:15:04.123Z'))).toBe('2026-11-27T10:15:04Z');
  });
});

describe('supervision contracts', () => {
  it('schedules default to the calendar and accept an interval in seconds', () => {
    expect(CampaignSchedules.parse(undefined)).toEqual({
      monthlyReport: 'calendar',
      quarterlyReport: 'calendar',
      spotCheck: 'calendar',
      milestoneNotices: 'calendar',
      spotCheckUnits: 5,
      spotCheckCadres: 5,
    });
    expect(
      CampaignSchedules.parse({
        monthlyReport: { everySeconds: 3 },
        spotCheck: 'off',
        milestoneNotices: 'off',
      }),
    ).toMatchObject({ monthlyReport: { everySeconds: 3 }, spotCheck: 'off', milestoneNotices: 'off' });
    expect(CampaignSchedules.safeParse({ monthlyReport: { everySeconds: 0 } }).success).toBe(false);
  });

  it('every lifecycle event type is a valid envelope type; campaign-level events have the campaign as aggregate', () => {
    for (const t of LifecycleEventType.options)
      expect(EventEnvelope.shape.type.safeParse(t).success).toBe(true);
    expect(LifecycleEvents['spot_check.drawn'].aggregateType).toBe('campaign');
    expect(LifecycleEvents['report.snapshotted'].aggregateType).toBe('campaign');
    expect(LifecycleEvents['campaign.milestone_noticed'].aggregateType).toBe('campaign');
    expect(LifecycleEvents['review.submitted'].aggregateType).toBe('commitment');
  });
});
