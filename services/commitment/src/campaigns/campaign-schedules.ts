import {
  MONTHS,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptionsAction,
  type ScheduleSpec,
} from '@temporalio/client';
import {
  CampaignSchedules,
  DEADLINE_SWEEP_WORKFLOW,
  ErrorCode,
  MILESTONE_NOTICE_WORKFLOW,
  REPORT_WORKFLOW,
  ReportPeriodLabel,
  SPOT_CHECK_WORKFLOW,
  TaskQueue,
  campaignScheduleId,
  type DeadlineSweepWorkflowInput,
  type LifecycleSettings,
  type MilestoneNoticeWorkflowInput,
  type ReportWorkflowInput,
  type ScheduleTiming,
  type SpotCheckWorkflowInput,
  chineseIssues,
} from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { milestoneNodes } from '../lifecycle/milestone-nodes';
import { deadlinesAreSwept } from '../lifecycle/start-commitment';

/**
 * Calendar times in UTC that fall on the same day in China (UTC+8, no daylight saving), so no time-zone database is
 * needed: the monthly report at 09:00 on the 1st, the quarterly at 10:00 on the 1st of Jan/Apr/Jul/Oct, the draw at
 * 09:00 on Mondays, Beijing time.
 */
const CALENDAR: Record<'monthly' | 'quarterly' | 'spotCheck', ScheduleSpec['calendars']> = {
  monthly: [{ dayOfMonth: 1, hour: 1, comment: '每月1日 9:00（北京时间）' }],
  quarterly: [
    {
      month: ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'],
      dayOfMonth: 1,
      hour: 2,
      comment: '每季度首日 10:00（北京时间）',
    },
  ],
  spotCheck: [{ dayOfWeek: 'MONDAY', hour: 1, comment: '每周一 9:00（北京时间）' }],
};

export interface CampaignScheduleOptions {
  /** The campaign's year: calendar schedules end after the reports for December and the fourth quarter. */
  year?: number;
  /** Timing and draw sizes (the campaign settings' `schedules`); defaults: calendar, 5 units and 5 cadres. */
  schedules?: unknown;
  /** When the campaign started and its windows: the nodes of its calendar, for the milestone notices. */
  calendar?: { startedAt: Date; settings: LifecycleSettings };
}

/** The milestone schedule fires this long after a node, so the day's last steps are recorded first. */
const NODE_GRACE_MS = { second: 2_000, working_day: 60_000 } as const;

/** One calendar entry per node of the campaign (UTC, to the second). */
function nodeCalendars(c: NonNullable<CampaignScheduleOptions['calendar']>): ScheduleSpec['calendars'] {
  return milestoneNodes(c.startedAt, c.settings).map(({ milestone, at }) => {
    const t = new Date(at.getTime() + NODE_GRACE_MS[c.settings.unit]);
    return {
      year: t.getUTCFullYear(),
      month: MONTHS[t.getUTCMonth()]!,
      dayOfMonth: t.getUTCDate(),
      hour: t.getUTCHours(),
      minute: t.getUTCMinutes(),
      second: t.getUTCSeconds(),
      comment: `节点通报：${milestone}`,
    };
  });
}

/** The `schedules` part of a campaign's settings, checked (BAD_INPUT with the reasons in Chinese). */
export function parseCampaignSchedules(raw: unknown): CampaignSchedules {
  const p = CampaignSchedules.safeParse(raw);
  if (!p.success)
    throw new DomainError(
      ErrorCode.BAD_INPUT,
      `定期报告与抽查设置有误：${chineseIssues(p.error.issues).join('；')}`,
    );
  return p.data;
}

/** The `schedules` key of raw campaign settings (as given to openCampaign), checked. */
export const campaignSchedulesOf = (raw: unknown): CampaignSchedules =>
  parseCampaignSchedules((raw as { settings?: { schedules?: unknown } } | null)?.settings?.schedules);

/**
 * Creates the campaign's monthly-report, quarterly-report and weekly spot-check schedules, leaving any that already
 * exist as they are (so it is safe on every openCampaign). Returns the schedule ids created and found.
 */
