import { proxyActivities } from '@temporalio/workflow';
import { TaskQueue, type ExportActivities } from '@pingyi/contracts/dist/workflow';

const { expireExports } = proxyActivities<ExportActivities>({
  taskQueue: TaskQueue.insight,
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '10 seconds', maximumAttempts: 5 },
});

/** Started by the schedule `insight-export-cleanup`: deletes the files of expired export jobs. */
export async function exportCleanupWorkflow(): Promise<{ expired: number }> {
  return expireExports();
}
