import { proxyActivities } from '@temporalio/workflow';
import {
  TaskQueue,
  type CommitmentActivities,
  type CommitmentWorkflowInput,
  type CommitmentWorkflowResult,
} from '@pingyi/contracts';

const acts = proxyActivities<CommitmentActivities>({
  taskQueue: TaskQueue.commitment,
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});

/** One commitment of one subject in one campaign. (Walking skeleton: records the draft.) */
export async function commitmentWorkflow(input: CommitmentWorkflowInput): Promise<CommitmentWorkflowResult> {
  await acts.recordDraft(input);
  return { commitmentId: input.commitmentId, status: 'drafted' };
}
