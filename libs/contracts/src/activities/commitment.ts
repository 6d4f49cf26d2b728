import type { CommitmentWorkflowInput } from '../workflows/commitment';

/** Activities served on task queue `commitment` (implemented in services/commitment). */
export interface CommitmentActivities {
  /** Persists the draft and its `commitment.drafted` event in one transaction. Idempotent. */
  recordDraft(input: CommitmentWorkflowInput): Promise<{ created: boolean }>;
}
