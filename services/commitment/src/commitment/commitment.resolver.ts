import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import { toCommitmentObject } from './commitment.mapper';
import { CommitmentService } from './commitment.service';
import { CommitmentObject } from './dto/commitment.object';
import { DraftCommitmentInput } from './dto/draft-commitment.input';

@Resolver(() => CommitmentObject)
export class CommitmentResolver {
  constructor(private readonly commitments: CommitmentService) {}

  @Mutation(() => CommitmentObject, { description: '起草承诺：启动该承诺的流程' })
  async draftCommitment(
    @CurrentIdentity() who: Identity,
    @Args('input') input: DraftCommitmentInput,
  ): Promise<CommitmentObject> {
    return toCommitmentObject(await this.commitments.draft(who, input));
  }

  @Query(() => CommitmentObject, { nullable: true, description: '按编号查询承诺（仅限本人可见范围）' })
  async commitment(
    @CurrentIdentity() who: Identity,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<CommitmentObject | null> {
    const c = await this.commitments.findVisible(who, id);
    return c ? toCommitmentObject(c) : null;
  }
}
