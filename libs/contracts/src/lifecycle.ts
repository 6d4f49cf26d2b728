import { z } from 'zod';
import type { SubjectRef } from './activities/org';
import { LeadershipReviewInput, RectificationMeasure, type ReviewGrade } from './review';

/** Stages of one commitment (一诺一评), in order. */
export const Stage = z.enum([
  'drafting', // 定诺
  'acceptance', // 上级审核
  'publicity', // 公示
  'fulfilment', // 践诺
  'self_evaluation', // 自评
  'mutual_review', // 互评
  'leadership_review', // 领导点评
  'mass_evaluation', // 群众评议
  'rectification', // 整改
  'follow_up', // 回访
  'outcome', // 奖惩
  'closed',
  'cancelled',
]);
export type Stage = z.infer<typeof Stage>;
export const StageLabel: Record<Stage, string> = {
  drafting: '定诺',
  acceptance: '上级审核',
  publicity: '公示',
  fulfilment: '践诺',
  self_evaluation: '自评',
  mutual_review: '互评',
  leadership_review: '领导点评',
  mass_evaluation: '群众评议',
  rectification: '整改',
  follow_up: '回访',
  outcome: '奖惩',
  closed: '已办结',
  cancelled: '已撤销',
};

/** How a campaign's windows are counted: working days on the Chinese calendar, or seconds (tests, demos). */
export const DeadlineUnit = z.enum(['working_day', 'second']);
export type DeadlineUnit = z.infer<typeof DeadlineUnit>;

const days = (d: number) =>
  z
    .number({ invalid_type_error: '期限须为数字' })
    .int('期限须为整数')
    .min(0, '期限不能为负数')
    .max(100_000, '期限过长')
    .default(d);

/** The part of a campaign's settings that one commitment needs. Every figure is in `unit`s. */
export const LifecycleSettings = z.object({
  unit: DeadlineUnit.default('working_day'),
  draftDays: days(10),
  acceptanceDays: days(5),
  publicityDays: days(5),
  fulfilmentDays: days(120),
  selfEvaluationDays: days(10),
  mutualReviewDays: days(5),
  leadershipReviewDays: days(10),
  massEvaluationDays: days(10),
  /** Default time limit of a rectification item when its deadline is not given. */
  rectificationDays: days(30),
  /** Listed supervision (挂牌督办): the shorter time limit. */
  listedRectificationDays: days(10),
  /** Reminders this many units before a rectification deadline. */
  reminderDaysBefore: z
    .array(z.number().int('提醒天数须为整数').min(1, '提醒天数至少为 1').max(100_000, '提醒天数过长'))
    .max(5, '到期提醒最多设 5 次')
    .default([7, 1]),
  /** After an escalation, this many units before the next level up (问责上追一级). */
  escalationGraceDays: days(5),
  /** Follow-up (回访) this long after a rectification is struck off. In working_day mode these are calendar days. */
  followUpDelayDays: days(30),
  followUpDays: days(10),
  outcomeDays: days(10),
  /**
   * A closed commitment's workflow stays open this long (calendar days in working_day mode) for a redo of its review
   * ordered by supervision (inspections follow the campaign by weeks: 南安 sent back reviews that had passed); 0: it
   * ends on closing, and a closed commitment can no longer be redone. Waiting costs a timer, nothing else.
   */
  redoWindowDays: days(90),
  /** Mass-evaluation results are shown only from this many responses. */
  minMassResponses: z
    .number()
    .int()
    .min(5, '公布群众评议结果的最少份数不能少于 5')
    .max(1000, '最少份数不能超过 1000')
    .default(5),
  reviewerPreference: z.enum(['superior_secretary', 'liaison_leader']).default('superior_secretary'),
});
export type LifecycleSettings = z.infer<typeof LifecycleSettings>;

