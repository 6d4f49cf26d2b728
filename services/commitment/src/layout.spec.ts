import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = __dirname;
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

/** Folders every feature may use: the lifecycle core (steps, projection, org sync), small helpers, scope, notices. */
const SHARED = new Set(['lifecycle', 'shared', 'scope', 'notify']);
/** Where the service is put together: free to import any feature. */
const ENTRY = new Set(['activities', 'audit', 'migrations', '.']);

const folderOf = (file: string): string => {
  const rel = relative(ROOT, file);
  return rel.includes(sep) ? rel.split(sep)[0]! : '.';
};

/** The top folders a file imports from (relative imports only). */
function importedFolders(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of code.matchAll(/from '(\.{1,2}\/[^']+)'/g)) out.push(folderOf(join(file, '..', m[1]!)));
  return out;
}

/**
 * The layout by construction (issue 14): a feature folder (steps, mass-evaluation, campaigns, …) imports only the
 * shared folders, never another feature, and the shared folders import no feature; so each behaviour is found in one
 * folder, and what several features need is where all of them can see it.
 */
describe('the commitment service layout', () => {
  const sources = files(ROOT).filter((f) => !f.endsWith('.spec.ts'));

  it('finds the sources', () => expect(sources.length).toBeGreaterThan(40));

  it('no feature folder imports another, and the shared folders import no feature', () => {
    const crossings = sources
      .filter((f) => !ENTRY.has(folderOf(f)))
      .flatMap((f) =>
        importedFolders(f)
          .filter((to) => to !== folderOf(f) && !SHARED.has(to))
          .map((to) => `${relative(ROOT, f)} → ${to}/`),
      );
    expect(crossings).toEqual([]);
  });

  it('no source file is over 400 lines (migrations aside)', () => {
    const long = sources
      .filter((f) => folderOf(f) !== 'migrations')
      .map((f) => [relative(ROOT, f), readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, n]) => n > 400);
    expect(long).toEqual([]);
  });
});