export async function ensureCampaignSchedules(
  client: Client,
  campaignId: string,
  opts: CampaignScheduleOptions = {},
): Promise<{ created: string[]; existing: string[] }> {
  const s = parseCampaignSchedules(opts.schedules);
  const endAt = opts.year ? new Date(Date.UTC(opts.year + 1, 0, 1, 16)) : undefined; // 2 January, 00:00 in Beijing
  const wanted: {
    id: string;
    timing: ScheduleTiming;
    calendar: ScheduleSpec['calendars'];
    note: string;
    action: ScheduleOptionsAction;
  }[] = [
    {
      id: campaignScheduleId.monthly(campaignId),
      timing: s.monthlyReport,
      calendar: CALENDAR.monthly,
      note: `${ReportPeriodLabel.monthly}：${campaignId}`,
      action: startReport(campaignId, 'monthly', s.monthlyReport),
    },
    {
      id: campaignScheduleId.quarterly(campaignId),
      timing: s.quarterlyReport,
      calendar: CALENDAR.quarterly,
      note: `${ReportPeriodLabel.quarterly}：${campaignId}`,
      action: startReport(campaignId, 'quarterly', s.quarterlyReport),
    },
    {
      id: campaignScheduleId.spotCheck(campaignId),
      timing: s.spotCheck,
      calendar: CALENDAR.spotCheck,
      note: `每周摇号抽查：${campaignId}`,
      action: startSpotCheck(campaignId, s),
    },
  ];
  if (opts.calendar || s.milestoneNotices !== 'calendar')
    wanted.push({
      id: campaignScheduleId.milestones(campaignId),
      timing: s.milestoneNotices,
      calendar: opts.calendar ? nodeCalendars(opts.calendar) : [],
      note: `节点通报：${campaignId}`,
      action: startMilestoneNotices(campaignId),
    });
  const created: string[] = [];
  const existing: string[] = [];
  if (opts.calendar && deadlinesAreSwept())
    ((await ensureDeadlineSweep(client, campaignId, opts.calendar.settings)) ? created : existing).push(
      campaignScheduleId.deadlines(campaignId),
    );
  for (const w of wanted) {
    if (w.timing === 'off') continue;
    const spec: ScheduleSpec =
      w.timing === 'calendar'
        ? // Nodes may fall in the next year; the reports and draws end with this one.
          {
            calendars: w.calendar,
            ...(endAt && w.id !== campaignScheduleId.milestones(campaignId) ? { endAt } : {}),
          }
        : { intervals: [{ every: w.timing.everySeconds * 1000 }] };
    try {
      await client.schedule.create({
        scheduleId: w.id,
        spec,
        action: w.action,
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
        state: { note: w.note },
      });
      created.push(w.id);
    } catch (e) {
      if (!(e instanceof ScheduleAlreadyRunning)) throw e;
      existing.push(w.id);
    }
  }
  return { created, existing };
}

/**
 * 逾期登记: how often the campaign's deadline sweep runs and how far behind the clock it looks (so a step taken just
 * before a deadline is recorded first). Working-day deadlines all fall at 23:59:59 Beijing time: hourly, two minutes
 * past the hour, catches them a minute after. Second units (tests, demos): a quarter of the shortest person's window,
 * 2–60 s, so a campaign of 300-second windows costs the server one small run a minute. The sweep also moves the ends of
 * 公示 and 践诺 (their windows count).
 */
function sweepTiming(settings: LifecycleSettings): { every: number; offset: number; graceMs: number } {
  if (settings.unit === 'working_day') return { every: 3_600_000, offset: 120_000, graceMs: 60_000 };
  const { draftDays, acceptanceDays, publicityDays, fulfilmentDays, selfEvaluationDays } = settings;
  const { leadershipReviewDays, outcomeDays } = settings;
  const shortest = Math.min(
    draftDays,
    acceptanceDays,
    publicityDays,
    fulfilmentDays,
    selfEvaluationDays,
    leadershipReviewDays,
    outcomeDays,
  );
  return { every: Math.min(60, Math.max(2, Math.round(shortest / 4))) * 1000, offset: 0, graceMs: 2_000 };
}

