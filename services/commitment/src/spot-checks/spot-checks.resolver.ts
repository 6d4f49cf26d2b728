import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import { ADMINS, People, Roles } from '../shared/roles';
import { DrawSpotCheckArgs, InspectionFindingArgs, SpotChecksArgs } from './spot-checks.args';
import { InspectionTaskObject, SpotCheckDrawObject } from './spot-checks.objects';
import { SpotChecksService } from './spot-checks.service';

/** 督查: weekly spot checks (每周摇号抽查) and their inspections. */
@Resolver()
@People()
export class SpotChecksResolver {
  constructor(private readonly service: SpotChecksService) {}

  @Mutation(() => SpotCheckDrawObject, {
    description:
      '摇号抽查（市、旗县区管理员）：按种子抽取党组织和干部，各建一项抽查任务；同一种子重抽结果相同',
  })
  @Roles(...ADMINS)
  drawSpotCheck(@CurrentIdentity() who: Identity, @Args() a: DrawSpotCheckArgs) {
    const { campaignId, orgPath, units, cadres, seed, riskWeights } = a;
    const weights = riskWeights?.map(({ subjectId, weight }) => ({ subjectId, weight }));
    return this.service.drawSpotCheck(who, {
      campaignId,
      orgPath,
      units,
      cadres,
      seed,
      riskWeights: weights,
    });
  }

  @Query(() => [SpotCheckDrawObject], { description: '抽查记录（本组织及下级）' })
  spotChecks(@CurrentIdentity() who: Identity, @Args() { campaignId, first }: SpotChecksArgs) {
    return this.service.spotChecks(who, campaignId, first);
  }

  @Mutation(() => InspectionTaskObject, {
    description: '送督查（市、旗县区管理员）：将本组织及下级的一份领导点评（如防走过场提示）直接建为督查任务',
  })
  @Roles(...ADMINS)
  sendReviewToInspection(
    @CurrentIdentity() who: Identity,
    @Args('commitmentId', { type: () => ID }) commitmentId: string,
    @Args('reason') reason: string,
  ) {
    return this.service.sendToInspection(who, commitmentId, reason);
  }

  @Query(() => [InspectionTaskObject], { description: '直接送督查的点评（本组织及下级），新的在前' })
  sentInspections(@CurrentIdentity() who: Identity, @Args('campaignId') campaignId: string) {
    return this.service.sentInspections(who, campaignId);
  }

  @Mutation(() => InspectionTaskObject, { description: '登记抽查结果：对照“三不过关”' })
  @Roles(...ADMINS)
  recordInspectionFinding(
    @CurrentIdentity() who: Identity,
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args() f: InspectionFindingArgs,
  ) {
    const { selfEvaluationSerious, shortcomingsNamed, measuresConcrete, note } = f;
    return this.service.recordInspectionFinding(who, taskId, {
      selfEvaluationSerious,
      shortcomingsNamed,
      measuresConcrete,
      note,
    });
  }
}
