import { z } from 'zod';
import { ReviewGrade, ReviewMode } from '../review';
import { OutcomeResult, RectificationSource, Stage } from '../lifecycle';
import type { LifecycleEventType } from './commitment.events';

/*
 * The `data` of each lifecycle event type: what its producer writes (a workflow's fact, recorded by the `record`
 * activity, or a service's own event) and what the projector and every consumer may rely on. Each schema names the
 * fields and their types and lets further fields through (an event of an older or newer producer keeps what it has;
 * the projector adds `stageDeadline`). `recordEvent` parses the payload with its event's schema, so no producer can
 * put an event into the outbox that its schema refuses.
 */

const open = <T extends z.ZodRawShape>(shape: T) => z.object(shape).passthrough();

const Person = open({ memberId: z.string(), name: z.string() });
const Subject = open({
  kind: z.enum(['unit', 'member']),
  id: z.string(),
  name: z.string(),
  orgPath: z.string(),
  unitId: z.string().nullable().optional(),
});
/** Every stage change says from where to where (`enter` in the commitment workflow). */
const moved = { from: Stage, to: Stage };
/** Every fact of a rectification carries its status and escalation level after the fact. */
const rect = { status: z.string(), level: z.number().int() };
const count = z.number().int().nonnegative();
const ReviewData = open({
  mode: ReviewMode,
  achievements: z.string(),
  shortcomings: z.array(z.unknown()),
  causes: z.string().optional(),
  measures: z.array(z.unknown()),
  grade: ReviewGrade,
  signature: z.string().optional(),
  /** Seconds from opening the form to sending (optional: older events and other clients lack it). */
  secondsSpent: z.number().nullish(),
});
/** The sign-off of a leadership review: who (authenticated), when, and the SHA-256 of the review's canonical JSON. */
export const ReviewSignoff = z.object({
  personId: z.string(),
  name: z.string().nullable(),
  signedAt: z.string(),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ReviewSignoff = z.infer<typeof ReviewSignoff>;

export const LifecycleData = {
  'commitment.opened': open({
    subject: Subject,
    campaignId: z.string(),
    settings: z.unknown(),
    reviewer: Person.nullable(),
  }),
  'commitment.submitted': open({ items: z.array(open({ content: z.string() })) }),
  'commitment.sent_back': open({ reasons: z.string() }),
  'commitment.accepted': open({ reasons: z.string() }),
  'commitment.objection_raised': open({ content: z.string(), count }),
  'commitment.stage_changed': open(moved),
  'commitment.progress_reported': open({
    itemIndex: z.number().int(),
    percent: z.number(),
    note: z.string(),
    evidence: z.array(z.string()).optional(),
    item: z.string().optional(),
  }),
  'commitment.self_evaluated': open({ text: z.string(), priorWorkSummary: z.string() }),
  'commitment.mutual_reviewed': open({
    mode: z.enum(['face_to_face', 'anonymous']),
    opinion: z.string(),
    reviewerId: z.string().nullable(),
  }),
  'commitment.deadline_missed': open({ stage: Stage, deadline: z.string().nullable() }),
  'commitment.reviewer_changed': open({
    reviewer: Person.nullable(),
    previous: Person.nullable().optional(),
    reason: z.string(),
    orgPath: z.string().nullable().optional(),
    unitId: z.string().nullable().optional(),
  }),
  'commitment.outcome_decided': open({
    result: OutcomeResult,
    note: z.string().nullable().optional(),
    grade: ReviewGrade.nullable(),
  }),
  'commitment.closed': open({
    ...moved,
    grade: ReviewGrade.nullable(),
    outcome: OutcomeResult.nullable(),
  }),
  'commitment.cancelled': open({ ...moved, reason: z.string() }),
  'review.submitted': open({
    review: ReviewData,
    reviewerId: z.string(),
    signoff: ReviewSignoff.optional(),
  }),
  'review.redo_ordered': open({
    review: ReviewData,
    reviewerId: z.string(),
    signoff: ReviewSignoff.optional(),
    failures: z.array(open({ code: z.string(), message: z.string() })),
    redoCount: z.number().int(),
  }),
  'review.redo_ordered_by_supervision': open({
    reason: z.string(),
    source: z.enum(['admin', 'inspection']),
    taskId: z.string().nullable(),
    reviewerId: z.string().nullable(),
    from: Stage,
    redoCount: z.number().int(),
  }),
  'mass_evaluation.tokens_issued': open({ category: z.string(), count }),
  'mass_evaluation.response_recorded': open({ category: z.string(), day: z.string() }),
  'mass_evaluation.closed': open({ unsatisfied: count, problems: z.array(z.unknown()) }),
  'rectification.opened': open({
    ...rect,
    source: RectificationSource,
    item: open({ target: z.string(), measures: z.string(), ownerId: z.string().nullable() }),
    verifierId: z.string().nullable(),
    deadline: z.string(),
    unitId: z.string().nullable(),
    round: z.number().int(),
  }),
  'rectification.progress_reported': open({ ...rect, note: z.string() }),
  'rectification.completed': open({ ...rect, note: z.string(), evidence: z.array(z.string()) }),
  'rectification.sent_back': open({ ...rect, approve: z.literal(false), comment: z.string() }),
  'rectification.struck_off': open({ ...rect, approve: z.literal(true), comment: z.string() }),
  'rectification.reminded': open({ ...rect, deadline: z.string() }),
  'rectification.escalated': open({
    ...rect,
    unitId: z.string(),
    unitName: z.string(),
    unitPath: z.string(),
    assigneeId: z.string().nullable(),
    assigneeName: z.string().nullable(),
  }),
  'rectification.follow_up_due': open({ ...rect, dueAt: z.string() }),
  'rectification.followed_up': open({
    ...rect,
    method: z.enum(['mass_evaluation', 'colleagues', 'leader_visit']),
    satisfied: z.boolean(),
    note: z.string(),
  }),
  'rectification.reopened': open({ ...rect, round: z.number().int(), deadline: z.string() }),
  'rectification.settled': open({ ...rect, round: z.number().int() }),
  'rectification.cancelled': open({ ...rect, reason: z.string() }),
  'accountability.cause_filled': open({
    accountabilityId: z.string(),
    level: z.number().int(),
    cause: z.string(),
  }),
  'campaign.created': open({ name: z.string(), year: z.number().int() }),
  'campaign.updated': open({ changed: z.array(z.string()) }),
  /** Opened at once (`openCampaign`), or a draft started (`startCampaign`). */
  'campaign.opened': z.union([
    open({ name: z.string(), year: z.number().int(), subjects: count }),
    open({ from: z.literal('draft'), to: z.literal('running') }),
  ]),
  'campaign.launched': open({ created: count }),
  'campaign.paused': open({ from: z.string(), to: z.string() }),
  'campaign.resumed': open({ from: z.string(), to: z.string() }),
  'campaign.closed': open({ from: z.string(), to: z.string() }),
  'campaign.milestone_noticed': open({
    noticeId: z.string(),
    milestone: z.string(),
    nodeAt: z.string(),
    asOf: z.string(),
    due: count,
    reached: count,
    missed: count,
    byCounty: z.array(z.unknown()),
  }),
  'spot_check.drawn': open({
    drawId: z.string(),
    week: z.string(),
    seed: z.string(),
    units: z.array(open({ id: z.string(), name: z.string() })),
    cadres: z.array(open({ id: z.string(), name: z.string() })),
  }),
  'spot_check.inspected': open({
    /** Null for a review sent to inspection from a flag (not drawn). */
    drawId: z.string().nullable(),
    taskId: z.string(),
    subjectId: z.string(),
    selfEvaluationSerious: z.boolean(),
    shortcomingsNamed: z.boolean(),
    measuresConcrete: z.boolean(),
    passed: z.boolean(),
  }),
  'report.snapshotted': open({
    period: z.string(),
    periodLabel: z.string(),
    orgPaths: z.array(z.string()),
    commitments: count,
    rectifications: count,
    rectificationsSettled: count,
    overdueCommitments: count,
  }),
} satisfies Record<LifecycleEventType, z.ZodTypeAny>;

export type LifecycleData = { [K in LifecycleEventType]: z.infer<(typeof LifecycleData)[K]> };
