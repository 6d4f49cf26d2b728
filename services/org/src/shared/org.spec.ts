import { hashIdNumber, maskIdNumber } from './id-number';
import { levelAllowed } from './level-rules';

describe('level rules', () => {
  it.each([
    ['prefecture', null, true],
    ['county', null, false],
    ['county', 'prefecture', true],
    ['committee', 'prefecture', true],
    ['committee', 'county', true],
    ['committee', 'committee', true],
    ['general_branch', 'committee', true],
    ['general_branch', 'general_branch', false],
    ['branch', 'general_branch', true],
    ['branch', 'committee', true],
    ['branch', 'county', true],
    ['branch', 'prefecture', false],
    ['branch', 'branch', false],
    ['county', 'county', false],
  ] as const)('%s under %s: %s', (level, parent, ok) => {
    expect(levelAllowed(level, parent)).toBe(ok);
  });
});

describe('ID numbers', () => {
  it('are hashed with a key, never kept in clear, and shown masked', () => {
    const id = '15020319800101123X';
    const h = hashIdNumber(id, 'pepper-one-is-long-enough');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain('150203');
    expect(hashIdNumber(id.toLowerCase(), 'pepper-one-is-long-enough')).toBe(h);
    expect(hashIdNumber(id, 'pepper-two-is-long-enough')).not.toBe(h);
    expect(maskIdNumber(id)).toBe('150203********123X');
  });
});
