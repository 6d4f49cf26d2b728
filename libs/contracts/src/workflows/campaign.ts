import type { SubjectKind } from '../events/commitment.events';
import type { PersonRef, SubjectRef } from '../activities/org';
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
  /** Pages per run before continuing as new (default 5: a page's subjects pass through history twice, ~0.2 MB). */
  pagesPerRun?: number;
  /** Commitment workflows started at once (default 16): a launch must leave room for everything else. */
  startConcurrency?: number;
  /** Carried over by continue-as-new: where the launch stands. */
  cursor?: string | null;
  created?: number;
  paused?: boolean;
}

/** Control of a running launch (`campaignControlSignal`): pause waits before the next page, close stops it. */
export interface CampaignControlSignal {
  action: 'pause' | 'resume' | 'close';
}

export interface CampaignWorkflowResult {
  campaignId: string;
  created: number;
  /** True when the campaign was closed before every subject had a commitment. */
  stopped?: boolean;
}

/** Activities of the campaign launch (queue `commitment`). Both are idempotent. */
export interface CampaignActivities {
  /**
   * Opens one commitment per subject: records the openings of the whole page in one transaction (projections,
   * events, each subject's notice), then starts the workflows (deterministic ids: a retry or restart never doubles
   * one), `concurrency` at a time so the launch does not starve the rest of the system. Returns how many workflows
   * were new and how many already existed.
   */
  startCommitments(input: {
    campaignId: string;
    scopePath: string;
    settings: LifecycleSettings;
    subjects: SubjectRef[];
    concurrency?: number;
  }): Promise<{ started: number; existing: number }>;
  /** Keeps the launch's progress on the campaign (subjects seen, cursor, done). */
  recordCampaignProgress(input: {
    campaignId: string;
    created: number;
    cursor: string | null;
    done: boolean;
  }): Promise<void>;
}

/**
 * Where the subjects an opening names sit, asked of the org service before anything is started (a short workflow on
 * queue `org`, so the commitment service keeps off the org tables): each subject found, with its place, or not found.
 */
export const CHECK_SUBJECTS_WORKFLOW = 'checkSubjectsWorkflow';
export interface CheckSubjectsInput {
  subjects: { kind: 'unit' | 'member'; id: string }[];
}
export interface CheckSubjectsResult {
  found: {
    kind: 'unit' | 'member';
    id: string;
    orgPath: string;
    /** Who reviews it now, and who acts for it (the member, or the unit's secretary), by the org service's rule. */
    reviewer?: PersonRef | null;
    actor?: PersonRef | null;
  }[];
  notFound: { kind: 'unit' | 'member'; id: string }[];
}
