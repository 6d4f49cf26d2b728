import { z } from 'zod';
import { defineEvent, Topic, type EventDefinition } from './envelope';
import { LifecycleData } from './lifecycle-data';

export const SubjectKind = z.enum(['unit', 'member']);
export type SubjectKind = z.infer<typeof SubjectKind>;

/** Every transition of a commitment, its reviews, mass evaluation and rectifications is one of these events. */
export const LifecycleEventType = z.enum([
  'commitment.opened',
  'commitment.submitted',
  'commitment.sent_back',
  'commitment.accepted',
  'commitment.objection_raised',
  'commitment.stage_changed',
  'commitment.progress_reported',
  'commitment.self_evaluated',
  'commitment.mutual_reviewed',
  'commitment.deadline_missed',
  'commitment.reviewer_changed',
  'commitment.outcome_decided',
  'commitment.closed',
  'commitment.cancelled',
  'review.submitted',
  'review.redo_ordered',
  'review.redo_ordered_by_supervision',
  'mass_evaluation.tokens_issued',
  'mass_evaluation.response_recorded',
  'mass_evaluation.closed',
  'rectification.opened',
  'rectification.progress_reported',
  'rectification.completed',
  'rectification.sent_back',
  'rectification.struck_off',
  'rectification.reminded',
  'rectification.escalated',
  'rectification.follow_up_due',
  'rectification.followed_up',
  'rectification.reopened',
  'rectification.settled',
  'rectification.cancelled',
  'accountability.cause_filled',
  'campaign.created',
  'campaign.updated',
  'campaign.opened',
  'campaign.launched',
  'campaign.paused',
  'campaign.resumed',
  'campaign.closed',
  'campaign.milestone_noticed',
  'spot_check.drawn',
  'spot_check.inspected',
  'report.snapshotted',
]);
export type LifecycleEventType = z.infer<typeof LifecycleEventType>;

/** Payload of every lifecycle event: where it happened, and the step's own data (its schema per type below). */
export const LifecyclePayload = z.object({
  commitmentId: z.string().nullable(),
  campaignId: z.string(),
  subjectId: z.string().nullable(),
  subjectKind: SubjectKind.nullable(),
  stage: z.string().nullable(),
  rectificationId: z.string().nullable(),
  /** Null on the anonymous channel and for timers. */
  actorId: z.string().nullable(),
  data: z.record(z.unknown()),
});
export type LifecyclePayload = z.infer<typeof LifecyclePayload>;

/** Facts about a campaign as a whole (its aggregate is the campaign; their key on Kafka is the campaign id). */
const CAMPAIGN_LEVEL = ['campaign.', 'spot_check.', 'report.'];

/**
 * Every lifecycle event's definition. Its payload schema is `LifecyclePayload` with `data` as `LifecycleData` says for
 * its type: `recordEvent` parses every payload with it, so a producer cannot write an event its schema refuses. (Typed
 * as `LifecyclePayload` for producers, whose payload helpers build `data` as a record.)
 */
export const LifecycleEvents = Object.fromEntries(
  LifecycleEventType.options.map((type) => [
    type,
    defineEvent({
      type,
      schemaVersion: 1,
      topic: Topic.commitment,
      aggregateType: CAMPAIGN_LEVEL.some((p) => type.startsWith(p)) ? 'campaign' : 'commitment',
      payload: LifecyclePayload.extend({ data: LifecycleData[type] }),
    }),
  ]),
) as unknown as Record<LifecycleEventType, EventDefinition<typeof LifecyclePayload>>;

/** The `data` of a lifecycle fact of this type, parsed with its schema (throws a ZodError when it does not fit). */
export const parseLifecycleData = <K extends LifecycleEventType>(type: K, data: unknown): LifecycleData[K] =>
  LifecycleData[type].parse(data) as LifecycleData[K];
