import { join, resolve } from 'node:path';

/** Repository root (deploy/local/dist or deploy/local/src → ../../..). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** Git-ignored cache for installed tools, data and logs. */
export const CACHE_DIR = process.env['PINGYI_CACHE_DIR'] ?? join(REPO_ROOT, '.cache', 'pingyi');
export const TOOLS_DIR = join(CACHE_DIR, 'tools');

export function profileDir(profile: string): string {
  return join(CACHE_DIR, profile);
}
