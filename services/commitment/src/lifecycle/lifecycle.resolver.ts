import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ErrorCode, LifecycleSettings, OrgPath, StepOutcome, type Identity } from '@pingyi/contracts';
import { CurrentIdentity, DomainError, requireRole } from '@pingyi/nest';
import { LifecycleCommands } from './lifecycle.commands';
import {
  CampaignOpenedObject,
  CommitmentFilterInput,
  CommitmentItemInputType,
  CommitmentObject,
  CommitmentPageObject,
  CoverageObject,
  InboxMessageObject,
  LeadershipReviewInputType,
  OpenCampaignInput,
  PublicResultObject,
  RectificationObject,
  TaskObject,
  UpdateResultObject,
} from './lifecycle.objects';
import { LifecycleQueries } from './lifecycle.queries';
import { RequestId, person, result } from './step-args';
import { parseRequestId } from './steps';

const rid = (requestId: string | undefined) => ({ requestId: parseRequestId(requestId) });

function parseSettings(json: string | undefined): unknown {
  if (!json) return LifecycleSettings.parse({});
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new DomainError(ErrorCode.BAD_INPUT, '阶段设置不是有效的 JSON');
  }
}

@Resolver()
export class LifecycleResolver {
  constructor(
    private readonly commands: LifecycleCommands,
    private readonly queries: LifecycleQueries,
  ) {}

  // ---- queries ----
  @Query(() => CommitmentObject, {
    nullable: true,
    description: '承诺详情：当前阶段、期限、流程记录、点评与整改',
  })
  commitment(@CurrentIdentity() who: Identity, @Args('id', { type: () => ID }) id: string) {
    person(who);
    return this.queries.commitment(who, id);
  }

  @Query(() => CommitmentPageObject, { description: '承诺列表（按活动、组织范围、阶段、逾期筛选）' })
  commitments(
    @CurrentIdentity() who: Identity,
    @Args('filter', { type: () => CommitmentFilterInput, nullable: true })
    filter: CommitmentFilterInput | undefined,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
  ) {
    person(who);
    return this.queries.commitments(who, filter ?? {}, first, after ?? null);
  }

  @Query(() => RectificationObject, { nullable: true, description: '整改事项：问责级别与经过' })
  rectification(@CurrentIdentity() who: Identity, @Args('id', { type: () => ID }) id: string) {
    person(who);
    return this.queries.rectification(who, id);
  }

  @Query(() => [InboxMessageObject], { description: '我的消息' })
  myInbox(
    @CurrentIdentity() who: Identity,
    @Args('unreadOnly', { defaultValue: false }) unreadOnly: boolean,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ) {
    person(who);
    return this.queries.inbox(who, unreadOnly, first);
  }

  @Query(() => [PublicResultObject], {
    description: '公开承诺与亮评（匿名通道可查）：本组织及下级的承诺、点评等次、不足与整改结果',
  })
  publicBoard(
    @Args('orgPath') orgPath: string,
    @Args('campaignId', { type: () => String, nullable: true }) campaignId: string | undefined,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ) {
    if (!OrgPath.safeParse(orgPath).success) throw new DomainError(ErrorCode.BAD_INPUT, '组织路径格式有误');
    return this.queries.publicBoard(orgPath, campaignId ?? null, first);
  }

  @Query(() => CoverageObject, { nullable: true, description: '活动覆盖情况（本组织及下级，按阶段）' })
  coverage(
    @CurrentIdentity() who: Identity,
    @Args('campaignId') campaignId: string,
    @Args('orgPath', { type: () => String, nullable: true }) orgPath: string | undefined,
  ) {
    person(who);
    return this.queries.coverage(who, campaignId, orgPath ?? null);
  }

  @Query(() => CommitmentPageObject, {
    description: '点名：本组织及下级中尚未完成某节点的承诺（缺省只列已逾期的），可逐级下钻',
  })
  leftOut(
    @CurrentIdentity() who: Identity,
    @Args('campaignId') campaignId: string,
    @Args('milestone', {
      description: 'committed / self_evaluated / reviewed / mass_evaluated / rectified / closed',
    })
    milestone: string,
    @Args('orgPath', { type: () => String, nullable: true }) orgPath: string | undefined,
    @Args('overdueOnly', { type: () => Boolean, defaultValue: true }) overdueOnly: boolean,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
  ) {
    person(who);
    return this.queries.leftOut(
      who,
      { campaignId, orgPath: orgPath ?? null, milestone, overdueOnly },
      first,
      after ?? null,
    );
  }

