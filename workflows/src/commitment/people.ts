import type { PersonRef } from '@pingyi/contracts/dist/workflow';
import { org } from '../shared/lifecycle-kit';
import type { CommitmentRun } from './run';

/** Who acts for the subject: the member, or the unit's secretary (asked of the org service once, then kept). */
export async function subjectActor({ s, subject }: CommitmentRun): Promise<string | null> {
  if (s.subjectActorId) return s.subjectActorId;
  if (subject.kind === 'member') s.subjectActorId = subject.id;
  else
    s.subjectActorId =
      (await org.escalationChain({ unitId: subject.unitId }))[0]?.responsible?.memberId ?? null;
  return s.subjectActorId;
}

/** Asks the org service where the subject sits and who reviews it. */
const askOrg = ({ subject, cfg }: CommitmentRun) =>
  org.resolveReviewer({
    subjectKind: subject.kind,
    subjectId: subject.id,
    preference: cfg.reviewerPreference,
  });

/** Learns where the subject sits now (kept) and who reviews it (answered). */
export async function resolveReviewer(run: CommitmentRun): Promise<PersonRef | null> {
  const { subject } = run;
  const r = await askOrg(run);
  subject.unitId = r.subjectUnitId;
  subject.orgPath = r.subjectOrgPath;
  return r.reviewer;
}

/** A commitment opened by the subject's id only: learn its name and place (and who reviews it). */
export async function locateSubject(run: CommitmentRun): Promise<void> {
  const r = await askOrg(run);
  Object.assign(run.subject, { name: r.subjectName, orgPath: r.subjectOrgPath, unitId: r.subjectUnitId });
  run.s.reviewer = r.reviewer;
}

/** The reviewer, resolved (and recorded) the first time a stage needs one. */
export async function ensureReviewer(run: CommitmentRun): Promise<void> {
  const { s, subject } = run;
  if (s.reviewer) return;
  s.reviewer = await resolveReviewer(run);
  await run.fact('commitment.reviewer_changed', {
    reviewer: s.reviewer,
    reason: '确定点评人',
    orgPath: subject.orgPath,
  });
}

/**
 * The reviewer's own superior: the one responsible one level above the reviewer on the subject's escalation chain
 * (for a member, the secretary above the branch; for a unit, the secretary above its reviewer's unit).
 */
export async function superiorOf({ subject }: CommitmentRun, reviewerId: string): Promise<string | null> {
  const chain = await org.escalationChain({ unitId: subject.unitId });
  const at = chain.findIndex((st) => st.responsible?.memberId === reviewerId);
  const above = chain.slice(at >= 0 ? at + 1 : subject.kind === 'unit' ? 2 : 1);
  return (
    above.find((st) => st.responsible && st.responsible.memberId !== reviewerId)?.responsible?.memberId ??
    null
  );
}
