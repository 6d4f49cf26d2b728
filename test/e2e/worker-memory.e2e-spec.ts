import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@pingyi/config';
import { planWorkerMemory } from '@pingyi/nest/worker';

/** The commitment worker's lines of a kind from its log this session (JSON lines; the message holds the JSON). */
function workerLines(prefix: string): string[] {
  const log = readFileSync(join(process.env['PINGYI_E2E_LOG_DIR']!, 'commitment-worker.log'), 'utf8');
  return log
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => (JSON.parse(l) as { message?: string }).message ?? '')
    .filter((m) => m.startsWith(prefix));
}

describe('the commitment worker keeps within its memory budget (issue 16)', () => {
  const budget = loadConfig(process.env).WORKER_MEMORY_BUDGET_MIB;
  const plan = planWorkerMemory({ workers: 2, budgetMiB: budget });

  it('sizes its two task queues’ caches and its workflow threads’ heaps from WORKER_MEMORY_BUDGET_MIB', () => {
    const [line] = workerLines('worker memory budget').slice(-1);
    expect(line).toBe(
      `worker memory budget ${budget} MiB: ${plan.cached.join(' + ')} cached workflows, workflow threads' heap ${plan.threadHeapMiB} MiB each`,
    );
  });

  it('has held no more workflows than planned and stayed under the budget in every sample of this session', () => {
    const samples = workerLines('worker memory {').map(
      (m) =>
        JSON.parse(m.slice('worker memory '.length)) as { rssMiB: number; cached: Record<string, number> },
    );
    expect(samples.length).toBeGreaterThan(0);
    const peakRss = Math.max(...samples.map((s) => s.rssMiB));
    const peakCached = Math.max(...samples.flatMap((s) => Object.values(s.cached)));
    expect(peakCached).toBeLessThanOrEqual(plan.cached[0]!);
    expect(peakRss).toBeLessThan(budget);
  });
});
