import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  ErrorCode,
  StepOutcome,
  type CommitmentUpdateName,
  type CommitmentUpdates,
  type Identity,
} from '@pingyi/contracts';
import { CurrentIdentity, DomainError } from '@pingyi/nest';
import { parseRequestId } from '../lifecycle/steps';
import { ADMINS, People, Roles } from '../shared/roles';
import { OnCommitment, RequestId, UpdateResultObject, result } from '../shared/step-args';
import {
  CancelCommitmentArgs,
  DecideOutcomeArgs,
  LeadershipReviewArgs,
  MutualReviewArgs,
  ReportProgressArgs,
  ReviewCommitmentArgs,
  SelfEvaluationArgs,
  SendBackArgs,
  SubmitCommitmentArgs,
} from './steps.args';
import { evidenceEntries } from '../shared/evidence-refs';
import { StepService } from './step.service';

const rid = (requestId: string | undefined) => ({ requestId: parseRequestId(requestId) });

/** The steps of a commitment (一诺一评) a person takes; each becomes an Update on its workflow. */
@Resolver()
@People()
export class CommitmentStepsResolver {
  constructor(
    private readonly steps: StepService,
    private readonly em: EntityManager,
  ) {}

  private async act<K extends CommitmentUpdateName>(
    who: Identity,
    [id, name, args]: [string, K, CommitmentUpdates[K]],
    requestId: string | undefined,
  ) {
    return result(await this.steps.act(who, id, name, args, rid(requestId)));
  }

  @Mutation(() => UpdateResultObject, { description: '定诺：提交承诺事项' })
  async submitCommitment(
    @CurrentIdentity() who: Identity,
    @Args() { commitmentId, items }: SubmitCommitmentArgs,
    @RequestId() requestId: string | undefined,
  ) {
    return this.act(who, [commitmentId, 'submitCommitment', { items }], requestId);
  }

  @Mutation(() => UpdateResultObject, {
    description: '上级审核承诺：通过（accept）或退回（send_back，须写理由）',
  })
  async reviewCommitment(
    @CurrentIdentity() who: Identity,
    @Args() { commitmentId, decision, reasons }: ReviewCommitmentArgs,
    @RequestId() requestId: string | undefined,
  ) {
    return this.act(who, [commitmentId, 'reviewCommitment', { decision, reasons: reasons ?? '' }], requestId);
  }

  @Mutation(() => UpdateResultObject, { description: '践诺：登记承诺事项进展和佐证' })
  async reportProgress(
    @CurrentIdentity() who: Identity,
    @Args() { commitmentId, itemIndex, percent, note, evidence, evidenceFileIds }: ReportProgressArgs,
    @RequestId() requestId: string | undefined,
  ) {
    const files = await evidenceEntries(this.em, who, { commitmentId }, evidenceFileIds);
    const all = [...evidence, ...files];
    return this.act(
      who,
      [commitmentId, 'reportProgress', { itemIndex, percent, note, evidence: all }],
      requestId,
    );
  }

  @Mutation(() => UpdateResultObject, { description: '自评（含“回头看”总结）' })
  async submitSelfEvaluation(
    @CurrentIdentity() who: Identity,
    @Args() { commitmentId, text, priorWorkSummary }: SelfEvaluationArgs,
    @RequestId() requestId: string | undefined,
  ) {
    return this.act(who, [commitmentId, 'submitSelfEvaluation', { text, priorWorkSummary }], requestId);
  }

  @Mutation(() => UpdateResultObject, {
    description: '互评：面对面（face_to_face，实名）或背对背（anonymous，不记录评议人）',
  })
  async submitMutualReview(
    @CurrentIdentity() who: Identity,
    @Args() { commitmentId, mode, opinion }: MutualReviewArgs,
    @RequestId() requestId: string | undefined,
  ) {
    const opts = { anonymous: mode === 'anonymous', requestId: parseRequestId(requestId) };
    return result(await this.steps.act(who, commitmentId, 'submitMutualReview', { mode, opinion }, opts));
  }

  @Mutation(() => UpdateResultObject, { description: '领导点评（须过“三不过关”，否则责令重新点评）' })
  async submitLeadershipReview(
    @CurrentIdentity() who: Identity,
    @Args() { commitmentId, review }: LeadershipReviewArgs,
    @RequestId() requestId: string | undefined,
  ) {
    const o = await this.steps.act(
      who,
      commitmentId,
      'submitLeadershipReview',
      {
        ...review,
        // Never the typed text: the identity's name (the sign-off is made when the review is recorded).
        signature: who.name,
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
    @Args() { commitmentId }: OnCommitment,
    @RequestId() requestId: string | undefined,
  ) {
    return this.act(who, [commitmentId, 'closeWindow', {}], requestId);
  }

  @Mutation(() => UpdateResultObject, { description: '确定奖惩结果' })
  async decideOutcome(
    @CurrentIdentity() who: Identity,
    @Args() { commitmentId, result: outcome, note }: DecideOutcomeArgs,
    @RequestId() requestId: string | undefined,
  ) {
    return this.act(who, [commitmentId, 'decideOutcome', { result: outcome, note: note ?? '' }], requestId);
  }

  @Mutation(() => UpdateResultObject, { description: '撤销承诺（管理员）' })
  @Roles(...ADMINS)
  async cancelCommitment(
    @CurrentIdentity() who: Identity,
    @Args() { commitmentId, reason }: CancelCommitmentArgs,
    @RequestId() requestId: string | undefined,
  ) {
    return this.act(who, [commitmentId, 'cancel', { reason }], requestId);
  }

  @Mutation(() => UpdateResultObject, {
    description: '点评人退回重做：把承诺或自评（含“回头看”总结）退回给承诺主体，须写明理由',
  })
  async sendBackCommitment(
    @CurrentIdentity() who: Identity,
    @Args() { commitmentId, to, reasons }: SendBackArgs,
    @RequestId() requestId: string | undefined,
  ) {
    return this.act(who, [commitmentId, 'sendBack', { to, reasons }], requestId);
  }
}
