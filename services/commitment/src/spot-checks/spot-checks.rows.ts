import { SpotCheckKindLabel, type SpotCheckKind } from '@pingyi/contracts';
import { date, opt } from '../shared/rows';
import type { InspectionTaskObject } from './spot-checks.objects';

/** An inspection task as raw SQL returns it. */
export interface TaskRow {
  id: string;
  /** Null for a review sent to inspection from a flag (not drawn). */
  draw_id: string | null;
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
  commitment_id?: string | null;
  reason?: string | null;
  sent_by?: string | null;
  created_at?: Date | string;
}

export function toTask(t: TaskRow): InspectionTaskObject {
  const checks = [t.self_evaluation_serious, t.shortcomings_named, t.measures_concrete];
  return {
    id: t.id,
    drawId: opt(t.draw_id),
    commitmentId: opt(t.commitment_id),
    reason: opt(t.reason),
    sentBy: opt(t.sent_by),
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