  @Query(() => [TaskObject], { description: '我的待办' })
  myTasks(@CurrentIdentity() who: Identity) {
    person(who);
    return this.queries.tasks(who);
  }

  // ---- campaign (minimal: the prefecture-wide campaign is its own capability) ----
  @Mutation(() => CampaignOpenedObject, { description: '开启活动：为指定组织和党员各建一项承诺' })
  openCampaign(@CurrentIdentity() who: Identity, @Args('input') input: OpenCampaignInput) {
    return this.commands.openCampaign(who, {
      ...input,
      subjects: input.subjects ?? [],
      settings: parseSettings(input.settingsJson),
    });
  }

  // ---- commitment steps ----
  @Mutation(() => UpdateResultObject, { description: '定诺：提交承诺事项' })
  async submitCommitment(
    @CurrentIdentity() who: Identity,
    @Args('commitmentId', { type: () => ID }) id: string,
    @Args('items', { type: () => [CommitmentItemInputType] }) items: CommitmentItemInputType[],
    @RequestId() requestId: string | undefined,
  ) {
    person(who);
    return result(await this.commands.act(who, id, 'submitCommitment', { items }, rid(requestId)));
  }

  @Mutation(() => UpdateResultObject, {
    description: '上级审核承诺：通过（accept）或退回（send_back，须写理由）',
  })
  async reviewCommitment(
    @CurrentIdentity() who: Identity,
    @Args('commitmentId', { type: () => ID }) id: string,
    @Args('decision') decision: string,
    @Args('reasons', { type: () => String, nullable: true }) reasons: string | undefined,
    @RequestId() requestId: string | undefined,
  ) {
    person(who);
    const args = { decision: decision as 'accept' | 'send_back', reasons: reasons ?? '' };
    return result(await this.commands.act(who, id, 'reviewCommitment', args, rid(requestId)));
  }

  @Mutation(() => UpdateResultObject, { description: '公示期提出异议（可匿名，不记录提出人）' })
  async raiseObjection(
    @CurrentIdentity() who: Identity,
    @Args('commitmentId', { type: () => ID }) id: string,
    @Args('content') content: string,
    @RequestId() requestId: string | undefined,
  ) {
    // Whoever calls (a person or the public channel), the objector is never recorded; the caller only counts
    // against the anonymous channel's limits, in memory.
    return result(await this.commands.raiseObjection(who, id, content, parseRequestId(requestId)));
  }

  @Mutation(() => UpdateResultObject, { description: '践诺：登记承诺事项进展和佐证' })
  async reportProgress(
    @CurrentIdentity() who: Identity,
    @Args('commitmentId', { type: () => ID }) id: string,
    @Args('itemIndex', { type: () => Int }) itemIndex: number,
    @Args('percent', { type: () => Int }) percent: number,
    @Args('note') note: string,
    @Args('evidence', { type: () => [String], defaultValue: [] }) evidence: string[],
    @RequestId() requestId: string | undefined,
  ) {
    person(who);
    const args = { itemIndex, percent, note, evidence };
    return result(await this.commands.act(who, id, 'reportProgress', args, rid(requestId)));
  }

  @Mutation(() => UpdateResultObject, { description: '自评（含“回头看”总结）' })
  async submitSelfEvaluation(
    @CurrentIdentity() who: Identity,
    @Args('commitmentId', { type: () => ID }) id: string,
    @Args('text') text: string,
    @Args('priorWorkSummary') priorWorkSummary: string,
    @RequestId() requestId: string | undefined,
  ) {
    person(who);
    const args = { text, priorWorkSummary };
    return result(await this.commands.act(who, id, 'submitSelfEvaluation', args, rid(requestId)));
  }

