import { LifecycleSettings } from '@pingyi/contracts/lifecycle';
import { MemberType, MemberTypeLabel, UnitField, UnitFieldLabel } from '@pingyi/contracts/org';
import { DEFAULT_REVIEW_TEMPLATES, type ReviewTemplates } from '@pingyi/contracts/review-templates';

/** The campaign set-up form's values: plain fields only; the settings and templates JSON are made from them. */
type Numbers = Omit<LifecycleSettings, 'unit' | 'reminderDaysBefore' | 'reviewerPreference'>;
export type NumberKey = keyof Numbers;
export type ScheduleKey = 'monthlyReport' | 'quarterlyReport' | 'spotCheck' | 'milestoneNotices';
export interface ScheduleValue {
  mode: 'calendar' | 'off' | 'every';
  everySeconds?: number;
}
export interface CampaignFormValues {
  id: string;
  name: string;
  year: number;
  scopePath: string;
  settings: Numbers &
    Pick<LifecycleSettings, 'unit' | 'reviewerPreference'> & { reminderDaysBefore: number[] };
  schedules: Record<ScheduleKey, ScheduleValue> & { spotCheckUnits: number; spotCheckCadres: number };
  templates: {
    unitCommon: string;
    memberCommon: string;
    byField: Record<string, string>;
    byType: Record<string, string>;
  };
}

/** The stage calendar: how long each stage's window is. */
export const STAGE_WINDOWS: [NumberKey, string][] = [
  ['draftDays', '定诺（填写承诺）'],
  ['acceptanceDays', '上级审核'],
  ['publicityDays', '公示'],
  ['fulfilmentDays', '践诺'],
  ['selfEvaluationDays', '自评'],
  ['mutualReviewDays', '互评'],
  ['leadershipReviewDays', '领导点评'],
  ['massEvaluationDays', '群众评议'],
  ['outcomeDays', '确定奖惩'],
];

/** Rectification, follow-up and escalation periods. */
export const RECTIFICATION_WINDOWS: [NumberKey, string][] = [
  ['rectificationDays', '整改时限（未定时限时）'],
  ['listedRectificationDays', '挂牌督办整改时限'],
  ['escalationGraceDays', '逾期后每隔多久问责上追一级'],
  ['followUpDelayDays', '销号后多久回访（工作日模式下为自然日）'],
  ['followUpDays', '回访期限'],
  ['redoWindowDays', '办结后仍可责令重新点评的期限（0 为不保留）'],
];

export const SCHEDULES: [ScheduleKey, string][] = [
  ['monthlyReport', '月报（每月1日 9:00）'],
  ['quarterlyReport', '季报（每季度首日 10:00）'],
  ['spotCheck', '摇号抽查（每周一 9:00）'],
  ['milestoneNotices', '节点通报（各节点到期时）'],
];

export const UNIT_FIELDS = UnitField.options.map((f) => [f, UnitFieldLabel[f]] as const);
export const MEMBER_TYPES = MemberType.options.map((t) => [t, MemberTypeLabel[t]] as const);

const lines = (text: string | undefined): string[] =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const text = (list: string[] | undefined): string => (list ?? []).join('\n');

const scheduleOf = (raw: unknown): ScheduleValue =>
  raw === 'off'
    ? { mode: 'off' }
    : typeof raw === 'object' && raw && 'everySeconds' in raw
      ? { mode: 'every', everySeconds: Number(raw.everySeconds) }
      : { mode: 'calendar' };
const scheduleJson = (v: ScheduleValue): unknown =>
  v.mode === 'every' ? { everySeconds: v.everySeconds } : v.mode;

/** The form's values from a campaign's stored settings and templates (or the defaults for a new one). */
export function formValues(
  base: { id: string; name: string; year: number; scopePath: string },
  settingsJson?: string,
  templatesJson?: string,
): CampaignFormValues {
  const raw = (settingsJson ? JSON.parse(settingsJson) : {}) as Record<string, unknown>;
  const { schedules: rawSchedules, ...rest } = raw;
  const settings = LifecycleSettings.parse(rest);
  const s = (rawSchedules ?? {}) as Record<string, unknown>;
  const t = (templatesJson ? JSON.parse(templatesJson) : DEFAULT_REVIEW_TEMPLATES) as ReviewTemplates;
  return {
    ...base,
    settings,
    schedules: {
      monthlyReport: scheduleOf(s['monthlyReport']),
      quarterlyReport: scheduleOf(s['quarterlyReport']),
      spotCheck: scheduleOf(s['spotCheck']),
      milestoneNotices: scheduleOf(s['milestoneNotices']),
      spotCheckUnits: typeof s['spotCheckUnits'] === 'number' ? s['spotCheckUnits'] : 5,
      spotCheckCadres: typeof s['spotCheckCadres'] === 'number' ? s['spotCheckCadres'] : 5,
    },
    templates: {
      unitCommon: text(t.unit.common),
      memberCommon: text(t.member.common),
      byField: Object.fromEntries(UNIT_FIELDS.map(([f]) => [f, text(t.unit.byField[f])])),
      byType: Object.fromEntries(MEMBER_TYPES.map(([m]) => [m, text(t.member.byType[m])])),
    },
  };
}

/** The settings and templates JSON the server takes (only the keys it knows). */
export function campaignJson(v: CampaignFormValues): { settingsJson: string; templatesJson: string } {
  const { spotCheckUnits, spotCheckCadres, ...timings } = v.schedules;
  const schedules = Object.fromEntries(
    (Object.keys(timings) as ScheduleKey[]).map((k) => [k, scheduleJson(timings[k])]),
  );
  const templates: ReviewTemplates = {
    unit: {
      common: lines(v.templates.unitCommon),
      byField: Object.fromEntries(UNIT_FIELDS.map(([f]) => [f, lines(v.templates.byField[f])])),
    },
    member: {
      common: lines(v.templates.memberCommon),
      byType: Object.fromEntries(MEMBER_TYPES.map(([m]) => [m, lines(v.templates.byType[m])])),
    },
  };
  return {
    settingsJson: JSON.stringify({
      ...v.settings,
      reminderDaysBefore: (v.settings.reminderDaysBefore ?? []).filter((d) => d !== null && d !== undefined),
      schedules: { ...schedules, spotCheckUnits, spotCheckCadres },
    }),
    templatesJson: JSON.stringify(templates),
  };
}
