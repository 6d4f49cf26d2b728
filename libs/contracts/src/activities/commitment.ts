import type { LifecycleEventType } from '../events/commitment.events';
import type { DeadlineUnit, LifecycleSettings, Stage, Window } from '../lifecycle';

/** One step that happened, as the workflow decided it. The commitment service projects it and emits its event. */
export interface LifecycleFact {
  /** Unique per step of one workflow run history (idempotency key: a retried activity changes nothing). */
  key: string;
  type: LifecycleEventType;
  /** Workflow time of the step (ISO). */
  at: string;
  commitmentId: string;
  rectificationId?: string;
  actorId?: string | null;
  /** The stage the commitment enters with this step, with its window (→ stage deadline). */
  stage?: Stage;
  window?: Window | null;
  data: Record<string, unknown>;
}

export const NotificationKind = [
  'task',
  'reminder',
  'overdue',
  'escalation',
  'sent_back',
  'redo_ordered',
  'info',
  /** 节点通报 */
  'milestone',
] as const;
export type NotificationKind = (typeof NotificationKind)[number];

export interface NotificationRequest {
  /** Idempotency key: one inbox entry per key and recipient. */
  key: string;
  recipientIds: string[];
  kind: NotificationKind;
  title: string;
  body: string;
  commitmentId?: string;
  rectificationId?: string;
}

export interface RectificationPlan {
  deadline: string;
  reminders: { at: string; before: number }[];
  /** When escalation level i+1 is due (level 1 at the deadline, then one grace period per level). */
  escalations: string[];
  unit: DeadlineUnit;
}

export interface MassTally {
  responses: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  /** False below the campaign's minimum: counts are then withheld from everyone. */
  shown: boolean;
  /** Problems raised (群众反映问题), from comments. */
  problems: string[];
  /**
   * The counts per evaluator category, only when shown (empty otherwise): insight sums them over a subtree and
   * withholds a category below the threshold there too.
   */
  byCategory?: MassTallyCategory[];
}

export interface MassTallyCategory {
  category: string;
  responses: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
}

/** Activities served on task queue `commitment` (implemented in services/commitment). Each is idempotent. */
export interface CommitmentActivities {
  /** Projects the step and writes its event to the outbox, in one transaction; returns the stage deadline. */
  record(fact: LifecycleFact): Promise<{ stageDeadline: string | null }>;
  /**
   * Inbox entries for each recipient and, in the same transaction, one delivery row per recipient and registered
   * channel (e-mail, SMS); then sends those due now. A send failure leaves the row for `dispatchNotifications`.
   */
  notify(n: NotificationRequest): Promise<void>;
  /** Sends every delivery due (retries, held by quiet hours, daily digests); throws when one failed, to be retried. */
  dispatchNotifications(): Promise<{ sent: number; failed: number }>;
  /** Deadline, reminders and escalation times of a rectification, on the Chinese working-day calendar. */
  planRectification(input: {
    openedAt: string;
    measureDeadline: string | null;
    listed: boolean;
    settings: LifecycleSettings;
    levels: number;
  }): Promise<RectificationPlan>;
  /** Instant a window ends, counted from `from`. */
  windowEnd(input: { from: string; window: Window }): Promise<string>;
  tallyMassEvaluation(input: { commitmentId: string; minResponses: number }): Promise<MassTally>;
  /**
   * Moves this commitment past the ends of its swept windows (公示, 践诺) passed by `asOf` (or now, if later), as the
   * campaign's sweep does — same facts, same keys, so whichever comes first records them — and returns the stage it
   * is in.
   */
  catchUpWindowEnds(input: { commitmentId: string; asOf: string }): Promise<RecordedStage>;
}

/** A commitment's stage as recorded. */
export interface RecordedStage {
  stage: Stage;
  stageDeadline: string | null;
  deadlineMissed: boolean;
}
