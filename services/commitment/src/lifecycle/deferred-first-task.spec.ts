import { ServiceError, type Client } from '@temporalio/client';
import type { Identity } from '@pingyi/contracts';
import { DEFERRED_FIRST_TASK_MS, launchFirstTaskDelay } from './start-commitment';
import { isSubjectOf } from './subject-guards';

describe('a launched commitment’s first workflow task is deferred until a person needs it', () => {
  it('waits 30–60 days by itself, the same for the same commitment, spread across commitments', () => {
    const delays = Array.from({ length: 2_000 }, (_, i) => launchFirstTaskDelay(`commitment-${i}`));
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(DEFERRED_FIRST_TASK_MS);
      expect(d).toBeLessThan(2 * DEFERRED_FIRST_TASK_MS);
    }
    expect(launchFirstTaskDelay('commitment-7')).toBe(delays[7]);
    // Spread: each fifth of the 30 days gets about a fifth of them (no day when all wake together).
    const fifths = [0, 0, 0, 0, 0];
    for (const d of delays) fifths[Math.floor((d / DEFERRED_FIRST_TASK_MS - 1) * 5)]!++;
    for (const n of fifths) expect(n).toBeGreaterThan(300);
  });

  it('asked whether a caller is its unit’s responsible, a deferred workflow is woken and then asked again', async () => {
    const calls: string[] = [];
    let woken = false;
    const notReady = new ServiceError('Failed to query Workflow', {
      cause: Object.assign(new Error('Workflow task is not scheduled yet.'), { code: 9 }),
    });
    const client = {
      withDeadline: (_: number, fn: () => Promise<unknown>) => fn(),
      workflow: {
        getHandle: () => ({
          query: async () => {
            calls.push('query');
            if (!woken) throw notReady;
            return { subjectActorId: 'p9' };
          },
          signal: async (def: { name: string }) => {
            calls.push(`signal ${def.name}`);
            woken = true;
          },
        }),
      },
    } as unknown as Client;
    const who: Identity = { personId: 'p9', roles: ['member'], orgPath: 'a.b' };
    const row = { workflow_id: 'commitment:c:u', org_path: 'a.b.c', subject_kind: 'unit', subject_id: 'u' };
    await expect(isSubjectOf(client, who, row, Date.now() + 5_000)).resolves.toBe(true);
    expect(calls).toEqual(['query', 'signal wake', 'query']);
  });
});