  @Mutation(() => UpdateResultObject, {
    description: '互评：面对面（face_to_face，实名）或背对背（anonymous，不记录评议人）',
  })
  async submitMutualReview(
    @CurrentIdentity() who: Identity,
    @Args('commitmentId', { type: () => ID }) id: string,
    @Args('mode') mode: string,
    @Args('opinion') opinion: string,
    @RequestId() requestId: string | undefined,
  ) {
    person(who);
    const m = mode as 'face_to_face' | 'anonymous';
    const opts = { anonymous: m === 'anonymous', requestId: parseRequestId(requestId) };
    return result(await this.commands.act(who, id, 'submitMutualReview', { mode: m, opinion }, opts));
  }

  @Mutation(() => UpdateResultObject, { description: '领导点评（须过“三不过关”，否则责令重新点评）' })
  async submitLeadershipReview(
    @CurrentIdentity() who: Identity,
    @Args('commitmentId', { type: () => ID }) id: string,
    @Args('review') review: LeadershipReviewInputType,
    @RequestId() requestId: string | undefined,
  ) {
    person(who);
    const o = await this.commands.act(
      who,
      id,
      'submitLeadershipReview',
      {
        ...review,
        mode: review.mode as never,
        grade: review.grade as never,
        measures: review.measures.map((m) => ({ ...m, listed: m.listed ?? false })),
      },
      rid(requestId),
    );
    if (!o.ok)
      throw new DomainError(
        ErrorCode.REVIEW_NOT_PASSED,
        `点评未通过“三不过关”，已责令重新点评：${(o.failures ?? []).map((f) => f.message).join('；')}`,
        { failures: o.failures, outcome: StepOutcome.applied },
      );
    return result(o);
  }

  @Mutation(() => UpdateResultObject, { description: '提前结束公示、践诺、互评或群众评议期' })
  async closeWindow(
    @CurrentIdentity() who: Identity,
    @Args('commitmentId', { type: () => ID }) id: string,
    @RequestId() requestId: string | undefined,
  ) {
    person(who);
    return result(await this.commands.act(who, id, 'closeWindow', {}, rid(requestId)));
  }

  @Mutation(() => UpdateResultObject, { description: '确定奖惩结果' })
  async decideOutcome(
    @CurrentIdentity() who: Identity,
    @Args('commitmentId', { type: () => ID }) id: string,
    @Args('result') outcome: string,
    @Args('note', { type: () => String, nullable: true }) note: string | undefined,
    @RequestId() requestId: string | undefined,
  ) {
    person(who);
    const args = { result: outcome as never, note: note ?? '' };
    return result(await this.commands.act(who, id, 'decideOutcome', args, rid(requestId)));
  }

  @Mutation(() => UpdateResultObject, { description: '撤销承诺（管理员）' })
  async cancelCommitment(
    @CurrentIdentity() who: Identity,
    @Args('commitmentId', { type: () => ID }) id: string,
    @Args('reason') reason: string,
    @RequestId() requestId: string | undefined,
  ) {
    requireRole(who, 'prefecture_admin', 'county_admin');
    return result(await this.commands.act(who, id, 'cancel', { reason }, rid(requestId)));
  }

  // ---- mass evaluation ----
  @Mutation(() => [String], { description: '发放一批一次性匿名评议码（只显示这一次）' })
  issueEvaluationTokens(
    @CurrentIdentity() who: Identity,
    @Args('commitmentId', { type: () => ID }) id: string,
    @Args('category') category: string,
    @Args('count', { type: () => Int }) count: number,
  ) {
    return this.commands.issueEvaluationTokens(who, id, { category, count });
  }

  @Mutation(() => Boolean, { description: '群众评议（匿名通道：凭评议码，不记录评议人）' })
  submitMassEvaluation(
    @CurrentIdentity() who: Identity,
    @Args('token') token: string,
    @Args('rating') rating: string,
    @Args('comment', { type: () => String, nullable: true }) comment: string | undefined,
  ) {
    return this.commands.submitMassEvaluation(who, { token, rating, comment });
  }

  @Mutation(() => Int, { description: '标记消息已读' })
  markInboxRead(@CurrentIdentity() who: Identity, @Args('ids', { type: () => [ID] }) ids: string[]) {
    person(who);
    return this.commands.markInboxRead(who, ids);
  }
}
