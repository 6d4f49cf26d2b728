import {
  Client,
  Connection,
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type ScheduleOptions,
} from '@temporalio/client';
import type { AppConfig } from '@pingyi/config';
import { NOTIFICATION_DISPATCH_SCHEDULE, NOTIFICATION_DISPATCH_WORKFLOW, TaskQueue } from '@pingyi/contracts';

/** The schedule that sends what is due every NOTIFY_DISPATCH_SECONDS (created once, its interval kept current). */
export function dispatchSchedule(everySeconds: number): ScheduleOptions {
  return {
    scheduleId: NOTIFICATION_DISPATCH_SCHEDULE,
    spec: { intervals: [{ every: everySeconds * 1000 }] },
    action: {
      type: 'startWorkflow',
      workflowType: NOTIFICATION_DISPATCH_WORKFLOW,
      workflowId: NOTIFICATION_DISPATCH_SCHEDULE,
      taskQueue: TaskQueue.commitment,
      args: [],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    state: { note: '通知派送：重试、免打扰时段后的短信、每日汇总' },
  };
}

/** Creates (or updates) the dispatch schedule; retried in the background until Temporal answers. */
export async function ensureDispatchSchedule(config: AppConfig, log = console.log): Promise<void> {
  const options = dispatchSchedule(config.NOTIFY_DISPATCH_SECONDS);
  for (let attempt = 1; ; attempt++) {
    try {
      const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
      try {
        const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
        try {
          await client.schedule.create(options);
        } catch (e) {
          if (!(e instanceof ScheduleAlreadyRunning)) throw e;
          await client.schedule
            .getHandle(options.scheduleId)
            .update((prev) => ({ ...prev, spec: options.spec, action: options.action }));
        }
        log(`notification dispatch schedule every ${config.NOTIFY_DISPATCH_SECONDS} s`);
        return;
      } finally {
        await connection.close();
      }
    } catch (e) {
      if (attempt >= 30) throw e;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}
