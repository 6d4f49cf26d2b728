import { sha256Hex } from './sha256';

/**
 * 每周摇号抽查: how a draw is made, so anyone can re-run it from the stored seed and candidate list.
 * Each candidate gets a ticket, SHA-256 of `seed \n kind \n id` (hex); the k lowest tickets are drawn. The result
 * depends only on the seed and the set of candidate ids — not on their order, and not on Math.random.
 */
export const SPOT_CHECK_METHOD = 'sha256-rank/v1';
/**
 * 按风险加权 (Efraimidis–Spirakis): the same ticket, its first 52 bits read as v in (0,1), the key -ln(1 - v) / w for
 * an integer weight w in 1..10 (1 for candidates not listed); the k lowest keys are drawn. Equal weights draw exactly
 * what `sha256-rank/v1` draws; the result depends only on the seed, the candidate ids and the weights.
 */
export const SPOT_CHECK_WEIGHTED_METHOD = 'sha256-weighted/v1';
export type SpotCheckMethod = typeof SPOT_CHECK_METHOD | typeof SPOT_CHECK_WEIGHTED_METHOD;
export const SPOT_CHECK_MAX_WEIGHT = 10;

/** A risk weight for one subject (unit or cadre id), as stored with the draw. */
export interface SpotCheckWeight {
  subjectId: string;
  weight: number;
}

export type SpotCheckKind = 'unit' | 'cadre';
export const SpotCheckKindLabel: Record<SpotCheckKind, string> = { unit: '党组织', cadre: '干部' };

export interface SpotCheckCandidate {
  id: string;
  name: string;
  orgPath?: string;
}

export interface SpotCheckPick extends SpotCheckCandidate {
  /** The candidate's ticket (hex): the draw in numbers, for anyone checking it. */
  ticket: string;
  /** The weight it was drawn with (weighted draws only). */
  weight?: number;
}

export const spotCheckTicket = (seed: string, kind: SpotCheckKind, id: string): string =>
  sha256Hex(`${seed}\n${kind}\n${id}`);

/** The `count` candidates with the lowest tickets, lowest first. Duplicate ids count once. */
export function drawByTicket(
  seed: string,
  kind: SpotCheckKind,
  candidates: readonly SpotCheckCandidate[],
  count: number,
): SpotCheckPick[] {
  const byId = new Map<string, SpotCheckCandidate>();
  for (const c of candidates) {
    const prior = byId.get(c.id);
    // Keep one entry per id whatever the input order (the lowest name, then path).
    if (!prior || key(c) < key(prior)) byId.set(c.id, c);
  }
  return [...byId.values()]
    .map((c) => ({ ...c, ticket: spotCheckTicket(seed, kind, c.id) }))
    .sort((a, b) => compare(a.ticket, b.ticket) || compare(a.id, b.id))
    .slice(0, Math.max(0, Math.floor(count)));
}

/** The weighted key of a ticket: -ln(1 - v) / w, v from the ticket's first 13 hex digits, strictly inside (0,1). */
export function spotCheckWeightedKey(ticket: string, weight: number): number {
  if (!Number.isInteger(weight) || weight < 1 || weight > SPOT_CHECK_MAX_WEIGHT)
    throw new RangeError(`spot-check weight must be an integer 1..${SPOT_CHECK_MAX_WEIGHT}: ${weight}`);
  const v = (parseInt(ticket.slice(0, 13), 16) + 0.5) / 2 ** 52;
  return -Math.log1p(-v) / weight;
}

/** The `count` candidates with the lowest weighted keys (ties by ticket, then id), lowest first. */
export function drawByWeightedTicket(
  seed: string,
  kind: SpotCheckKind,
  candidates: readonly SpotCheckCandidate[],
  count: number,
  weights: ReadonlyMap<string, number>,
): SpotCheckPick[] {
  return drawByTicket(seed, kind, candidates, Number.MAX_SAFE_INTEGER)
    .map((p) => ({ ...p, weight: weights.get(p.id) ?? 1 }))
    .map((p) => ({ ...p, key: spotCheckWeightedKey(p.ticket, p.weight) }))
    .sort((a, b) => a.key - b.key || compare(a.ticket, b.ticket) || compare(a.id, b.id))
    .slice(0, Math.max(0, Math.floor(count)))
    .map(({ key: _key, ...p }) => p);
}

/** Weights as a map, the last of duplicate ids winning (callers validate before; this only draws). */
export const spotCheckWeightMap = (weights: readonly SpotCheckWeight[] = []): Map<string, number> =>
  new Map(weights.map((w) => [w.subjectId, w.weight]));

/** Weights in one canonical order (by subject id), as stored and as they enter the draw id. */
export const canonicalWeights = (weights: readonly SpotCheckWeight[] = []): SpotCheckWeight[] =>
  [...spotCheckWeightMap(weights)]
    .map(([subjectId, weight]) => ({ subjectId, weight }))
    .sort((a, b) => compare(a.subjectId, b.subjectId));

/**
 * One draw of units and cadres (unit secretaries and leaders who review) with the same seed. With `weights` (by
 * subject id, either kind) the draw is `sha256-weighted/v1`, else `sha256-rank/v1`; `method` names one explicitly
 * (re-running a stored draw).
 */
export function drawSpotCheckSample(input: {
  seed: string;
  units: readonly SpotCheckCandidate[];
  cadres: readonly SpotCheckCandidate[];
  unitCount: number;
  cadreCount: number;
  weights?: readonly SpotCheckWeight[];
  method?: string;
}): { units: SpotCheckPick[]; cadres: SpotCheckPick[]; method: SpotCheckMethod } {
  const method = input.method ?? (input.weights?.length ? SPOT_CHECK_WEIGHTED_METHOD : SPOT_CHECK_METHOD);
  if (method === SPOT_CHECK_WEIGHTED_METHOD) {
    const w = spotCheckWeightMap(input.weights);
    return {
      units: drawByWeightedTicket(input.seed, 'unit', input.units, input.unitCount, w),
      cadres: drawByWeightedTicket(input.seed, 'cadre', input.cadres, input.cadreCount, w),
      method,
    };
  }
  if (method !== SPOT_CHECK_METHOD) throw new RangeError(`unknown spot-check method: ${method}`);
  return {
    units: drawByTicket(input.seed, 'unit', input.units, input.unitCount),
    cadres: drawByTicket(input.seed, 'cadre', input.cadres, input.cadreCount),
    method,
  };
}

const key = (c: SpotCheckCandidate): string => `${c.name}\n${c.orgPath ?? ''}`;
/** Code-unit order, never the locale's: the same on every machine. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
