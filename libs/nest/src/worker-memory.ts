import type { Worker } from '@temporalio/worker';

const MiB = 1024 * 1024;

/** One sample of a worker process's memory: the main thread's V8 heap and what else the process holds. */
export interface WorkerMemorySample {
  rssMiB: number;
  /** The main thread's V8 heap (activities, the SDK's JS side); the workflow threads' isolates are not in it. */
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  /** RSS less the main heap and its external memory: workflow threads' isolates, the Rust core, code. */
  otherMiB: number;
  /** Workflows each Worker of the process holds in its cache (by task queue). */
  cached: Record<string, number>;
}

export function sampleWorkerMemory(workers: { queue: string; worker: Worker }[]): WorkerMemorySample {
  const m = process.memoryUsage();
  const r = (b: number) => Math.round(b / MiB);
  return {
    rssMiB: r(m.rss),
    heapUsedMiB: r(m.heapUsed),
    heapTotalMiB: r(m.heapTotal),
    externalMiB: r(m.external),
    otherMiB: r(m.rss - m.heapTotal - m.external),
    cached: Object.fromEntries(workers.map((w) => [w.queue, w.worker.getStatus().numCachedWorkflows])),
  };
}

/** Logs a `worker memory` line every `ms` (`WORKER_MEMORY_LOG_MS`); returns the stop function. */
export function logWorkerMemory(workers: { queue: string; worker: Worker }[], ms: number): () => void {
  const t = setInterval(
    () => console.log(`worker memory ${JSON.stringify(sampleWorkerMemory(workers))}`),
    ms,
  );
  t.unref();
  return () => clearInterval(t);
}

/**
 * What a worker process holds besides its workflow threads' heaps, in MiB (measured with `WORKER_MEMORY_LOG_MS`, see
 * the README's bench:campaign notes): Node's code, the Temporal core and the main thread's heap (activities, the SDK;
 * up to ~170 during a launch).
 */
export const WORKER_BASE_MIB = 290;
/** A workflow thread's heap with the bundle loaded and nothing cached. */
export const WORKFLOW_THREAD_MIB = 40;
/**
 * What one cached workflow holds in its thread's heap, in MiB: even with `reuseV8Context` each workflow evaluates
 * the bundle's modules into its own module cache, plus its own state. Measured as RSS per cached workflow with 400
 * cached: 0.77–0.83 since workflows import only `@pingyi/contracts/dist/workflow` (1.67–1.70 with the whole
 * contracts, whose event schemas were most of it).
 */
export const CACHED_WORKFLOW_MIB = 0.8;
/** Fewer cached workflows than concurrent workflow tasks (the SDK's default 40) would throttle a Worker. */
export const MIN_CACHED_PER_WORKER = 40;

export interface WorkerMemoryPlan {
  /** `maxCachedWorkflows` of each Worker of the process (the first one serves activities too). */
  cached: number[];
  /** V8 old space of each workflow thread (`--max-old-space-size` for the threads created after it is set), MiB. */
  threadHeapMiB: number;
}

/**
 * One memory budget (`WORKER_MEMORY_BUDGET_MIB`) for a whole worker process: after the base, each Worker's workflow
 * thread gets an equal share as its heap cap, and caches as many workflows as fill half of it — the other half is
 * room for the garbage of evicted workflows between collections (during a launch every new commitment's modules
 * become garbage when it leaves the cache). `total` (`WORKER_MAX_CACHED_WORKFLOWS`) overrides the cache, shared evenly.
 */
export function planWorkerMemory(o: {
  workers: number;
  budgetMiB: number;
  total?: number;
}): WorkerMemoryPlan {
  const threadHeapMiB = Math.floor((o.budgetMiB - WORKER_BASE_MIB) / o.workers);
  const derived = Math.floor((threadHeapMiB / 2 - WORKFLOW_THREAD_MIB) / CACHED_WORKFLOW_MIB);
  const each =
    o.total === 0
      ? 0
      : Math.max(MIN_CACHED_PER_WORKER, o.total === undefined ? derived : Math.floor(o.total / o.workers));
  return { cached: Array.from({ length: o.workers }, () => each), threadHeapMiB };
}
