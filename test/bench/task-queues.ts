import { Connection } from '@temporalio/client';
import { TaskQueue } from '@pingyi/contracts';

// Temporal API enum values (temporal.api.enums.v1): TaskQueueKind NORMAL, TaskQueueType WORKFLOW.
const NORMAL = 1;
const WORKFLOW = 1;

/**
 * Waits until the commitment workers have caught up: no workflow task older than a second waits on their queues. A
 * launch of thousands of workflows leaves their first tasks queued for minutes after it reports every workflow
 * started; a step sent meanwhile waits behind them (the same queue).
 */
export async function commitmentQueuesQuiet(
  o: {
    address: string;
    namespace?: string | undefined;
    timeoutMs?: number;
    /** Gives up sooner when the waiting tasks have not gone down for this long (the workers are stuck, not slow). */
    stallMs?: number;
  },
  progress?: (waiting: number[]) => void,
): Promise<void> {
  const timeoutMs = o.timeoutMs ?? 300_000;
  const stallMs = o.stallMs ?? timeoutMs;
  const connection = await Connection.connect({ address: o.address });
  const backlog = async (name: string) => {
    const { stats } = await connection.workflowService.describeTaskQueue({
      namespace: o.namespace ?? 'default',
      taskQueue: { name, kind: NORMAL },
      taskQueueType: WORKFLOW,
      reportStats: true,
    });
    const count = Number(stats?.approximateBacklogCount ?? 0);
    const ageSeconds = Number(stats?.approximateBacklogAge?.seconds ?? 0);
    return count === 0 || ageSeconds < 1 ? 0 : count;
  };
  try {
    const started = Date.now();
    let fewest = Infinity;
    let fewestAt = started;
    for (;;) {
      const waiting = await Promise.all([TaskQueue.commitmentLaunch, TaskQueue.commitment].map(backlog));
      progress?.(waiting);
      const total = waiting.reduce((a, n) => a + n, 0);
      if (total === 0) return;
      const now = Date.now();
      if (total < fewest) [fewest, fewestAt] = [total, now];
      if (now - started > timeoutMs || now - fewestAt > stallMs)
        throw new Error(
          `commitment task queues still behind after ${now - started} ms (none done in the last ${now - fewestAt} ms): ${waiting.join(', ')}`,
        );
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await connection.close();
  }
}
