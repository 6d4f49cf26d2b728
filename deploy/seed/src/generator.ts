import type { DatasetRelations, OrgDataset } from '@pingyi/org-service';
import { buildMembers } from './members';
import { PRESETS, type PresetSpec } from './presets';
import { Rng, deriveSeed } from './random';
import { buildRelations } from './relations';
import { buildTree } from './tree';

export { Rng } from './random';

export type PresetName = 'baotou' | 'fogang' | 'dongwu' | 'tiny';
export const PRESET_NAMES: readonly PresetName[] = ['baotou', 'fogang', 'dongwu', 'tiny'];
export const DEFAULT_SEED = 20261127;

/** Leading cadres' units, branch pairings and inspection groups of a generated preset. */
export type Relations = DatasetRelations;

export interface GeneratedOrg extends OrgDataset {
  preset: PresetName;
}

/** Generates a preset's units, members and relations; the same preset and seed always give the same rows. */
export function generatePreset(preset: PresetName, seed: number = DEFAULT_SEED): GeneratedOrg {
  const spec: PresetSpec = PRESETS[preset];
  const tree = buildTree(spec, new Rng(deriveSeed(seed, 'tree')));
  const people = buildMembers(spec, tree, new Rng(deriveSeed(seed, 'members')));
  const relations = buildRelations(spec, tree, people, new Rng(deriveSeed(seed, 'relations')));
  return { preset, units: tree.units.map((u) => u.row), members: people.rows, relations };
}