/** A window or delay, computed into an instant by an activity (calendar data lives outside workflows). */
export interface Window {
  amount: number;
  unit: DeadlineUnit;
  /** Count calendar days instead of working days (follow-up delay). */
  calendarDays?: boolean;
}

/** A person acting, as the service verified them. */
export interface Actor {
  personId: string;
  name?: string;
  roles: string[];
  orgPath: string;
}

export const CommitmentItemInput = z.object({
  content: z.string().trim().min(4, '承诺事项至少 4 个字').max(1000, '承诺事项不能超过 1000 字'),
  target: z.string().trim().min(2, '可衡量的目标至少 2 个字').max(500, '目标不能超过 500 字'),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '完成时限格式应为 YYYY-MM-DD'),
});
export type CommitmentItemInput = z.infer<typeof CommitmentItemInput>;

export const SubmitCommitmentArgs = z.object({
  items: z.array(CommitmentItemInput).min(1, '至少填写一项承诺事项').max(30, '承诺事项不能超过 30 项'),
});
export const ReviewCommitmentArgs = z
  .object({
    decision: z.enum(['accept', 'send_back']),
    reasons: z.string().trim().max(2000, '退回理由不能超过 2000 字').default(''),
  })
  .refine((a) => a.decision === 'accept' || a.reasons.length >= 4, '退回时须写明理由（至少 4 个字）');
export const ObjectionArgs = z.object({
  content: z.string().trim().min(4, '异议内容至少 4 个字').max(2000, '异议内容不能超过 2000 字'),
});
export const ProgressArgs = z.object({
  itemIndex: z.number().int().min(0, '承诺事项序号有误'),
  percent: z.number().int().min(0, '进度应在 0–100 之间').max(100, '进度应在 0–100 之间'),
  note: z.string().trim().min(2, '进展说明至少 2 个字').max(2000, '进展说明不能超过 2000 字'),
  evidence: z.array(z.string().trim().min(1).max(500)).max(20, '佐证材料不能超过 20 项').default([]),
});
export const SelfEvaluationArgs = z.object({
  text: z.string().trim().min(20, '自评内容至少 20 个字').max(8000, '自评内容不能超过 8000 字'),
  priorWorkSummary: z.string().trim().max(8000, '“回头看”总结不能超过 8000 字'),
});
export const MutualReviewMode = z.enum(['face_to_face', 'anonymous']);
export const MutualReviewArgs = z.object({
  mode: MutualReviewMode,
  opinion: z.string().trim().min(4, '互评意见至少 4 个字').max(4000, '互评意见不能超过 4000 字'),
});
export const LeadershipReviewArgs = LeadershipReviewInput;
export const RectificationProgressArgs = z.object({
  note: z.string().trim().min(2, '进展说明至少 2 个字').max(2000, '进展说明不能超过 2000 字'),
});
export const CompleteRectificationArgs = z.object({
  note: z.string().trim().min(4, '完成情况至少 4 个字').max(4000, '完成情况不能超过 4000 字'),
  evidence: z.array(z.string().trim().min(1).max(500)).min(1, '办结须提供佐证材料').max(20),
});
export const VerifyRectificationArgs = z
  .object({ approve: z.boolean(), comment: z.string().trim().max(2000).default('') })
  .refine((a) => a.approve || a.comment.length >= 4, '退回整改须写明理由（至少 4 个字）');
