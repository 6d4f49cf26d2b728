import { Args, ArgsType, Field, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import { People } from '../shared/roles';
import { MilestoneMissedPageObject, MilestoneNoticeObject } from './milestone-notices.objects';
import { MilestoneNoticesService } from './milestone-notices.service';

@ArgsType()
export class MilestoneNoticesArgs {
  @Field() campaignId!: string;
  @Field(() => String, { nullable: true }) orgPath?: string;
}

@ArgsType()
export class MilestoneMissedArgs {
  @Field(() => ID) noticeId!: string;
  @Field(() => String, { nullable: true }) orgPath?: string;
  @Field(() => Int, { defaultValue: 50 }) first!: number;
  @Field(() => String, { nullable: true }) after?: string;
}

/** 节点通报: who missed a node of the campaign calendar. */
@Resolver()
@People()
export class MilestoneNoticesResolver {
  constructor(private readonly notices: MilestoneNoticesService) {}

  @Query(() => [MilestoneNoticeObject], {
    description: '节点通报：各节点到期时未按期完成的情况（本组织及下级）',
  })
  milestoneNotices(@CurrentIdentity() who: Identity, @Args() { campaignId, orgPath }: MilestoneNoticesArgs) {
    return this.notices.milestoneNotices(who, campaignId, orgPath ?? null);
  }

  @Query(() => MilestoneMissedPageObject, { description: '节点通报名单（本组织及下级），分页' })
  milestoneNoticeMissed(@CurrentIdentity() who: Identity, @Args() a: MilestoneMissedArgs) {
    return this.notices.milestoneMissed(who, a.noticeId, a.orgPath ?? null, a.first, a.after ?? null);
  }
}
