import type { LifecyclePayload, SubjectKind } from '@pingyi/contracts';

/** The columns of a commitment row an event's payload is built from. */
export interface CommitmentRef {
  id: string;
  campaign_id: string;
  subject_id: string;
  subject_kind: SubjectKind;
  stage: string;
}

/** The payload of an event about one commitment (or one of its rectifications). */
export function commitmentPayload(
  c: CommitmentRef,
  o: { actorId: string | null; data: Record<string, unknown>; rectificationId?: string | null },
): LifecyclePayload {
  return {
    commitmentId: c.id,
    campaignId: c.campaign_id,
    subjectId: c.subject_id,
    subjectKind: c.subject_kind,
    stage: c.stage,
    rectificationId: o.rectificationId ?? null,
    actorId: o.actorId,
    data: o.data,
  };
}

/** The payload of an event about a campaign as a whole. */
export function campaignPayload(
  campaignId: string,
  actorId: string | null,
  data: Record<string, unknown>,
): LifecyclePayload {
  return {
    commitmentId: null,
    campaignId,
    subjectId: null,
    subjectKind: null,
    stage: null,
    rectificationId: null,
    actorId,
    data,
  };
}
