import { Args, ArgsType, Field, Query, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import { People } from '../shared/roles';
import { ReportSnapshotObject } from './reports.objects';
import { ReportsService } from './reports.service';

@ArgsType()
export class ReportSnapshotsArgs {
  @Field() campaignId!: string;
  @Field({ description: 'monthly（月报）或 quarterly（季报）' }) period!: string;
  @Field(() => String, { nullable: true }) orgPath?: string;
}

/** 报告: monthly and quarterly reports (月报、季报). */
@Resolver()
@People()
export class ReportsResolver {
  constructor(private readonly reports: ReportsService) {}

  @Query(() => [ReportSnapshotObject], {
    description:
      '月报、季报：所查组织（默认本组织；在活动范围以上时为活动范围）及其下一级各组织，按组织名称列出',
  })
  reportSnapshots(
    @CurrentIdentity() who: Identity,
    @Args() { campaignId, period, orgPath }: ReportSnapshotsArgs,
  ) {
    return this.reports.reportSnapshots(who, campaignId, period, orgPath ?? null);
  }
}
