import { z } from 'zod';

/** 月报、季报 and 每周摇号抽查, each run by a Temporal Schedule per campaign. */
export const REPORT_WORKFLOW = 'reportWorkflow';
export const SPOT_CHECK_WORKFLOW = 'spotCheckWorkflow';
/** 节点通报: run by the campaign's milestone schedule when a node of its calendar passes. */
export const MILESTONE_NOTICE_WORKFLOW = 'milestoneNoticeWorkflow';
/** Scheduled (NOTIFY_DISPATCH_SECONDS): sends the notifications due on e-mail and SMS. */
export const NOTIFICATION_DISPATCH_WORKFLOW = 'notificationDispatchWorkflow';
export const NOTIFICATION_DISPATCH_SCHEDULE = 'notification-dispatch';
/** 逾期登记: run by the campaign's deadline schedule; records every person's stage deadline passed, in bulk. */
export const DEADLINE_SWEEP_WORKFLOW = 'deadlineSweepWorkflow';

export const ReportPeriod = z.enum(['monthly', 'quarterly']);
export type ReportPeriod = z.infer<typeof ReportPeriod>;
export const ReportPeriodLabel: Record<ReportPeriod, string> = { monthly: '月报', quarterly: '季报' };

/** Schedule ids (and the workflow id prefix of their runs), one of each per campaign. */
export const campaignScheduleId = {
  monthly: (campaignId: string): string => `report-monthly:${campaignId}`,
  quarterly: (campaignId: string): string => `report-quarterly:${campaignId}`,
  spotCheck: (campaignId: string): string => `spot-check-weekly:${campaignId}`,
  milestones: (campaignId: string): string => `milestone-notices:${campaignId}`,
  deadlines: (campaignId: string): string => `deadline-sweep:${campaignId}`,
} as const;

/**
 * How a run names its period: `period` — the month or quarter just ended (the draw: the current ISO week), for
 * calendar schedules; `instant` — the scheduled instant itself, for schedules that run every few seconds.
 */
export type PeriodLabelMode = 'period' | 'instant';

export interface ReportWorkflowInput {
  campaignId: string;
  period: ReportPeriod;
  labelMode?: PeriodLabelMode;
  /** When the run was due (ISO). Default: the schedule's scheduled time, else the workflow's start. */
  scheduledAt?: string;
}

export interface ReportWorkflowResult {
  campaignId: string;
  period: ReportPeriod;
  periodLabel: string;
  /** Rows frozen: the campaign's scope and each county in it. */
  snapshots: number;
  /** False when this period had been snapshotted already (a retried or repeated run). */
  created: boolean;
}

export interface SpotCheckWorkflowInput {
  campaignId: string;
  units: number;
  cadres: number;
  labelMode?: PeriodLabelMode;
  scheduledAt?: string;
}

export interface SpotCheckWorkflowResult {
  drawId: string;
  week: string;
  seed: string;
  created: boolean;
}

export interface MilestoneNoticeWorkflowInput {
  campaignId: string;
  /** When the run was due (ISO). Default: the schedule's scheduled time, else the workflow's start. */
  scheduledAt?: string;
}

export interface DeadlineSweepWorkflowInput {
  campaignId: string;
  /** Deadlines up to this long before the scheduled time are swept (a step taken just before is recorded first). */
  graceMs: number;
  /** When the run was due (ISO). Default: the schedule's scheduled time, else the workflow's start. */
  scheduledAt?: string;
}

/** A missed deadline of a unit's commitment in a subject's stage: its notice goes to the unit's secretary. */
export interface UnitOverdueNotice {
  key: string;
  commitmentId: string;
  unitId: string;
  title: string;
  body: string;
}

export interface MilestoneNoticeWorkflowResult {
  campaignId: string;
  /** Milestones noticed by this run (each is noticed once; nodes not yet due and campaigns not running give none). */
  issued: string[];
}

/** Activities of the supervision schedules (queue `commitment`). All are idempotent. */
export interface SupervisionActivities {
  /** Freezes the period's figures for the campaign's scope and each county; a second call for the same label is a no-op. */
  snapshotReport(input: {
    campaignId: string;
    period: ReportPeriod;
    periodLabel: string;
    scheduledAt: string;
  }): Promise<{ snapshots: number; created: boolean }>;
  /** The scheduled weekly draw over the campaign's scope, with one inspection task per subject drawn. */
  drawScheduledSpotCheck(input: {
    campaignId: string;
    week: string;
    seed: string;
    units: number;
    cadres: number;
  }): Promise<{ drawId: string; created: boolean }>;
  /** 节点通报 for every node of the campaign's calendar passed by `asOf` and not yet noticed. */
  issueMilestoneNotices(input: { campaignId: string; asOf: string }): Promise<{ issued: string[] }>;
  /**
   * 逾期登记: one chunk (at most `limit` commitments) of the campaign's commitments whose person's stage deadline passed
   * by `asOf` and is not yet recorded — flag, fact, event and notice each, in one transaction, keyed by commitment ×
   * stage × deadline (a retry or a second run adds nothing). `more`: call again. Unit subjects' notices are returned
   * for the workflow to address (their secretary is the org service's to say).
   */
  sweepDeadlines(input: {
    campaignId: string;
    asOf: string;
    limit: number;
  }): Promise<{ swept: number; more: boolean; unitNotices: UnitOverdueNotice[] }>;
  /**
   * One chunk (at most `limit`) of the campaign's commitments whose swept window (公示, 践诺) ended by `asOf`: each is
   * moved to the next stage (公示 → 践诺 → 自评, as far as `asOf` reaches) with the stage change its workflow would
   * have recorded — timeline fact, projection, event — keyed by commitment × stage × deadline. `more`: call again.
   */
  sweepWindowEnds(input: {
    campaignId: string;
    asOf: string;
    limit: number;
  }): Promise<{ moved: number; more: boolean }>;
}

const Timing = z
  .union([
    z.literal('calendar'),
    z.literal('off'),
    z.object({
      everySeconds: z
        .number()
        .int('间隔须为整数秒')
        .min(1, '间隔至少 1 秒')
        .max(366 * 86_400, '间隔不能超过一年'),
    }),
  ])
  .default('calendar');
export type ScheduleTiming = z.infer<typeof Timing>;

/**
 * A campaign's supervision schedules (key `schedules` of the campaign settings). `calendar`: monthly report on the 1st,
 * quarterly on the 1st of Jan/Apr/Jul/Oct, the draw on Mondays, China time, milestone notices as each node passes;
 * `{ everySeconds }` for tests and demos.
 */
export const CampaignSchedules = z
  .object({
    monthlyReport: Timing,
    quarterlyReport: Timing,
    spotCheck: Timing,
    /** 节点通报: `calendar` — at each node of the campaign calendar; `{ everySeconds }` — checks that often. */
    milestoneNotices: Timing,
    spotCheckUnits: z.number().int().min(0, '抽查数量不能为负数').max(50, '每次最多抽查 50 个').default(5),
    spotCheckCadres: z.number().int().min(0, '抽查数量不能为负数').max(50, '每次最多抽查 50 人').default(5),
  })
  .default({});
export type CampaignSchedules = z.infer<typeof CampaignSchedules>;
