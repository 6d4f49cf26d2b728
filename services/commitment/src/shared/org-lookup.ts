import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import {
  CHECK_SUBJECTS_WORKFLOW,
  TaskQueue,
  type CheckSubjectsInput,
  type CheckSubjectsResult,
} from '@pingyi/contracts';
import { PROBE_MS, probeTemporal } from '@pingyi/temporal';

/**
 * Asks the org service about subjects — where each sits, who reviews it and who acts for it — through the short
 * `checkSubjectsWorkflow` on queue `org` (the commitment service keeps off the org tables). Throws when Temporal or
 * the org service cannot answer within `ms`.
 */
export async function askOrgAboutSubjects(
  temporal: Client,
  subjects: CheckSubjectsInput['subjects'],
  ms: number,
): Promise<CheckSubjectsResult> {
  const deadline = Date.now() + ms;
  await probeTemporal(temporal, Math.min(deadline, Date.now() + PROBE_MS));
  return temporal.withDeadline(deadline, () =>
    temporal.workflow.execute<(i: CheckSubjectsInput) => Promise<CheckSubjectsResult>>(
      CHECK_SUBJECTS_WORKFLOW,
      {
        taskQueue: TaskQueue.org,
        workflowId: `check-subjects:${randomUUID()}`,
        workflowExecutionTimeout: ms + 5_000,
        args: [{ subjects } satisfies CheckSubjectsInput],
      },
    ),
  );
}
