import {
  ReportPeriodLabel,
  ReviewModeLabel,
  StageLabel,
  type ReportPeriod,
  type ReviewMode,
  type Stage,
} from '@pingyi/contracts';
import { levelLabel, parentOf } from '../shared/org-levels';
import { date, opt } from '../shared/rows';
import type { ReportFigures } from './report-snapshot';
import type { ReportCountObject, ReportSnapshotObject } from './reports.objects';

/** A report snapshot as raw SQL returns it. */
export interface SnapshotRow {
  id: string;
  campaign_id: string;
  period: ReportPeriod;
  period_label: string;
  org_path: string;
  org_name: string;
  level: string;
  unit_id: string | null;
  scheduled_at: Date | string;
  taken_at: Date | string;
  figures: ReportFigures;
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
    levelLabel: levelLabel(s.level),
    unitId: s.unit_id ?? undefined,
    parentPath: parentOf(s.org_path) ?? undefined,
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
