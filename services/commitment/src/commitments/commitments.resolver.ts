import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import { People } from '../shared/roles';
import { CommitmentsArgs, CoverageArgs, LeftOutArgs, SearchCommitmentsInput } from './commitments.args';
import {
  CommitmentObject,
  CommitmentPageObject,
  CoverageObject,
  RectificationObject,
} from './commitment.objects';
import { CommitmentQueries } from './commitment.queries';
import { CoverageQueries } from './coverage.queries';
import { SearchQueries } from './search.queries';

/** Reads of commitments and their rectifications, and of a campaign's coverage, within the caller's subtree. */
@Resolver()
@People()
export class CommitmentsResolver {
  constructor(
    private readonly reads: CommitmentQueries,
    private readonly coverageReads: CoverageQueries,
    private readonly searches: SearchQueries,
  ) {}

  @Query(() => CommitmentPageObject, {
    description: '搜索承诺：按对象姓名或名称、承诺事项和自评的文字，在本人范围内；可按党员类别、点评方式筛选',
  })
  searchCommitments(
    @CurrentIdentity() who: Identity,
    @Args('input', { type: () => SearchCommitmentsInput }) input: SearchCommitmentsInput,
  ) {
    const { first, after, ...filter } = input;
    return this.searches.search(who, filter, first, after ?? null);
  }

  @Query(() => CommitmentObject, {
    nullable: true,
    description: '承诺详情：当前阶段、期限、流程记录、点评与整改',
  })
  commitment(@CurrentIdentity() who: Identity, @Args('id', { type: () => ID }) id: string) {
    return this.reads.commitment(who, id);
  }

  @Query(() => CommitmentPageObject, { description: '承诺列表（按活动、组织范围、阶段、逾期筛选）' })
  commitments(@CurrentIdentity() who: Identity, @Args() { filter, first, after }: CommitmentsArgs) {
    return this.reads.commitments(who, filter ?? {}, first, after ?? null);
  }

  @Query(() => RectificationObject, { nullable: true, description: '整改事项：问责级别与经过' })
  rectification(@CurrentIdentity() who: Identity, @Args('id', { type: () => ID }) id: string) {
    return this.reads.rectification(who, id);
  }

  @Query(() => CoverageObject, { nullable: true, description: '活动覆盖情况（本组织及下级，按阶段）' })
  coverage(@CurrentIdentity() who: Identity, @Args() { campaignId, orgPath }: CoverageArgs) {
    return this.coverageReads.coverage(who, campaignId, orgPath ?? null);
  }

  @Query(() => CommitmentPageObject, {
    description: '点名：本组织及下级中尚未完成某节点的承诺（缺省只列已逾期的），可逐级下钻',
  })
  leftOut(@CurrentIdentity() who: Identity, @Args() a: LeftOutArgs) {
    const o = {
      campaignId: a.campaignId,
      orgPath: a.orgPath ?? null,
      milestone: a.milestone,
      overdueOnly: a.overdueOnly,
    };
    return this.coverageReads.leftOut(who, o, a.first, a.after ?? null);
  }
}
