import {
  CACHED_WORKFLOW_MIB,
  MIN_CACHED_PER_WORKER,
  planWorkerMemory,
  WORKER_BASE_MIB,
} from './worker-memory';

describe('planWorkerMemory', () => {
  it('shares what the base leaves evenly: each workflow thread its heap cap, half of it for cached workflows', () => {
    const plan = planWorkerMemory({ workers: 2, budgetMiB: 896 });
    expect(plan.threadHeapMiB).toBe((896 - WORKER_BASE_MIB) / 2);
    expect(plan.cached[0]).toBe(plan.cached[1]);
    // What the caches hold stays within half of the threads' heaps: the process stays within its budget.
    const cachedMiB = plan.cached.reduce((a, b) => a + b, 0) * CACHED_WORKFLOW_MIB;
    expect(WORKER_BASE_MIB + 2 * plan.threadHeapMiB).toBeLessThanOrEqual(896);
    expect(cachedMiB).toBeLessThanOrEqual(plan.threadHeapMiB);
  });

  it('caches more with a larger budget and fewer Workers', () => {
    const small = planWorkerMemory({ workers: 2, budgetMiB: 896 }).cached[0]!;
    expect(planWorkerMemory({ workers: 2, budgetMiB: 1536 }).cached[0]).toBeGreaterThan(small);
    expect(planWorkerMemory({ workers: 1, budgetMiB: 896 }).cached[0]).toBeGreaterThan(small);
  });

  it('never caches fewer than a Worker runs at once, unless the cache is turned off', () => {
    expect(planWorkerMemory({ workers: 4, budgetMiB: 512 }).cached).toEqual(
      Array(4).fill(MIN_CACHED_PER_WORKER),
    );
    expect(planWorkerMemory({ workers: 2, budgetMiB: 896, total: 0 }).cached).toEqual([0, 0]);
  });

  it('WORKER_MAX_CACHED_WORKFLOWS, when given, is the process total shared by its Workers', () => {
    expect(planWorkerMemory({ workers: 2, budgetMiB: 896, total: 1000 }).cached).toEqual([500, 500]);
  });
});
