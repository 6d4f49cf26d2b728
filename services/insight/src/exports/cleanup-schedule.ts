import {
  Client,
  Connection,
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type ScheduleOptions,
} from '@temporalio/client';
import type { AppConfig } from '@pingyi/config';
import { EXPORT_CLEANUP_SCHEDULE, EXPORT_CLEANUP_WORKFLOW, TaskQueue } from '@pingyi/contracts';

/** Every EXPORT_CLEANUP_MINUTES: the files of export jobs past their expiry are deleted (`exportCleanupWorkflow`). */
export function exportCleanupSchedule(everyMinutes: number): ScheduleOptions {
  return {
    scheduleId: EXPORT_CLEANUP_SCHEDULE,
    spec: { intervals: [{ every: everyMinutes * 60_000 }] },
    action: {
      type: 'startWorkflow',
      workflowType: EXPORT_CLEANUP_WORKFLOW,
      workflowId: EXPORT_CLEANUP_SCHEDULE,
      taskQueue: TaskQueue.insight,
      args: [],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    state: { note: '删除已过期的导出文件' },
  };
}

/** Creates the schedule, or brings its interval up to date; tried again every 2 s until Temporal answers. */
export async function ensureExportCleanupSchedule(config: AppConfig, tries = 30): Promise<void> {
  const o = exportCleanupSchedule(config.EXPORT_CLEANUP_MINUTES);
  const once = async (client: Client) => {
    await client.schedule.create(o).catch(async (e: unknown) => {
      if (!(e instanceof ScheduleAlreadyRunning)) throw e;
      await client.schedule
        .getHandle(o.scheduleId)
        .update((prev) => ({ ...prev, spec: o.spec, action: o.action }));
    });
  };
  for (let left = tries; ; left--) {
    const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS }).catch(() => undefined);
    const done = connection
      ? await once(new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }))
          .then(() => true)
          .finally(() => connection.close())
      : false;
    if (done) return console.log(`export clean-up schedule every ${config.EXPORT_CLEANUP_MINUTES} min`);
    if (left <= 1) throw new Error('Temporal did not answer: export clean-up schedule not created');
    await new Promise((r) => setTimeout(r, 2000));
  }
}
