import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import {
  TaskQueue,
  type ExportActivities,
  type ExportWorkflowInput,
  type ExportWorkflowResult,
} from '@pingyi/contracts/dist/workflow';

/**
 * The file is written by one activity that heartbeats its progress: a worker that dies mid-export stops
 * heartbeating, and after HEARTBEAT the attempt is retried on another (or the restarted) worker, which starts the file
 * afresh. A county's ZIP of forms takes hours, hence the long start-to-close.
 */
const { writeExport } = proxyActivities<ExportActivities>({
  taskQueue: TaskQueue.insight,
  startToCloseTimeout: '12 hours',
  heartbeatTimeout: '20 seconds',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 4,
  },
});
const { failExport } = proxyActivities<ExportActivities>({
  taskQueue: TaskQueue.insight,
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 20, maximumInterval: '30 seconds' },
});

/** One export job (导出任务): writes its file; when every attempt failed, records the job as failed. */
export async function exportWorkflow(input: ExportWorkflowInput): Promise<ExportWorkflowResult> {
  try {
    return await writeExport(input);
  } catch (e) {
    if (!(e instanceof ActivityFailure)) throw e;
    const cause = e.cause instanceof ApplicationFailure ? e.cause.message : '';
    await failExport({ ...input, reason: cause });
    return { jobId: input.jobId, status: 'failed', done: 0, size: 0 };
  }
}
