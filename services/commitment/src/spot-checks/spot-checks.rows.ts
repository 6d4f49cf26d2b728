import { SpotCheckKindLabel, type SpotCheckKind } from '@pingyi/contracts';
import { date, opt } from '../shared/rows';
import type { InspectionTaskObject } from './spot-checks.objects';

/** An inspection task as raw SQL returns it. */
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
