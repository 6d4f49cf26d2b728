import { Connection } from '@temporalio/client';
import { TaskQueue } from '@pingyi/contracts';

// Temporal API enum values (temporal.api.enums.v1): TaskQueueKind NORMAL, TaskQueueType WORKFLOW.
const NORMAL = 1;
const WORKFLOW = 1;

/**
 * Waits until the commitment workers have caught up: no workflow task older than a second waits on their queues. A
 * suite that launched 12,000 workflows leaves their later tasks queued for minutes after its own checks pass; the
 * next suite's steps would wait behind them (the same queue) and answer STEP_PENDING.
 */
export async function commitmentQueuesQuiet(timeoutMs = 300_000): Promise<void> {
  const connection = await Connection.connect({ address: process.env['TEMPORAL_ADDRESS']! });
  const backlog = async (name: string) => {
    const { stats } = await connection.workflowService.describeTaskQueue({
      namespace: process.env['TEMPORAL_NAMESPACE'] ?? 'default',
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
      if (waiting.every((n) => n === 0)) return;
      if (Date.now() > end)
        throw new Error(`commitment task queues still behind after ${timeoutMs} ms: ${waiting.join(', ')}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await connection.close();
  }
}
