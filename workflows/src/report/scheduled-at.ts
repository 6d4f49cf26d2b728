import { workflowInfo } from '@temporalio/workflow';

/** Search attribute a Temporal Schedule sets on each run it starts: when that run was due. */
const SCHEDULED_START = 'TemporalScheduledStartTime';

/** When this run was due: as given, else the schedule's scheduled time, else the run's own start (all replay-safe). */
export function scheduledAt(given: string | undefined): Date {
  if (given) return new Date(given);
  const info = workflowInfo();
  // The untyped view: the server sets this system attribute without a type we declared.
  const value: unknown = info.searchAttributes[SCHEDULED_START]?.[0];
  if (value instanceof Date) return value;
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value);
  return info.startTime;
}
