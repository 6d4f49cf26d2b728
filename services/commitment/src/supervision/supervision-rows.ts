import {
  ReportPeriodLabel,
  type ReportPeriod,
  ReviewModeLabel,
  SpotCheckKindLabel,
  StageLabel,
  type ReviewMode,
  type SpotCheckKind,
  type Stage,
} from '@pingyi/contracts';
import type { ReportFigures } from './report-snapshot';
import type {
  InspectionTaskObject,
  MilestoneCountyObject,
  ReportCountObject,
  ReportSnapshotObject,
} from './supervision.objects';

/** Rows of the supervision tables as raw SQL returns them, and their mapping to GraphQL objects. */
export interface TaskRow {
  id: string;
  draw_id: string;
  campaign_id: string;
  subject_kind: SpotCheckKind;
  subject_id: string;
  subject_name: string;
  org_path: string;
  status: string;
  self_evaluation_serious: boolean | null;
  shortcomings_named: boolean | null;
  measures_concrete: boolean | null;
  note: string | null;
  inspector_id: string | null;
  inspected_at: Date | string | null;
}

export interface SnapshotRow {
  id: string;
  campaign_id: string;
  period: ReportPeriod;
  period_label: string;
  org_path: string;
  org_name: string;
  level: string;
  scheduled_at: Date | string;
  taken_at: Date | string;
  figures: ReportFigures;
}

export const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
export const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** 督查与报告: spot-check draws, their inspections and report snapshots, always within the caller's subtree. */
export interface NoticeRow {
  id: string;
  campaign_id: string;
  milestone: string;
  label: string;
  node: string;
  node_at: Date | string;
  issued_at: Date | string;
  due: number;
  missed: number;
  by_county: MilestoneCountyObject[];
}

export interface MissedRow {
  commitment_id: string;
  subject_kind: string;
  subject_id: string;
  subject_name: string;
  org_path: string;
  stage: string;
  stage_deadline: Date | string | null;
  reviewer_name: string | null;
}

export function toTask(t: TaskRow): InspectionTaskObject {
  const checks = [t.self_evaluation_serious, t.shortcomings_named, t.measures_concrete];
  return {
    id: t.id,
    drawId: t.draw_id,
    subjectKind: t.subject_kind,
    subjectKindLabel: SpotCheckKindLabel[t.subject_kind] ?? t.subject_kind,
    subjectId: t.subject_id,
    subjectName: t.subject_name,
    orgPath: t.org_path,
    status: t.status,
    statusLabel: t.status === 'done' ? '已检查' : '待检查',
    selfEvaluationSerious: opt(t.self_evaluation_serious),
    shortcomingsNamed: opt(t.shortcomings_named),
    measuresConcrete: opt(t.measures_concrete),
    passed: t.status === 'done' ? checks.every((c) => c === true) : undefined,
    note: opt(t.note),
    inspectorId: opt(t.inspector_id),
    inspectedAt: t.inspected_at === null ? undefined : date(t.inspected_at),
  };
}

export function toSnapshot(s: SnapshotRow): ReportSnapshotObject {
  const f = s.figures;
  const counts = (m: Record<string, number>, label: (k: string) => string): ReportCountObject[] =>
    Object.entries(m)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, n]) => ({ key, label: label(key), count: n }));
  const shown = f.satisfied !== null;
  return {
    id: s.id,
    campaignId: s.campaign_id,
    period: s.period,
    periodName: ReportPeriodLabel[s.period] ?? s.period,
    periodLabel: s.period_label,
    orgPath: s.org_path,
    orgName: s.org_name,
    level: s.level,
    scheduledAt: date(s.scheduled_at),
    takenAt: date(s.taken_at),
    commitments: f.commitments,
    byStage: counts(f.byStage, (k) => StageLabel[k as Stage] ?? k),
    reviewsByMode: counts(f.reviewsByMode, (k) => ReviewModeLabel[k as ReviewMode] ?? k),
    reviewsNotPassed: f.reviewsNotPassed,
    graded: f.graded,
    kept: f.kept,
    closed: f.closed,
    overdueCommitments: f.overdueCommitments,
    rectifications: f.rectifications,
    rectificationsSettled: f.rectificationsSettled,
    rectificationsOpen: f.rectificationsOpen,
    rectificationsOverdue: f.rectificationsOverdue,
    rectificationRate: f.rectifications > 0 ? f.rectificationsSettled / f.rectifications : undefined,
    redoOrders: f.redoOrders,
    massResponses: f.massResponses,
    satisfied: opt(f.satisfied),
    basicallySatisfied: opt(f.basicallySatisfied),
    unsatisfied: opt(f.unsatisfied),
    satisfactionRate:
      shown && f.massResponses > 0
        ? ((f.satisfied ?? 0) + (f.basicallySatisfied ?? 0)) / f.massResponses
        : undefined,
  };
}
