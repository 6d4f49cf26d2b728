import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import {
  COMMITMENT_WORKFLOW,
  TaskQueue,
  commitmentWorkflowId,
  type CommitmentWorkflowInput,
  type LifecycleSettings,
  type SubjectRef,
} from '@pingyi/contracts';
import { loadConfig } from '@pingyi/config';
import { stableUuid } from '@pingyi/persistence';

/** Missed deadlines are swept per campaign (the default), not timed by each commitment (DEADLINE_TIMERS). */
export const deadlinesAreSwept = (): boolean => loadConfig().DEADLINE_TIMERS === 'sweep';

/** Starts a subject's commitment in a campaign; its id is deterministic, so a second start finds the first. */
export async function startCommitment(
  client: Client,
  o: {
    campaignId: string;
    scopePath: string;
    settings: LifecycleSettings;
    subject: SubjectRef;
    /** Its opening already recorded (see openCommitments). */
    opened?: { stageDeadline: string };
    /** Where its workflow tasks go (default `commitment`; a campaign launch uses `commitment-launch`). */
    taskQueue?: string;
    /** The campaign's deadline sweep is there (see `ensureDeadlineSweep`): the workflow keeps no deadline timer. */
    deadlinesSwept?: boolean;
    /** With it, the ends of 公示 and 践诺 are the sweep's too (see `moveWindowEnds`). */
    windowEndsSwept?: boolean;
  },
): Promise<'started' | 'existing'> {
  const workflowId = commitmentWorkflowId(o.campaignId, o.subject.id);
  const { taskQueue = TaskQueue.commitment, ...rest } = o;
  const input: CommitmentWorkflowInput = { commitmentId: stableUuid(workflowId), ...rest };
  try {
    await client.workflow.start(COMMITMENT_WORKFLOW, {
      taskQueue,
      workflowId,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [input],
    });
    return 'started';
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return 'existing';
    throw e;
  }
}
