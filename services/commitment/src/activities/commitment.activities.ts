import type { MikroORM } from '@mikro-orm/postgresql';
import { CommitmentDrafted, commitmentWorkflowId, type CommitmentActivities } from '@pingyi/contracts';
import { recordEvent, stableUuid } from '@pingyi/persistence';
import { Commitment } from '../commitment/commitment.entity';

export interface CommitmentActivityDeps {
  orm: MikroORM;
}

/** Activities for queue `commitment`. Each is idempotent: a retry after a commit changes nothing. */
export function createCommitmentActivities({ orm }: CommitmentActivityDeps): CommitmentActivities {
  return {
    async recordDraft(input) {
      return orm.em.fork().transactional(async (em) => {
        const existing = await em.findOne(Commitment, { id: input.commitmentId });
        if (existing) return { created: false };
        const c = em.create(Commitment, {
          id: input.commitmentId,
          campaignId: input.campaignId,
          subjectId: input.subjectId,
          subjectKind: input.subjectKind,
          orgPath: input.orgPath,
          title: input.title,
          status: 'drafted',
          workflowId: commitmentWorkflowId(input.campaignId, input.subjectId),
        });
        recordEvent(em, CommitmentDrafted, {
          eventId: stableUuid(`${c.workflowId}:drafted`),
          aggregateId: c.id,
          orgPath: c.orgPath,
          payload: {
            commitmentId: c.id,
            campaignId: c.campaignId,
            subjectId: c.subjectId,
            subjectKind: c.subjectKind,
            title: c.title,
          },
        });
        return { created: true };
      });
    },
  };
}
