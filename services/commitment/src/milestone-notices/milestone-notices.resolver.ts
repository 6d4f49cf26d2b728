import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import { People } from '../shared/roles';
import { MilestoneMissedPageObject, MilestoneNoticeObject } from './milestone-notices.objects';
import { MilestoneNoticesService } from './milestone-notices.service';

/** 节点通报: who missed a node of the campaign calendar. */
@Resolver()
@People()
export class MilestoneNoticesResolver {
  constructor(private readonly notices: MilestoneNoticesService) {}

  @Query(() => [MilestoneNoticeObject], {
    description: '节点通报：各节点到期时未按期完成的情况（本组织及下级）',
  })
  milestoneNotices(
    @CurrentIdentity() who: Identity,
    @Args('campaignId') campaignId: string,
    @Args('orgPath', { type: () => String, nullable: true }) orgPath: string | undefined,
  ) {
    return this.notices.milestoneNotices(who, campaignId, orgPath ?? null);
  }

  @Query(() => MilestoneMissedPageObject, { description: '节点通报名单（本组织及下级），分页' })
  milestoneNoticeMissed(
    @CurrentIdentity() who: Identity,
    @Args('noticeId', { type: () => ID }) noticeId: string,
    @Args('orgPath', { type: () => String, nullable: true }) orgPath: string | undefined,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
  ) {
    return this.notices.milestoneMissed(who, noticeId, orgPath ?? null, first, after ?? null);
  }
}
