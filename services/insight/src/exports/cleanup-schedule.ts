import type { AppConfig } from '@pingyi/config';
import { EXPORT_CLEANUP_SCHEDULE, EXPORT_CLEANUP_WORKFLOW, TaskQueue } from '@pingyi/contracts';
import { ensureIntervalSchedule } from '@pingyi/temporal';

/** Every EXPORT_CLEANUP_MINUTES: the files of export jobs past their expiry are deleted (`exportCleanupWorkflow`). */
export async function ensureExportCleanupSchedule(config: AppConfig): Promise<void> {
  await ensureIntervalSchedule(
    { address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE },
    {
      scheduleId: EXPORT_CLEANUP_SCHEDULE,
      workflowType: EXPORT_CLEANUP_WORKFLOW,
      taskQueue: TaskQueue.insight,
      everyMs: config.EXPORT_CLEANUP_MINUTES * 60_000,
      note: '删除已过期的导出文件',
    },
  );
  console.log(`export clean-up schedule every ${config.EXPORT_CLEANUP_MINUTES} min`);
}
