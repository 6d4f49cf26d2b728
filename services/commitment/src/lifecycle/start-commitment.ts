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
import { createHash } from 'node:crypto';

/** Missed deadlines are swept per campaign (the default), not timed by each commitment (DEADLINE_TIMERS). */
export const deadlinesAreSwept = (): boolean => loadConfig().DEADLINE_TIMERS === 'sweep';

const DAY_MS = 86_400_000;
/** A deferred first task runs by itself no sooner than this after the start, and no later than twice it. */
export const DEFERRED_FIRST_TASK_MS = 30 * DAY_MS;

/**
 * How long a launched commitment's first workflow task waits (Temporal's start delay). With the campaign's deadlines
 * and window ends swept, that task only registers the workflow's handlers and waits for a person: the launch starts
 * its workflows without running it, at the cost of a bare start. A person's step (an Update) or any signal runs it
 * at once; nothing else needs it. Spread by commitment id over 30–60 days, so those nobody acts on never wake together.
 */
export function launchFirstTaskDelay(commitmentId: string): number {
  const spread = createHash('sha256').update(commitmentId).digest().readUInt32BE(0) / 2 ** 32;
  return Math.round(DEFERRED_FIRST_TASK_MS * (1 + spread));
}

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
    /** Defers the workflow's first task (see launchFirstTaskDelay). */
    firstTaskDelayMs?: number;
  },
): Promise<'started' | 'existing'> {
  const workflowId = commitmentWorkflowId(o.campaignId, o.subject.id);
  const { taskQueue = TaskQueue.commitment, firstTaskDelayMs, ...rest } = o;
  const input: CommitmentWorkflowInput = { commitmentId: stableUuid(workflowId), ...rest };
  try {
    await client.workflow.start(COMMITMENT_WORKFLOW, {
      taskQueue,
      workflowId,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [input],
      ...(firstTaskDelayMs ? { startDelay: firstTaskDelayMs } : {}),
    });
    return 'started';
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return 'existing';
    throw e;
  }
}
