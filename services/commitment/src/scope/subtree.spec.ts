import { inSubtree, subtreePattern } from './subtree';

/** PostgreSQL LIKE with the default escape character `\`: `_` one character, `%` any run, `\x` the character x. */
function like(text: string, pattern: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') re += (pattern[++i] ?? '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (ch === '_') re += '[\\s\\S]';
    else if (ch === '%') re += '[\\s\\S]*';
    else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(text);
}
const inTree = (path: string, root: string) => path === root || like(path, subtreePattern(root));

describe('the commitment service scope rule (one exact-prefix subtree condition)', () => {
  it('a code with `_` does not match a sibling that differs in that place (dw_ vs dwq)', () => {
    expect(like('xl.dwq.b1', 'xl.dw_.%')).toBe(true); // the hole: an unescaped pattern
    expect(inTree('xl.dwq.b1', 'xl.dw_')).toBe(false);
    expect(inTree('xl.dwq', 'xl.dw_')).toBe(false);
    expect(inTree('xl.dw_', 'xl.dw_')).toBe(true);
    expect(inTree('xl.dw_.b1', 'xl.dw_')).toBe(true);
    expect(inTree('xl.dw_.b_1.x', 'xl.dw_')).toBe(true);
  });

  it('`%` and `\\` in a root are literal', () => {
    expect(subtreePattern('a%b')).toBe('a\\%b.%');
    expect(inTree('axxb.c', 'a%b')).toBe(false);
    expect(inTree('a%b.c', 'a%b')).toBe(true);
    expect(subtreePattern('a\\b')).toBe('a\\\\b.%');
    expect(inTree('a\\b.c', 'a\\b')).toBe(true);
    expect(inTree('ab.c', 'a\\b')).toBe(false);
  });

  it('a prefix that is not a whole label does not match', () => {
    expect(inTree('xl.dw1', 'xl.dw')).toBe(false);
    expect(inTree('xl.dw.1', 'xl.dw')).toBe(true);
  });

  it('renders one condition for a column and a parameter, escaping in SQL', () => {
    expect(inSubtree('c.org_path', '$2')).toBe(
      `(c.org_path = $2 or c.org_path like replace(replace(replace(($2)::text, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '.%')`,
    );
  });
});
