import type { AppConfig } from '@pingyi/config';
import { NOTIFICATION_DISPATCH_SCHEDULE, NOTIFICATION_DISPATCH_WORKFLOW, TaskQueue } from '@pingyi/contracts';
import { ensureIntervalSchedule } from '@pingyi/temporal';

/** The schedule that sends what is due every NOTIFY_DISPATCH_SECONDS (created once, its interval kept current). */
export async function ensureDispatchSchedule(config: AppConfig, log = console.log): Promise<void> {
  await ensureIntervalSchedule(
    { address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE },
    {
      scheduleId: NOTIFICATION_DISPATCH_SCHEDULE,
      workflowType: NOTIFICATION_DISPATCH_WORKFLOW,
      taskQueue: TaskQueue.commitment,
      everyMs: config.NOTIFY_DISPATCH_SECONDS * 1000,
      note: '通知派送：重试、免打扰时段后的短信、每日汇总',
    },
  );
  log(`notification dispatch schedule every ${config.NOTIFY_DISPATCH_SECONDS} s`);
}
