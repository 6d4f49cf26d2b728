import type { SubjectKind } from '../events/commitment.events';
import type { SubjectRef } from '../activities/org';
import type { LifecycleSettings } from '../lifecycle';

export const CAMPAIGN_WORKFLOW = 'campaignWorkflow';
export const campaignWorkflowId = (campaignId: string): string => `campaign:${campaignId}`;

/** Launch of a campaign over a subtree: one commitment per unit and member, page by page. */
export interface CampaignWorkflowInput {
  campaignId: string;
  scopePath: string;
  settings: LifecycleSettings;
  kinds: SubjectKind[];
  /** Subjects per page read from the org service (default 500). */
  pageSize?: number;
  /** Pages per run before continuing as new (default 20), so history stays bounded. */
  pagesPerRun?: number;
  /** Carried over by continue-as-new: where the launch stands. */
  cursor?: string | null;
  created?: number;
}

export interface CampaignWorkflowResult {
  campaignId: string;
  created: number;
}

/** Activities of the campaign launch (queue `commitment`). Both are idempotent. */
export interface CampaignActivities {
  /**
   * Starts one commitment workflow per subject (deterministic ids: a retry or restart never doubles one), a bounded
   * number at a time so the launch does not starve the rest of the system. Returns how many were new and how many
   * already existed.
   */
  startCommitments(input: {
    campaignId: string;
    scopePath: string;
    settings: LifecycleSettings;
    subjects: SubjectRef[];
  }): Promise<{ started: number; existing: number }>;
  /** Keeps the launch's progress on the campaign (subjects seen, cursor, done). */
  recordCampaignProgress(input: {
    campaignId: string;
    created: number;
    cursor: string | null;
    done: boolean;
  }): Promise<void>;
}
