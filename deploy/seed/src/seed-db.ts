import type { MikroORM } from '@mikro-orm/postgresql';
import { loadOrgDataset, type LoadProgress } from '@pingyi/org-service';
import { generatePreset, type PresetName } from './generator';

export interface SeedProgress {
  phase: 'generate' | LoadProgress['phase'];
  done: number;
  total: number;
}

export interface SeedResult {
  preset: PresetName;
  units: { inserted: number; updated: number; unchanged: number };
  members: { inserted: number; updated: number; unchanged: number };
  relations: number;
  rootCode: string;
  ms: number;
}

/** Generates a preset and loads it into the org schema (idempotent; events go to the outbox). */
export async function seedPreset(
  orm: MikroORM,
  o: { preset: PresetName; seed?: number; pepper: string; onProgress?: (p: SeedProgress) => void },
): Promise<SeedResult> {
  const started = Date.now();
  const progress = o.onProgress ?? (() => undefined);
  progress({ phase: 'generate', done: 0, total: 1 });
  const data = generatePreset(o.preset, o.seed);
  progress({ phase: 'generate', done: 1, total: 1 });
  const { units, members, relations, rootCode } = await loadOrgDataset(orm, data, {
    pepper: o.pepper,
    onProgress: progress,
  });
  return {
    preset: o.preset,
    units: { inserted: units.inserted, updated: units.updated, unchanged: units.unchanged },
    members: { inserted: members.inserted, updated: members.updated, unchanged: members.unchanged },
    relations,
    rootCode,
    ms: Date.now() - started,
  };
}
