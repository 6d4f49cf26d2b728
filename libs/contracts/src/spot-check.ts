import { sha256Hex } from './sha256';

/**
 * 每周摇号抽查: how a draw is made, so anyone can re-run it from the stored seed and candidate list.
 * Each candidate gets a ticket, SHA-256 of `seed \n kind \n id` (hex); the k lowest tickets are drawn. The result
 * depends only on the seed and the set of candidate ids — not on their order, and not on Math.random.
 */
export const SPOT_CHECK_METHOD = 'sha256-rank/v1';

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

/** One draw of units and cadres (unit secretaries and leaders who review) with the same seed. */
export function drawSpotCheckSample(input: {
  seed: string;
  units: readonly SpotCheckCandidate[];
  cadres: readonly SpotCheckCandidate[];
  unitCount: number;
  cadreCount: number;
}): { units: SpotCheckPick[]; cadres: SpotCheckPick[] } {
  return {
    units: drawByTicket(input.seed, 'unit', input.units, input.unitCount),
    cadres: drawByTicket(input.seed, 'cadre', input.cadres, input.cadreCount),
  };
}

const key = (c: SpotCheckCandidate): string => `${c.name}\n${c.orgPath ?? ''}`;
/** Code-unit order, never the locale's: the same on every machine. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
