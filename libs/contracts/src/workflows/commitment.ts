import type { SubjectKind } from '../events/commitment.events';

export const COMMITMENT_WORKFLOW = 'commitmentWorkflow';

/** One commitment per (campaign, subject): the id is deterministic so a start is never doubled. */
export function commitmentWorkflowId(campaignId: string, subjectId: string): string {
  return `commitment:${campaignId}:${subjectId}`;
}

export interface CommitmentWorkflowInput {
  commitmentId: string;
  campaignId: string;
  subjectId: string;
  subjectKind: SubjectKind;
  orgPath: string;
  title: string;
}

export interface CommitmentWorkflowResult {
  commitmentId: string;
  status: 'drafted';
}
