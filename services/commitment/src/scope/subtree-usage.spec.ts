import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });

/**
 * The scope rule by construction: no code of the commitment service (outside the helper and the migrations) writes
 * its own LIKE pattern or builds a `'.%'` pattern, so a new query cannot bring back the `_` wildcard hole (issue 12,
 * finding 1); subtree conditions go through `inSubtree`.
 */
describe('every subtree condition of the commitment service goes through inSubtree', () => {
  const sources = files(ROOT).filter(
    (f) => !f.includes(`${join('src', 'migrations')}`) && !f.endsWith(join('scope', 'subtree.ts')),
  );

  it('finds the sources', () => expect(sources.length).toBeGreaterThan(20));

  it.each(sources.map((f) => [relative(ROOT, f)]))('%s has no hand-made LIKE', (f) => {
    const code = readFileSync(join(ROOT, f), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(i?like|similar\s+to)\s+[$'(\w]/i);
    expect(code).not.toMatch(/'\.%'/);
    expect(code).not.toMatch(/~~/);
  });
});