export const FollowUpMethod = z.enum(['mass_evaluation', 'colleagues', 'leader_visit']);
export const FollowUpArgs = z.object({
  method: FollowUpMethod,
  satisfied: z.boolean(),
  note: z.string().trim().min(4, '回访情况至少 4 个字').max(4000),
});
export const OutcomeResult = z.enum([
  'commend', // 表扬
  'recommend_model', // 推荐典型
  'none', // 无奖惩
  'time_limited_rectification', // 限期整改
  'notified_criticism', // 通报批评
  'admonishment', // 诫勉
]);
export type OutcomeResult = z.infer<typeof OutcomeResult>;
export const OutcomeResultLabel: Record<OutcomeResult, string> = {
  commend: '表扬',
  recommend_model: '推荐典型',
  none: '无奖惩',
  time_limited_rectification: '限期整改',
  notified_criticism: '通报批评',
  admonishment: '诫勉',
};
export const OutcomeArgs = z.object({
  result: OutcomeResult,
  note: z.string().trim().max(2000).default(''),
});
/** The earlier steps a reviewer may send back for rework: the commitment itself (定诺) or the self-evaluation (自评). */
export const SendBackTarget = z.enum(['drafting', 'self_evaluation']);
export type SendBackTarget = z.infer<typeof SendBackTarget>;
export const SendBackArgs = z.object({
  to: SendBackTarget,
  reasons: z.string().trim().min(4, '退回时须写明理由（至少 4 个字）').max(2000, '退回理由不能超过 2000 字'),
});
/** 责令重新点评 by supervision: an administrator, or an inspection finding with failed checks. */
export const RedoSource = z.enum(['admin', 'inspection']);
export type RedoSource = z.infer<typeof RedoSource>;
export const OrderRedoArgs = z.object({
  reason: z
    .string()
    .trim()
    .min(4, '请写明责令重新点评的原因（至少 4 个字）')
    .max(2000, '原因不能超过 2000 字'),
  source: RedoSource.default('admin'),
  /** The inspection task whose finding ordered it, if any. */
  taskId: z.string().max(100).nullable().default(null),
});
export const CancelArgs = z.object({ reason: z.string().trim().min(2, '请写明撤销原因').max(500) });

/** Every human step: (actor, args) → the workflow's Update of the same name. */
export interface CommitmentUpdates {
  submitCommitment: z.infer<typeof SubmitCommitmentArgs>;
  reviewCommitment: z.infer<typeof ReviewCommitmentArgs>;
  raiseObjection: z.infer<typeof ObjectionArgs>;
  reportProgress: z.infer<typeof ProgressArgs>;
  submitSelfEvaluation: z.infer<typeof SelfEvaluationArgs>;
  submitMutualReview: z.infer<typeof MutualReviewArgs>;
  submitLeadershipReview: z.infer<typeof LeadershipReviewArgs>;
  closeWindow: Record<string, never>;
  decideOutcome: z.infer<typeof OutcomeArgs>;
  cancel: z.infer<typeof CancelArgs>;
  sendBack: z.infer<typeof SendBackArgs>;
  orderRedo: z.infer<typeof OrderRedoArgs>;
}
export type CommitmentUpdateName = keyof CommitmentUpdates;
/** An update's argument: the args and who acts (null on the anonymous channel: never stored). */
export interface UpdateArg<K extends CommitmentUpdateName> {
  actor: Actor | null;
  args: CommitmentUpdates[K];
}

export interface RectificationUpdates {
  reportRectificationProgress: z.infer<typeof RectificationProgressArgs>;
  completeRectification: z.infer<typeof CompleteRectificationArgs>;
  verifyRectification: z.infer<typeof VerifyRectificationArgs>;
  recordFollowUp: z.infer<typeof FollowUpArgs>;
}
export type RectificationUpdateName = keyof RectificationUpdates;
export interface RectificationUpdateArg<K extends RectificationUpdateName> {
  actor: Actor;
  args: RectificationUpdates[K];
}

export interface UpdateOutcome {
  ok: boolean;
  /** Why it was refused (gate failures) — zh-CN. */
  failures?: { code: string; message: string }[];
}

export const RectificationSource = z.enum(['leadership_review', 'mass_evaluation', 'objection', 'follow_up']);
export type RectificationSource = z.infer<typeof RectificationSource>;
export const RectificationStatus = z.enum([
  'open', // 整改中
  'completed', // 待核验
  'struck_off', // 已销号，待回访
  'settled', // 回访满意，办结
  'cancelled',
]);
export type RectificationStatus = z.infer<typeof RectificationStatus>;

