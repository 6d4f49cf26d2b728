export {
  DEFAULT_SEED,
  PRESET_NAMES,
  generatePreset,
  type GeneratedOrg,
  type PresetName,
  type Relations,
} from './generator';
export { openOrgOrm } from './org-orm';
export { seedPreset, type SeedProgress, type SeedResult } from './seed-db';
