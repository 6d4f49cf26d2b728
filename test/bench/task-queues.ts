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
  o: { address: string; namespace?: string | undefined; timeoutMs?: number },
  progress?: (waiting: number[]) => void,
): Promise<void> {
  const timeoutMs = o.timeoutMs ?? 300_000;
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
    const end = Date.now() + timeoutMs;
    for (;;) {
      const waiting = await Promise.all([TaskQueue.commitmentLaunch, TaskQueue.commitment].map(backlog));
      progress?.(waiting);
      if (waiting.every((n) => n === 0)) return;
      if (Date.now() > end)
        throw new Error(`commitment task queues still behind after ${timeoutMs} ms: ${waiting.join(', ')}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await connection.close();
  }
}
