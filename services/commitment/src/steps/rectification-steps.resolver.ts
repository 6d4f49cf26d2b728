import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Identity, RectificationUpdateName, RectificationUpdates } from '@pingyi/contracts';
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
import { evidenceEntries } from '../shared/evidence-refs';
import { StepService } from './step.service';

/** The steps of a rectification (整改); each becomes an Update on its workflow. */
@Resolver()
@People()
export class RectificationStepsResolver {
  constructor(
    private readonly steps: StepService,
    private readonly em: EntityManager,
  ) {}

  private async act<K extends RectificationUpdateName>(
    who: Identity,
    [id, name, args]: [string, K, RectificationUpdates[K]],
    requestId: string | undefined,
  ) {
    return result(await this.steps.actOnRectification(who, id, name, args, parseRequestId(requestId)));
  }

  @Mutation(() => UpdateResultObject, { description: '登记整改进展' })
  async reportRectificationProgress(
    @CurrentIdentity() who: Identity,
    @Args() { rectificationId, note }: RectificationProgressArgs,
    @RequestId() requestId: string | undefined,
  ) {
    return this.act(who, [rectificationId, 'reportRectificationProgress', { note }], requestId);
  }

  @Mutation(() => UpdateResultObject, { description: '整改报办结（附佐证）' })
  async completeRectification(
    @CurrentIdentity() who: Identity,
    @Args() { rectificationId, note, evidence, evidenceFileIds }: CompleteRectificationArgs,
    @RequestId() requestId: string | undefined,
  ) {
    const files = await evidenceEntries(this.em, who, { rectificationId }, evidenceFileIds);
    const all = [...evidence, ...files];
    return this.act(who, [rectificationId, 'completeRectification', { note, evidence: all }], requestId);
  }

  @Mutation(() => UpdateResultObject, { description: '核验整改：销号（approve）或退回' })
  async verifyRectification(
    @CurrentIdentity() who: Identity,
    @Args() { rectificationId, approve, comment }: VerifyRectificationArgs,
    @RequestId() requestId: string | undefined,
  ) {
    return this.act(
      who,
      [rectificationId, 'verifyRectification', { approve, comment: comment ?? '' }],
      requestId,
    );
  }

  @Mutation(() => UpdateResultObject, { description: '整改回访：不满意则重新整改' })
  async recordFollowUp(
    @CurrentIdentity() who: Identity,
    @Args() { rectificationId, method, satisfied, note }: FollowUpArgs,
    @RequestId() requestId: string | undefined,
  ) {
    return this.act(who, [rectificationId, 'recordFollowUp', { method, satisfied, note }], requestId);
  }
}
