import type { Ts } from '../shared/rows';

/** A message and a task as raw SQL returns them; what a task asks the caller to do. */
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
