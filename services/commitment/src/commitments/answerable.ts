import type { Client } from '@temporalio/client';
import type { CheckSubjectsResult, PersonRef, Stage } from '@pingyi/contracts';
import { askOrgAboutSubjects } from '../shared/org-lookup';
import type { CommitmentRow } from '../shared/commitment-row';

/** Who must act next in each open stage (谁来办): the subject (the member, or the unit's secretary) or the reviewer. */
const NEXT: Record<Exclude<Stage, 'closed' | 'cancelled'>, { by: 'subject' | 'reviewer'; step: string }> = {
  drafting: { by: 'subject', step: '制定并提交承诺' },
  acceptance: { by: 'reviewer', step: '审核承诺' },
  publicity: { by: 'reviewer', step: '处理异议并结束公示' },
  fulfilment: { by: 'subject', step: '践诺并报告进度' },
  self_evaluation: { by: 'subject', step: '提交自评和“回头看”' },
  mutual_review: { by: 'reviewer', step: '组织互评并结束互评' },
  leadership_review: { by: 'reviewer', step: '领导点评' },
  mass_evaluation: { by: 'reviewer', step: '结束群众评议' },
  rectification: { by: 'subject', step: '完成整改' },
  follow_up: { by: 'reviewer', step: '回访' },
  outcome: { by: 'reviewer', step: '确定奖惩' },
};

/** The org service answers for a page of left-out rows within this many ms, or the rows keep what is projected. */
const ORG_MS = 8_000;

/**
 * 点名 names who is answerable: for each row the person who must act next and the reviewer. The projection knows the
 * reviewer only once a stage has needed one (a launch resolves none) and a unit's secretary not at all, so both are
 * asked of the org service by its own rule; when it cannot answer, the projected reviewer stays.
 */
export async function answerable(temporal: Client, rows: CommitmentRow[]): Promise<Answerable[]> {
  let found: CheckSubjectsResult['found'] = [];
  try {
    const subjects = rows.map((r) => ({ kind: r.subject_kind as 'unit' | 'member', id: r.subject_id }));
    if (subjects.length > 0) found = (await askOrgAboutSubjects(temporal, subjects, ORG_MS)).found;
  } catch {
    found = [];
  }
  const byId = new Map(found.map((f) => [f.id, f]));
  return rows.map((r) => {
    const f = byId.get(r.subject_id);
    const projected: PersonRef | null = r.reviewer_id
      ? { memberId: r.reviewer_id, name: r.reviewer_name ?? '', unitId: null }
      : null;
    const reviewer = projected ?? f?.reviewer ?? null;
    const subjectActor: PersonRef | null =
      f?.actor ??
      (r.subject_kind === 'member' ? { memberId: r.subject_id, name: r.subject_name, unitId: null } : null);
    const next = NEXT[r.stage as keyof typeof NEXT];
    const actor = next ? (next.by === 'subject' ? subjectActor : reviewer) : null;
    return {
      reviewerId: reviewer?.memberId,
      reviewerName: reviewer?.name,
      nextActorId: actor?.memberId,
      nextActorName: actor?.name,
      nextStep: next?.step,
    };
  });
}

export interface Answerable {
  reviewerId?: string | undefined;
  reviewerName?: string | undefined;
  nextActorId?: string | undefined;
  nextActorName?: string | undefined;
  nextStep?: string | undefined;
}