/**
 * The campaign's deadline sweep (its commitments keep no timer at a person's stage deadline, see
 * `deadlinesSwept`). Not part of the configurable schedules: without it no deadline would be recorded. Returns
 * whether it was created now (false: it was there).
 */
export async function ensureDeadlineSweep(
  client: Client,
  campaignId: string,
  settings: LifecycleSettings,
): Promise<boolean> {
  const { every, offset, graceMs } = sweepTiming(settings);
  const input: DeadlineSweepWorkflowInput = { campaignId, graceMs };
  try {
    await client.schedule.create({
      scheduleId: campaignScheduleId.deadlines(campaignId),
      spec: { intervals: [{ every, offset }] },
      action: {
        type: 'startWorkflow',
        workflowType: DEADLINE_SWEEP_WORKFLOW,
        workflowId: campaignScheduleId.deadlines(campaignId),
        taskQueue: TaskQueue.commitment,
        args: [input],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
      state: { note: `逾期登记：${campaignId}` },
    });
    return true;
  } catch (e) {
    if (!(e instanceof ScheduleAlreadyRunning)) throw e;
    return false;
  }
}

function startReport(
  campaignId: string,
  period: 'monthly' | 'quarterly',
  timing: ScheduleTiming,
): ScheduleOptionsAction {
  const input: ReportWorkflowInput = {
    campaignId,
    period,
    labelMode: timing === 'calendar' ? 'period' : 'instant',
  };
  return {
    type: 'startWorkflow',
    workflowType: REPORT_WORKFLOW,
    workflowId: campaignScheduleId[period](campaignId),
    taskQueue: TaskQueue.commitment,
    args: [input],
  };
}

function startMilestoneNotices(campaignId: string): ScheduleOptionsAction {
  const input: MilestoneNoticeWorkflowInput = { campaignId };
  return {
    type: 'startWorkflow',
    workflowType: MILESTONE_NOTICE_WORKFLOW,
    workflowId: campaignScheduleId.milestones(campaignId),
    taskQueue: TaskQueue.commitment,
    args: [input],
  };
}

function startSpotCheck(campaignId: string, s: CampaignSchedules): ScheduleOptionsAction {
  const input: SpotCheckWorkflowInput = {
    campaignId,
    units: s.spotCheckUnits,
    cadres: s.spotCheckCadres,
    labelMode: s.spotCheck === 'calendar' ? 'period' : 'instant',
  };
  return {
    type: 'startWorkflow',
    workflowType: SPOT_CHECK_WORKFLOW,
    workflowId: campaignScheduleId.spotCheck(campaignId),
    taskQueue: TaskQueue.commitment,
    args: [input],
  };
}

/** Pauses, resumes or removes a campaign's schedules (those it never had are skipped). */
export async function controlCampaignSchedules(
  client: Client,
  campaignId: string,
  action: 'pause' | 'resume' | 'delete',
  note: string,
): Promise<void> {
  for (const id of [
    campaignScheduleId.monthly(campaignId),
    campaignScheduleId.quarterly(campaignId),
    campaignScheduleId.spotCheck(campaignId),
    campaignScheduleId.milestones(campaignId),
    // The deadline sweep runs while the campaign is paused (deadlines are not paused); it goes with the campaign.
    ...(action === 'delete' ? [campaignScheduleId.deadlines(campaignId)] : []),
  ]) {
    const h = client.schedule.getHandle(id);
    try {
      if (action === 'pause') await h.pause(note);
      else if (action === 'resume') await h.unpause(note);
      else await h.delete();
    } catch (e) {
      if (!(e instanceof ScheduleNotFoundError)) throw e;
    }
  }
  // Nodes passed while paused are noticed now (each node once).
  if (action === 'resume')
    await client.schedule
      .getHandle(campaignScheduleId.milestones(campaignId))
      .trigger(ScheduleOverlapPolicy.ALLOW_ALL)
      .catch((e: unknown) => {
        if (!(e instanceof ScheduleNotFoundError)) throw e;
      });
}
