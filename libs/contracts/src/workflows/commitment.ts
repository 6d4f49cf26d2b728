export const COMMITMENT_WORKFLOW = 'commitmentWorkflow';
export const RECTIFICATION_WORKFLOW = 'rectificationWorkflow';

/** One commitment per (campaign, subject): the id is deterministic so a start is never doubled. */
export function commitmentWorkflowId(campaignId: string, subjectId: string): string {
  return `commitment:${campaignId}:${subjectId}`;
}

export function rectificationWorkflowId(rectificationId: string): string {
  return `rectification:${rectificationId}`;
}
