import { upgradeState } from './versioned-state';

describe('upgradeState (state carried over by continue-as-new)', () => {
  it('takes a state without a version as version 1', () => {
    expect(upgradeState({ seq: 3 }, 1, {})).toEqual({ seq: 3, version: 1 });
  });

  it('runs each step from the carried version up to the current one, in order', () => {
    const upgrades = {
      1: (s: Record<string, unknown>) => ({ ...s, a: 'added in 2' }),
      2: (s: Record<string, unknown>) => ({ ...s, b: `${String(s['a'])}, then 3` }),
    };
    expect(upgradeState({ seq: 1 }, 3, upgrades)).toEqual({
      seq: 1,
      a: 'added in 2',
      b: 'added in 2, then 3',
      version: 3,
    });
    expect(upgradeState({ seq: 1, version: 2, a: 'kept' }, 3, upgrades)).toMatchObject({
      a: 'kept',
      version: 3,
    });
  });

  it('refuses a state newer than the code, or one it has no step for (the workflow task fails and is retried)', () => {
    expect(() => upgradeState({ version: 2 }, 1, {})).toThrow('state version 2 is newer than this code (1)');
    expect(() => upgradeState({}, 2, {})).toThrow('no upgrade from state version 1');
  });
});
