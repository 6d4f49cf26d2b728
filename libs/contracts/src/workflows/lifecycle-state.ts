import type { EscalationStep, PersonRef } from '../activities/org';
import type { RectificationPlan } from '../activities/commitment';
import type {
  CommitmentItemInput,
  OutcomeResult,
  RectificationItem,
  RectificationSource,
  RectificationStatus,
  RectificationStatusSignal,
  Stage,
} from '../lifecycle';
import type { ReviewGrade } from '../review';

/** A rectification the commitment has yet to open, with where it came from. */
export interface RectificationItemWithSource extends RectificationItem {
  source: RectificationSource;
}

/**
 * A commitment workflow's state: what its `state` query answers and what continue-as-new carries to the next run.
 * `version` says which shape it has (absent: version 1); the workflow upgrades an older one when it takes it over.
 */
export interface CommitmentState {
  version: number;
  seq: number;
  stage: Stage;
  /** The stage whose deadline `stageDeadline` is (null while it is being computed). */
  deadlineStage: Stage | null;
  stageDeadline: string | null;
  deadlineMissed: boolean;
  subjectActorId: string | null;
  reviewer: PersonRef | null;
  items: CommitmentItemInput[];
  submitted: boolean;
  decision: 'accept' | 'send_back' | null;
  objections: string[];
  selfEvaluated: boolean;
  priorWorkSummary: string | null;
  windowClosed: Stage | null;
  /** Where the reviewer sent the commitment back to, and why, until the loop has moved it there (state version 2). */
  sentBack: { to: 'drafting' | 'self_evaluation'; reasons: string } | null;
  /** A redo of the leadership review ordered by supervision, until the loop has moved it back (state version 3). */
  redoOrdered: { reason: string; source: 'admin' | 'inspection'; by: string } | null;
  /** When the closed commitment stops waiting for a redo order (state version 3). */
  redoOpenUntil: string | null;
  reviewPassed: boolean;
  redoCount: number;
  grade: ReviewGrade | null;
  pendingRectifications: RectificationItemWithSource[];
  rectSeq: number;
  rectifications: Record<string, RectificationStatusSignal['status']>;
  outcome: OutcomeResult | null;
  cancelled: string | null;
  orgEventsSeen: string[];
}

/** A rectification workflow's state (its `state` query, carried by continue-as-new); versioned as CommitmentState. */
export interface RectificationState {
  version: number;
  seq: number;
  status: RectificationStatus;
  ownerId: string | null;
  verifierId: string | null;
  unitId: string;
  chain: EscalationStep[];
  plan: RectificationPlan | null;
  remindersSent: number;
  /** Highest escalation level reached (0 = none). */
  level: number;
  round: number;
  followUpDueAt: string | null;
  followUpDue: boolean;
  followUp: { satisfied: boolean } | null;
  verdict: { approve: boolean } | null;
  cancelled: string | null;
}
