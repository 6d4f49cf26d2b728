import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity, requireRole } from '@pingyi/nest';
import {
  InspectionTaskObject,
  MilestoneMissedPageObject,
  MilestoneNoticeObject,
  ReportSnapshotObject,
  SpotCheckDrawObject,
} from './supervision.objects';
import { SupervisionService } from './supervision.service';

const admin = (who: Identity) => requireRole(who, 'prefecture_admin', 'county_admin');
const PEOPLE = ['prefecture_admin', 'county_admin', 'unit_secretary', 'reviewer', 'member'] as const;

/** 督查与报告: weekly spot checks (每周摇号抽查), their inspections, monthly and quarterly reports (月报、季报). */
@Resolver()
export class SupervisionResolver {
  constructor(private readonly supervision: SupervisionService) {}

  @Mutation(() => SpotCheckDrawObject, {
    description:
      '摇号抽查（市、旗县区管理员）：按种子抽取党组织和干部，各建一项抽查任务；同一种子重抽结果相同',
  })
  drawSpotCheck(
    @CurrentIdentity() who: Identity,
    @Args('campaignId') campaignId: string,
    @Args('orgPath', { type: () => String, nullable: true }) orgPath: string | undefined,
    @Args('units', { type: () => Int, defaultValue: 5 }) units: number,
    @Args('cadres', { type: () => Int, defaultValue: 5 }) cadres: number,
    @Args('seed', { type: () => String, nullable: true, description: '缺省按活动和周次生成并留存' })
    seed: string | undefined,
  ) {
    admin(who);
    return this.supervision.drawSpotCheck(who, { campaignId, orgPath, units, cadres, seed });
  }

  @Query(() => [SpotCheckDrawObject], { description: '抽查记录（本组织及下级）' })
  spotChecks(
    @CurrentIdentity() who: Identity,
    @Args('campaignId') campaignId: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ) {
    requireRole(who, ...PEOPLE);
    return this.supervision.spotChecks(who, campaignId, first);
  }

  @Mutation(() => InspectionTaskObject, { description: '登记抽查结果：对照“三不过关”' })
  recordInspectionFinding(
    @CurrentIdentity() who: Identity,
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('selfEvaluationSerious', { description: '自评（“回头看”）是否认真' })
    selfEvaluationSerious: boolean,
    @Args('shortcomingsNamed', { description: '是否点出了不足' }) shortcomingsNamed: boolean,
    @Args('measuresConcrete', { description: '整改措施是否具体（四定）' }) measuresConcrete: boolean,
    @Args('note', { type: () => String, nullable: true }) note: string | undefined,
  ) {
    admin(who);
    return this.supervision.recordInspectionFinding(who, taskId, {
      selfEvaluationSerious,
      shortcomingsNamed,
      measuresConcrete,
      note,
    });
  }

  @Query(() => [ReportSnapshotObject], { description: '月报、季报（本组织及下级；活动范围及各旗县区）' })
  reportSnapshots(
    @CurrentIdentity() who: Identity,
    @Args('campaignId') campaignId: string,
    @Args('period', { description: 'monthly（月报）或 quarterly（季报）' }) period: string,
    @Args('orgPath', { type: () => String, nullable: true }) orgPath: string | undefined,
  ) {
    requireRole(who, ...PEOPLE);
    return this.supervision.reportSnapshots(who, campaignId, period, orgPath ?? null);
  }

  @Query(() => [MilestoneNoticeObject], {
    description: '节点通报：各节点到期时未按期完成的情况（本组织及下级）',
  })
  milestoneNotices(
    @CurrentIdentity() who: Identity,
    @Args('campaignId') campaignId: string,
    @Args('orgPath', { type: () => String, nullable: true }) orgPath: string | undefined,
  ) {
    requireRole(who, ...PEOPLE);
    return this.supervision.milestoneNotices(who, campaignId, orgPath ?? null);
  }

  @Query(() => MilestoneMissedPageObject, { description: '节点通报名单（本组织及下级），分页' })
  milestoneNoticeMissed(
    @CurrentIdentity() who: Identity,
    @Args('noticeId', { type: () => ID }) noticeId: string,
    @Args('orgPath', { type: () => String, nullable: true }) orgPath: string | undefined,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
  ) {
    requireRole(who, ...PEOPLE);
    return this.supervision.milestoneMissed(who, noticeId, orgPath ?? null, first, after ?? null);
  }
}
