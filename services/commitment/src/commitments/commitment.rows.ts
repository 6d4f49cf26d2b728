import {
  ReviewGradeLabel,
  ReviewModeLabel,
  Stage,
  StageLabel,
  type ReviewGrade,
  type ReviewMode,
} from '@pingyi/contracts';
import type { CommitmentRow } from '../shared/commitment-row';
import { date, opt, optDate, type Ts } from '../shared/rows';
import type {
  AccountabilityObject,
  CommitmentSummaryObject,
  EvidenceFileObject,
  LeadershipReviewObject,
  TimelineEntryObject,
} from './commitment.objects';
import { timelineLabel } from '../lifecycle/labels';

/** Rows of the commitment projections as raw SQL returns them, and their mapping to GraphQL objects. */

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
  mode: ReviewMode;
  achievements: string;
  shortcomings: string[];
  causes: string;
  measures: unknown;
  grade: ReviewGrade;
  signature: string;
  passed: boolean;
  failures: { message: string }[] | null;
  at: Ts;
  signer_id: string | null;
  signer_name: string | null;
  signed_at: Ts | null;
  content_hash: string | null;
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
    memberType: opt(c.member_type),
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
    modeLabel: ReviewModeLabel[r['mode']] ?? r['mode'],
    achievements: r['achievements'],
    shortcomings: r['shortcomings'],
    causes: r['causes'],
    measuresJson: JSON.stringify(r['measures']),
    grade: r['grade'],
    gradeLabel: ReviewGradeLabel[r['grade']] ?? r['grade'],
    signature: r['signature'],
    signoff:
      r.signer_id && r.signed_at && r.content_hash
        ? {
            personId: r.signer_id,
            name: opt(r.signer_name),
            signedAt: date(r.signed_at),
            contentHash: r.content_hash,
          }
        : undefined,
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

export interface EvidenceFileRow {
  id: string;
  filename: string;
  content_type: string;
  size: number;
  uploader_id: string;
  rectification_id: string | null;
  sha256: string;
  created_at: Ts;
}

export const toEvidenceFile = (f: EvidenceFileRow): EvidenceFileObject => ({
  id: f.id,
  filename: f.filename,
  contentType: f.content_type,
  size: f.size,
  uploaderId: f.uploader_id,
  rectificationId: opt(f.rectification_id),
  sha256: f.sha256,
  uploadedAt: date(f.created_at),
});
