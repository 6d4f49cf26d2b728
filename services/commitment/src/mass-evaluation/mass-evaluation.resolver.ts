import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ErrorCode, OrgPath, type Identity } from '@pingyi/contracts';
import { CurrentIdentity, DomainError } from '@pingyi/nest';
import { parseRequestId } from '../lifecycle/steps';
import { RequestId, UpdateResultObject, result } from '../shared/step-args';
import { IssueTokensArgs, MassEvaluationArgs, ObjectionArgs, PublicBoardArgs } from './mass-evaluation.args';
import { MassEvaluationService } from './mass-evaluation.service';
import { PublicBoard } from './public-board';
import { PublicResultObject } from './public-board.objects';

/**
 * The public channel (群众监督): the board anyone may read, objections during publicity, and 群众评议 by single-use
 * codes. Open to the anonymous channel (no class-level role), within its limits; issuing codes is for the unit's side.
 */
@Resolver()
export class MassEvaluationResolver {
  constructor(
    private readonly service: MassEvaluationService,
    private readonly board: PublicBoard,
  ) {}

  @Query(() => [PublicResultObject], {
    description: '公开承诺与亮评（匿名通道可查）：本组织及下级的承诺、点评等次、不足与整改结果',
  })
  publicBoard(@Args() { orgPath, campaignId, first }: PublicBoardArgs) {
    if (!OrgPath.safeParse(orgPath).success) throw new DomainError(ErrorCode.BAD_INPUT, '组织路径格式有误');
    return this.board.publicBoard(orgPath, campaignId ?? null, first);
  }

  @Mutation(() => UpdateResultObject, { description: '公示期提出异议（可匿名，不记录提出人）' })
  async raiseObjection(
    @CurrentIdentity() who: Identity,
    @Args() { commitmentId, content }: ObjectionArgs,
    @RequestId() requestId: string | undefined,
  ) {
    // Whoever calls (a person or the public channel), the objector is never recorded; the caller only counts
    // against the anonymous channel's limits, in memory.
    return result(await this.service.raiseObjection(who, commitmentId, content, parseRequestId(requestId)));
  }

  @Mutation(() => [String], { description: '发放一批一次性匿名评议码（只显示这一次）' })
  issueEvaluationTokens(
    @CurrentIdentity() who: Identity,
    @Args() { commitmentId, category, count }: IssueTokensArgs,
  ) {
    return this.service.issueEvaluationTokens(who, commitmentId, { category, count });
  }

  @Mutation(() => Boolean, { description: '群众评议（匿名通道：凭评议码，不记录评议人）' })
  submitMassEvaluation(
    @CurrentIdentity() who: Identity,
    @Args() { token, rating, comment }: MassEvaluationArgs,
  ) {
    return this.service.submitMassEvaluation(who, { token, rating, comment });
  }
}
