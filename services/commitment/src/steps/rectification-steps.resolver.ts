import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import { parseRequestId } from '../lifecycle/steps';
import { People } from '../shared/roles';
import { RequestId, UpdateResultObject, result } from '../shared/step-args';
import {
  CompleteRectificationArgs,
  FollowUpArgs,
  RectificationProgressArgs,
  VerifyRectificationArgs,
} from './steps.args';
import { StepService } from './step.service';

/** The steps of a rectification (整改); each becomes an Update on its workflow. */
@Resolver()
@People()
export class RectificationStepsResolver {
  constructor(private readonly steps: StepService) {}

  @Mutation(() => UpdateResultObject, { description: '登记整改进展' })
  async reportRectificationProgress(
    @CurrentIdentity() who: Identity,
    @Args() { rectificationId, note }: RectificationProgressArgs,
    @RequestId() requestId: string | undefined,
  ) {
    const name = 'reportRectificationProgress';
    return result(
      await this.steps.actOnRectification(who, rectificationId, name, { note }, parseRequestId(requestId)),
    );
  }

  @Mutation(() => UpdateResultObject, { description: '整改报办结（附佐证）' })
  async completeRectification(
    @CurrentIdentity() who: Identity,
    @Args() { rectificationId, note, evidence }: CompleteRectificationArgs,
    @RequestId() requestId: string | undefined,
  ) {
    const args = { note, evidence };
    const name = 'completeRectification';
    return result(
      await this.steps.actOnRectification(who, rectificationId, name, args, parseRequestId(requestId)),
    );
  }

  @Mutation(() => UpdateResultObject, { description: '核验整改：销号（approve）或退回' })
  async verifyRectification(
    @CurrentIdentity() who: Identity,
    @Args() { rectificationId, approve, comment }: VerifyRectificationArgs,
    @RequestId() requestId: string | undefined,
  ) {
    const args = { approve, comment: comment ?? '' };
    const name = 'verifyRectification';
    return result(
      await this.steps.actOnRectification(who, rectificationId, name, args, parseRequestId(requestId)),
    );
  }

  @Mutation(() => UpdateResultObject, { description: '整改回访：不满意则重新整改' })
  async recordFollowUp(
    @CurrentIdentity() who: Identity,
    @Args() { rectificationId, method, satisfied, note }: FollowUpArgs,
    @RequestId() requestId: string | undefined,
  ) {
    const args = { method, satisfied, note };
    const name = 'recordFollowUp';
    return result(
      await this.steps.actOnRectification(who, rectificationId, name, args, parseRequestId(requestId)),
    );
  }
}
