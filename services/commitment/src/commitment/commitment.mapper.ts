import type { Commitment } from './commitment.entity';
import { CommitmentObject, SubjectKindGql } from './dto/commitment.object';

export function toCommitmentObject(c: Commitment): CommitmentObject {
  return Object.assign(new CommitmentObject(), {
    id: c.id,
    campaignId: c.campaignId,
    subjectId: c.subjectId,
    subjectKind: c.subjectKind as SubjectKindGql,
    orgPath: c.orgPath,
    title: c.title,
    status: c.status,
    workflowId: c.workflowId,
    createdAt: c.createdAt,
  });
}
