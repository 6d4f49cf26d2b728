import type { MemberType, OutcomeResult, ReviewGrade } from '@pingyi/contracts';
import type { Ts } from './rows';

/** A row of the commitment projection (`commitment.commitment`) as raw SQL returns it. */
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
  member_type?: MemberType | null;
  items: { content: string; target: string; dueDate: string }[] | null;
  self_evaluation: { text?: string; priorWorkSummary?: string } | null;
  grade: ReviewGrade | null;
  outcome: OutcomeResult | null;
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
