import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const SRC = join(__dirname, '..');
/** Folders every feature may use; they import no feature themselves. */
const SHARED = ['shared', 'scope'];
/** One folder per feature: its module, resolvers, services and the entities it owns. */
const FEATURES = ['units', 'members', 'relations', 'import', 'rules', 'audit'];

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });

/** The top folder under src/ of a file, or '' for the root files (app.module.ts, main.ts, worker.ts, …). */
const topFolder = (file: string): string => {
  const rel = relative(SRC, file);
  return rel.includes(sep) ? rel.split(sep)[0]! : '';
};

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.[^']*)'/g)].map((m) =>
    resolve(dirname(file), m[1]!),
  );

describe('the org service’s feature folders', () => {
  it('are all known: a new top folder is either a feature or shared', () => {
    const folders = readdirSync(SRC).filter(
      (n) => statSync(join(SRC, n)).isDirectory() && n !== 'migrations',
    );
    expect(folders.sort()).toEqual([...SHARED, ...FEATURES].sort());
  });

  it('import no other feature, and shared folders import no feature', () => {
    const offences: string[] = [];
    let crossings = 0;
    for (const file of sources(SRC)) {
      const from = topFolder(file);
      if (!from) continue;
      for (const target of importsOf(file)) {
        const to = topFolder(target);
        if (to && to !== from) crossings++;
        if (to && to !== from && FEATURES.includes(to))
          offences.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(offences).toEqual([]);
    // The check reads the imports at all: features do use the shared folders.
    expect(crossings).toBeGreaterThan(40);
  });
});
