import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { countyOf, inScope, subtreeSql, visible } from './scope';

const SRC = join(__dirname, '..');
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });

describe('the org service’s one scope rule', () => {
  it('compares whole labels: `_` is no wildcard and a prefix of a label is not a subtree', () => {
    const who = { orgPath: 'xl.dw_' };
    expect(inScope(who, 'xl.dw_')).toBe(true);
    expect(inScope(who, 'xl.dw_.b01')).toBe(true);
    expect(inScope(who, 'xl.dwq')).toBe(false);
    expect(inScope(who, 'xl.dwq.b01')).toBe(false);
    expect(inScope(who, 'xl.dw_x')).toBe(false);
    expect(inScope(who, 'xl')).toBe(false);
    expect(inScope(who, null)).toBe(false);
    expect(visible(who, 'xl.dwq', 'secret')).toBeNull();
    expect(visible(who, 'xl.dw_.b', 'ok')).toBe('ok');
    expect(subtreeSql('u.path', 2)).toBe('u.path <@ $2::public.ltree');
    expect(countyOf('bt.kdq.c012.b0345')).toBe('bt.kdq');
    expect(countyOf('bt')).toBe('bt');
  });

  it('is the only place that decides scope: no other check, no LIKE on paths, no hand-written <@', () => {
    const offences: string[] = [];
    for (const file of sources(SRC)) {
      const rel = relative(SRC, file);
      if (rel === join('scope', 'scope.ts') || rel.startsWith('migrations') || rel.startsWith('seed'))
        continue;
      const text = readFileSync(file, 'utf8');
      if (/\bisWithinScope\b|\brequireScope\b/.test(text))
        offences.push(`${rel}: scope checked outside scope.ts`);
      if (/path[^\n]*\b(i?like)\b/i.test(text)) offences.push(`${rel}: LIKE on a path`);
      if (/<@\s*\$\d/.test(text)) offences.push(`${rel}: hand-written <@`);
    }
    expect(offences).toEqual([]);
  });

  it('every field resolver and entity reference of Unit or Member re-checks scope', () => {
    const resolvers = sources(SRC).filter((f) => f.endsWith('.resolver.ts'));
    const text = resolvers.map((f) => readFileSync(f, 'utf8')).join('\n');
    const blocks = text.split(/(?=@ResolveField|@ResolveReference|@Query|@Mutation)/);
    const objectFields = blocks.filter(
      (b) =>
        /^@ResolveField\(\(\) => (UnitObject|MemberObject)\b/.test(b) || b.startsWith('@ResolveReference'),
    );
    expect(objectFields.length).toBeGreaterThanOrEqual(5);
    for (const b of objectFields) expect(b).toMatch(/visible\(|this\.reads\.(unit|member)\(/);
  });
});
