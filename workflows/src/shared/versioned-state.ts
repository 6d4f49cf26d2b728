/** One upgrade step: a state of version n in, the same state in the shape of version n + 1 out. */
export type StateUpgrade = (state: Record<string, unknown>) => Record<string, unknown>;

/**
 * Takes over a state carried by continue-as-new from a run of older code: a state without `version` is version 1,
 * and `upgrades[n]` brings version n to n + 1 until it is `current`. A state newer than this code fails the workflow
 * task (not the workflow): the task is retried until a worker with newer code takes it.
 */
export function upgradeState<S extends { version: number }>(
  carried: unknown,
  current: number,
  upgrades: Readonly<Record<number, StateUpgrade>>,
): S {
  let state = { ...(carried as Record<string, unknown>) };
  let version = typeof state['version'] === 'number' ? state['version'] : 1;
  if (version > current) throw new Error(`state version ${version} is newer than this code (${current})`);
  for (; version < current; version++) {
    const step = upgrades[version];
    if (!step) throw new Error(`no upgrade from state version ${version}`);
    state = step(state);
  }
  return { ...state, version } as S;
}
