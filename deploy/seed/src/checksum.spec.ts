import { createHash } from 'node:crypto';
import { generatePreset, type PresetName } from './generator';

/**
 * The generated presets, byte for byte (sha256 of their JSON) as they were before the generator moved out of the
 * org service and was split into files: tests, benches and the demo rely on the same rows for the same preset and
 * seed. A deliberate change to the generator updates these sums in the same commit.
 */
const SUMS: Record<string, string> = {
  'fogang:default': '4c7525a74f5a81c603c7472e3c67ef220b656d78ef6a3953c385ea41475c56f5',
  'fogang:7': 'e65ab962b307ca9111d6a0e16a676e90aa19ad844c70b231303d6cfc8b13c387',
  'dongwu:default': '0b6862d3da205f0e5017e6337ccd3cb49af4dd6f34f871c6e01ad4131edfb3e5',
  'dongwu:7': '1bdd2340af6f08ac3338118fb910f196ac168b497828e3be828601329c85ce2f',
  'tiny:default': 'bba0cfc654d5ad514749bfe21d9db8bf9d99037bf4fc0af96bfebdcd9b9975b4',
  'tiny:7': 'bc23ea516ce225b1172357bbb7895273a7c6e37f6816c8d12310fd7b5ac22a94',
  'baotou:default': '32cc2c23afd1c1f010f39863db82e50444ec7d032fcd35957e11eed72d950a11',
};

describe('generated presets are stable', () => {
  it.each(Object.keys(SUMS))('%s', (key) => {
    const [preset, seed] = key.split(':') as [PresetName, string];
    const org = generatePreset(preset, seed === 'default' ? undefined : Number(seed));
    expect(createHash('sha256').update(JSON.stringify(org)).digest('hex')).toBe(SUMS[key]);
  });
});
