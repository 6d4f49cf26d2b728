import {
  SPOT_CHECK_METHOD,
  SPOT_CHECK_WEIGHTED_METHOD,
  canonicalWeights,
  drawSpotCheckSample,
  spotCheckTicket,
  spotCheckWeightedKey,
  type SpotCheckCandidate,
  type SpotCheckWeight,
} from './index';

const units: SpotCheckCandidate[] = Array.from({ length: 12 }, (_, i) => ({
  id: `u${i}`,
  name: `第${i}党支部`,
}));
const cadres: SpotCheckCandidate[] = Array.from({ length: 20 }, (_, i) => ({
  id: `m${i}`,
  name: `书记${i}`,
}));
const ids = (picks: { id: string }[]) => picks.map((p) => p.id);
const risky: SpotCheckWeight[] = [
  { subjectId: 'm3', weight: 10 },
  { subjectId: 'm7', weight: 5 },
  { subjectId: 'u2', weight: 8 },
];
const draw = (seed: string, weights?: SpotCheckWeight[], c = cadres, u = units) =>
  drawSpotCheckSample({ seed, units: u, cadres: c, unitCount: 3, cadreCount: 4, weights });

describe('drawSpotCheckSample weighted by risk (sha256-weighted/v1)', () => {
  it('is reproducible from seed, candidates and weights, whatever their order', () => {
    const a = draw('seed-w-1', risky);
    expect(a.method).toBe(SPOT_CHECK_WEIGHTED_METHOD);
    expect(draw('seed-w-1', risky)).toEqual(a);
    const b = draw('seed-w-1', [...risky].reverse(), [...cadres].reverse(), [...units].reverse());
    expect(ids(b.cadres)).toEqual(ids(a.cadres));
    expect(ids(b.units)).toEqual(ids(a.units));
    expect(a.cadres).toHaveLength(4);
    for (const p of a.cadres) expect(p.weight).toBe(risky.find((w) => w.subjectId === p.id)?.weight ?? 1);
  });

  it('leaves the unweighted draw as it was, and equal weights draw the same subjects', () => {
    const plain = draw('seed-w-2');
    expect(plain.method).toBe(SPOT_CHECK_METHOD);
    const byTicket = (xs: SpotCheckCandidate[], kind: 'unit' | 'cadre', n: number) =>
      xs
        .map((c) => ({ id: c.id, t: spotCheckTicket('seed-w-2', kind, c.id) }))
        .sort((a, b) => (a.t < b.t ? -1 : 1))
        .slice(0, n)
        .map((x) => x.id);
    expect(ids(plain.cadres)).toEqual(byTicket(cadres, 'cadre', 4));
    expect(ids(plain.units)).toEqual(byTicket(units, 'unit', 3));
    expect(plain.cadres.every((p) => p.weight === undefined)).toBe(true);
    const flat = draw('seed-w-2', [{ subjectId: 'm0', weight: 1 }]);
    expect(flat.method).toBe(SPOT_CHECK_WEIGHTED_METHOD);
    expect(ids(flat.cadres)).toEqual(ids(plain.cadres));
    expect(ids(flat.units)).toEqual(ids(plain.units));
  });

  it('draws heavier weights more often over many seeds', () => {
    const hits = new Map<string, number>();
    for (let i = 0; i < 2000; i++)
      for (const p of draw(`many-${i}`, risky).cadres) hits.set(p.id, (hits.get(p.id) ?? 0) + 1);
    const light = cadres.filter((c) => c.id !== 'm3' && c.id !== 'm7').map((c) => hits.get(c.id) ?? 0);
    const meanLight = light.reduce((a, n) => a + n, 0) / light.length;
    expect(hits.get('m3')!).toBeGreaterThan(hits.get('m7')!);
    expect(hits.get('m7')!).toBeGreaterThan(2 * meanLight);
    // Four drawn in turn, each with probability ∝ weight among those left: m3 ≈ 0.80, m7 ≈ 0.57, the rest ≈ 0.15
    // (a 200,000-draw simulation with a random source); 2,000 seeds land within a few points of that.
    expect(hits.get('m3')! / 2000).toBeCloseTo(0.8, 1);
    expect(hits.get('m7')! / 2000).toBeCloseTo(0.57, 1);
    expect(meanLight / 2000).toBeCloseTo(0.15, 1);
  });

  it('keys are finite and positive; weights outside 1..10 or not integers are refused', () => {
    for (const t of ['0'.repeat(64), 'f'.repeat(64), spotCheckTicket('s', 'cadre', 'm1')]) {
      const k = spotCheckWeightedKey(t, 1);
      expect(Number.isFinite(k) && k > 0).toBe(true);
      expect(spotCheckWeightedKey(t, 10)).toBeCloseTo(k / 10);
    }
    for (const w of [0, 11, 1.5, -1, NaN])
      expect(() => draw('s', [{ subjectId: 'm1', weight: w }])).toThrow(RangeError);
    expect(() =>
      drawSpotCheckSample({ seed: 's', units, cadres, unitCount: 1, cadreCount: 1, method: 'x/v9' }),
    ).toThrow(RangeError);
  });

  it('re-runs a stored draw by its method: unweighted with the weighted method names the same subjects', () => {
    const stored = draw('seed-w-3', risky);
    const again = drawSpotCheckSample({
      seed: 'seed-w-3',
      units: units.map((u) => ({ id: u.id, name: '' })),
      cadres: cadres.map((c) => ({ id: c.id, name: '' })),
      unitCount: 3,
      cadreCount: 4,
      weights: canonicalWeights(risky),
      method: stored.method,
    });
    expect(ids(again.cadres)).toEqual(ids(stored.cadres));
    expect(canonicalWeights([...risky].reverse())).toEqual(canonicalWeights(risky));
    expect(canonicalWeights(risky).map((w) => w.subjectId)).toEqual(['m3', 'm7', 'u2']);
  });
});
