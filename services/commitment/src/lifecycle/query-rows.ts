import {
  ReviewGradeLabel,
  ReviewModeLabel,
  Stage,
  StageLabel,
  type ReviewGrade,
  type ReviewMode,
} from '@pingyi/contracts';
import type {
  AccountabilityObject,
  CommitmentSummaryObject,
  LeadershipReviewObject,
  TimelineEntryObject,
} from './lifecycle.objects';
import { timelineLabel } from './labels';

/** Rows of the commitment projections as raw SQL returns them, and their mapping to GraphQL objects. */
export type Ts = Date | string;

export interface CommitmentRow {
  id: string;
  campaign_id: string;
  subject_kind: string;
  subject_id: string;
  subject_name: string;
  org_path: string;
  workflow_id: string;
  stage: string;
  stage_deadline: Ts | null;
  deadline_missed: boolean;
  reviewer_id: string | null;
  reviewer_name: string | null;
  items: { content: string; target: string; dueDate: string }[] | null;
  self_evaluation: { text?: string; priorWorkSummary?: string } | null;
  grade: string | null;
  outcome: string | null;
  redo_count: number;
  objection_count: number;
  mass_tally: {
    responses: number;
    shown: boolean;
    satisfied: number;
    basicallySatisfied: number;
    unsatisfied: number;
  } | null;
  opened_at: Ts;
  closed_at: Ts | null;
}
export interface TimelineRow {
  id: string;
  at: Ts;
  type: string;
  stage: string | null;
  actor_id: string | null;
  rectification_id: string | null;
  data: Record<string, unknown> | null;
}
export interface ReviewRow {
  id: string;
  reviewer_id: string;
  mode: string;
  achievements: string;
  shortcomings: string[];
  causes: string;
  measures: unknown;
  grade: string;
  signature: string;
  passed: boolean;
  failures: { message: string }[] | null;
  at: Ts;
}
export interface RectificationRow {
  id: string;
  commitment_id: string;
  source: string;
  owner_id: string | null;
  target: string;
  measures: string;
  deadline: Ts;
  listed: boolean;
  status: string;
  escalation_level: number;
  verifier_id: string | null;
  round: number;
  follow_up_due_at: Ts | null;
  org_path: string;
}
export interface AccountabilityRow {
  id: string;
  rectification_id: string;
  level: number;
  unit_id: string;
  unit_name: string;
  assignee_id: string | null;
  assignee_name: string | null;
  cause: string | null;
  created_at: Ts;
}
export interface InboxRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  commitment_id: string | null;
  rectification_id: string | null;
  created_at: Ts;
  read_at: Ts | null;
}
export interface TaskRow {
  role: string;
  commitment_id: string;
  rectification_id: string | null;
  accountability_id: string | null;
  subject_name: string;
  stage: string;
  due_at: Ts | null;
}
export const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);
/** Timestamps may come back as strings from raw SQL. */
export const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
export const optDate = (v: unknown): Date | undefined =>
  v === null || v === undefined ? undefined : date(v);

export function taskAction(role: string, stage: string): [string, string] {
  const map: Record<string, [string, string]> = {
    'subject:drafting': ['submitCommitment', '提交承诺'],
    'subject:fulfilment': ['reportProgress', '登记践诺进展，或提交自评'],
    'subject:self_evaluation': ['submitSelfEvaluation', '提交自评（含“回头看”）'],
    'reviewer:acceptance': ['reviewCommitment', '审核承诺'],
    'reviewer:leadership_review': ['submitLeadershipReview', '领导点评'],
    'reviewer:outcome': ['decideOutcome', '确定奖惩结果'],
    'owner:rectification_open': ['completeRectification', '整改并报办结'],
    'verifier:rectification_verify': ['verifyRectification', '核验整改、销号'],
    'verifier:rectification_follow_up': ['recordFollowUp', '整改回访'],
    'accountable:accountability': ['fillAccountabilityCause', '填写问责原因说明'],
  };
  return map[`${role}:${stage}`] ?? ['none', '查看'];
}

export function summary(c: CommitmentRow): CommitmentSummaryObject {
  const stage = c.stage as Stage;
  const deadline = c.stage_deadline;
  return {
    id: c['id'],
    campaignId: c['campaign_id'],
    subjectKind: c['subject_kind'],
    subjectId: c['subject_id'],
    subjectName: c['subject_name'],
    orgPath: c['org_path'],
    stage,
    stageLabel: StageLabel[stage] ?? stage,
    stageDeadline: optDate(deadline),
    overdue: c['deadline_missed'] === true,
    reviewerName: opt(c['reviewer_name']),
    grade: opt(c['grade']),
  };
}

export function toTimeline(t: TimelineRow): TimelineEntryObject {
  return {
    id: t['id'],
    at: date(t['at']),
    type: t['type'],
    label: timelineLabel(t['type'], t['data'] ?? {}),
    stage: opt(t['stage']),
    actorId: opt(t['actor_id']),
    rectificationId: opt(t['rectification_id']),
    dataJson: JSON.stringify(t['data'] ?? {}),
  };
}

export function toReview(r: ReviewRow): LeadershipReviewObject {
  return {
    id: r['id'],
    reviewerId: r['reviewer_id'],
    mode: r['mode'],
    modeLabel: ReviewModeLabel[r['mode'] as ReviewMode] ?? r['mode'],
    achievements: r['achievements'],
    shortcomings: r['shortcomings'],
    causes: r['causes'],
    measuresJson: JSON.stringify(r['measures']),
    grade: r['grade'],
    gradeLabel: ReviewGradeLabel[r['grade'] as ReviewGrade] ?? r['grade'],
    signature: r['signature'],
    passed: r['passed'],
    failures: (r.failures ?? []).map((f) => f.message),
    at: date(r['at']),
  };
}

export function toAccountability(a: AccountabilityRow): AccountabilityObject {
  return {
    id: a['id'],
    level: a['level'],
    unitId: a['unit_id'],
    unitName: a['unit_name'],
    assigneeId: opt(a['assignee_id']),
    assigneeName: opt(a['assignee_name']),
    cause: opt(a['cause']),
    createdAt: date(a['created_at']),
  };
}