export const RectificationMeasureWithListing = RectificationMeasure.extend({
  /** 挂牌督办 */
  listed: z.boolean().default(false),
});

/** What a rectification is opened with. A null owner is the subject's responsible person; a null deadline is the default limit. */
export interface RectificationItem {
  ownerId: string | null;
  target: string;
  measures: string;
  deadline: string | null;
  listed: boolean;
}

export interface CommitmentWorkflowInput {
  commitmentId: string;
  campaignId: string;
  subject: SubjectRef;
  settings: LifecycleSettings;
  /** The campaign's scope: a subject outside it is refused before anything is recorded. */
  scopePath?: string;
  /**
   * Set when the campaign launch has already recorded the opening (projection, event, the subject's notice) in bulk:
   * the workflow starts in drafting with this deadline and records nothing at start.
   */
  opened?: { stageDeadline: string };
  /**
   * Set for commitments the service starts (campaign launch, subjects joining, named subjects): the campaign's
   * deadline sweep records a missed stage deadline for all of them at once (flag, fact, event, notices), so the
   * workflow keeps no timer at a person's stage deadline and is not woken when a node passes for everybody.
   */
  deadlinesSwept?: boolean;
  /**
   * With `deadlinesSwept`: the ends of the windows with nothing for a person to do (公示 → 践诺, 践诺 → 自评) are moved
   * by the campaign's sweep in bulk, so the workflow keeps no timer for them either; it learns the stage the sweep
   * recorded when it next wakes (a person's step, a cancellation, an org change).
   */
  windowEndsSwept?: boolean;
  /** Carried over by continue-as-new. */
  state?: unknown;
  /** Continue-as-new beyond this many history events (default 2,000; tests set it low). */
  historyLimit?: number;
}

export interface CommitmentWorkflowResult {
  commitmentId: string;
  stage: 'closed' | 'cancelled';
  grade: z.infer<typeof ReviewGrade> | null;
  outcome: OutcomeResult | null;
}

export interface RectificationWorkflowInput {
  rectificationId: string;
  commitmentId: string;
  campaignId: string;
  /** Workflow id of the parent commitment (signalled on every settlement). */
  parentWorkflowId: string;
  subject: SubjectRef;
  source: RectificationSource;
  item: RectificationItem;
  verifierId: string | null;
  settings: LifecycleSettings;
  state?: unknown;
  historyLimit?: number;
}

export type RectificationWorkflowResult = { rectificationId: string; status: 'settled' | 'cancelled' };

/** Child → parent: a rectification changed state. */
export interface RectificationStatusSignal {
  rectificationId: string;
  status: RectificationStatus | 'reopened';
}

/** Service → workflow: the subject's place in the tree changed (transfer, move). */
export interface OrgChangedSignal {
  reason: string;
  eventId: string;
  /** The subject left the campaign (member left or moved out of scope, unit closed): close the commitment. */
  left?: boolean;
}

/** Parent → rectification: the subject's unit or the verifier changed. */
export interface ChainChangedSignal {
  unitId: string;
  verifierId: string | null;
}

/** The stages that wait for a person's step, and whose: at the stage deadline that person is told it is overdue. */
export const PERSON_STAGES = {
  drafting: 'subject',
  acceptance: 'reviewer',
  self_evaluation: 'subject',
  leadership_review: 'reviewer',
  outcome: 'reviewer',
} as const satisfies Partial<Record<Stage, 'subject' | 'reviewer'>>;
export type PersonStage = keyof typeof PERSON_STAGES;

/** The notice of a missed stage deadline (the same whether the workflow or the campaign's sweep records it). */
export const overdueNotice = (stage: Stage, subjectName: string, deadline: string | null) => ({
  title: `“${StageLabel[stage]}”已逾期`,
  body: `“${subjectName}”的承诺在“${StageLabel[stage]}”阶段已超过期限（${deadline}），请尽快办理。`,
});
