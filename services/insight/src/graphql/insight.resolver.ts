import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import {
  Dashboard,
  OverdueRectificationPage,
  Ranking,
  ReviewerStatPage,
  TrendPoint,
} from '../read/panels.types';
import { PagedPanelArgs, PanelArgs, TrendArgs } from './insight.args';
import { InsightService } from './insight.service';

/** 看板：one request per panel, each for a subtree within the caller's scope. */
@Resolver()
export class InsightResolver {
  constructor(private readonly insight: InsightService) {}

  @Query(() => Dashboard, {
    description: '看板：所查组织（含全部下级）在活动中的各项数字，实时由事件流更新，asOf 为数据截至时间',
  })
  dashboard(@CurrentIdentity() who: Identity, @Args() a: PanelArgs) {
    return this.insight.dashboard(who, a.campaignId, a.orgPath);
  }

  @Query(() => Ranking, { description: '所查组织的各直接下级组织按得分排名（得分公式见 formula）' })
  ranking(@CurrentIdentity() who: Identity, @Args() a: PanelArgs) {
    return this.insight.ranking(who, a.campaignId, a.orgPath);
  }

  @Query(() => OverdueRectificationPage, { description: '超期未完成的整改事项，超期最久的在前（分页）' })
  overdueRectifications(@CurrentIdentity() who: Identity, @Args() a: PagedPanelArgs) {
    return this.insight.overdue(who, a.campaignId, a.orgPath, a.offset, a.limit);
  }

  @Query(() => [TrendPoint], { description: '趋势：按日的数字及累计（北京时间日期）' })
  trend(@CurrentIdentity() who: Identity, @Args() a: TrendArgs) {
    return this.insight.trend(who, a.campaignId, a.orgPath, a.from, a.to);
  }

  @Query(() => ReviewerStatPage, { description: '点评人统计：点评数、一次通过数、重新点评次数（分页）' })
  reviewerStats(@CurrentIdentity() who: Identity, @Args() a: PagedPanelArgs) {
    return this.insight.reviewerStats(who, a.campaignId, a.orgPath, a.offset, a.limit);
  }
}
