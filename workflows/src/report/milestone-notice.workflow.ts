import type {
  MilestoneNoticeWorkflowInput,
  MilestoneNoticeWorkflowResult,
} from '@pingyi/contracts/dist/workflow';
import { scheduledAt } from './scheduled-at';
import { supervision } from './supervision';

/**
 * 节点通报: one run per firing of the campaign's milestone schedule. Every node passed by the scheduled time and not
 * yet noticed is noticed now (a firing missed while paused is caught up by the next); a repeated run changes nothing.
 */
export async function milestoneNoticeWorkflow(
  input: MilestoneNoticeWorkflowInput,
): Promise<MilestoneNoticeWorkflowResult> {
  const at = scheduledAt(input.scheduledAt);
  const r = await supervision.issueMilestoneNotices({ campaignId: input.campaignId, asOf: at.toISOString() });
  return { campaignId: input.campaignId, issued: r.issued };
}
