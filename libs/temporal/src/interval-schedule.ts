import {
  Client,
  Connection,
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type ScheduleOptions,
} from '@temporalio/client';

export interface IntervalSchedule {
  scheduleId: string;
  workflowType: string;
  taskQueue: string;
  everyMs: number;
  /** Shown in Temporal's UI (Chinese, for the people who operate it). */
  note: string;
}

/** A schedule that starts one argument-less workflow every `everyMs`, skipping a run while the last one is going. */
export function intervalSchedule(s: IntervalSchedule): ScheduleOptions {
  return {
    scheduleId: s.scheduleId,
    spec: { intervals: [{ every: s.everyMs }] },
    action: {
      type: 'startWorkflow',
      workflowType: s.workflowType,
      workflowId: s.scheduleId,
      taskQueue: s.taskQueue,
      args: [],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    state: { note: s.note },
  };
}

/**
 * Creates the schedule, or brings its interval and action up to date when it exists; tried again every 2 s
 * (`tries` times) until Temporal answers.
 */
export async function ensureIntervalSchedule(
  temporal: { address: string; namespace: string },
  s: IntervalSchedule,
  tries = 30,
): Promise<void> {
  const o = intervalSchedule(s);
  const once = async (client: Client) => {
    await client.schedule.create(o).catch(async (e: unknown) => {
      if (!(e instanceof ScheduleAlreadyRunning)) throw e;
      await client.schedule
        .getHandle(o.scheduleId)
        .update((prev) => ({ ...prev, spec: o.spec, action: o.action }));
    });
  };
  for (let attempt = 1; ; attempt++) {
    try {
      const connection = await Connection.connect({ address: temporal.address });
      try {
        return await once(new Client({ connection, namespace: temporal.namespace }));
      } finally {
        await connection.close();
      }
    } catch (e) {
      if (attempt >= tries) throw e;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}
