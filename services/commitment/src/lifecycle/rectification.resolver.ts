import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import { LifecycleCommands } from './lifecycle.commands';
import { UpdateResultObject } from './lifecycle.objects';
import { RequestId, person, result } from './step-args';
import { parseRequestId } from './steps';

/** The steps of a rectification (整改) and of its accountability (问责) records. */
@Resolver()
export class RectificationResolver {
  constructor(private readonly commands: LifecycleCommands) {}

  @Mutation(() => UpdateResultObject, { description: '登记整改进展' })
  async reportRectificationProgress(
    @CurrentIdentity() who: Identity,
    @Args('rectificationId', { type: () => ID }) id: string,
    @Args('note') note: string,
    @RequestId() requestId: string | undefined,
  ) {
    person(who);
    return result(
      await this.commands.actOnRectification(
        who,
        id,
        'reportRectificationProgress',
        { note },
        parseRequestId(requestId),
      ),
    );
  }

  @Mutation(() => UpdateResultObject, { description: '整改报办结（附佐证）' })
  async completeRectification(
    @CurrentIdentity() who: Identity,
    @Args('rectificationId', { type: () => ID }) id: string,
    @Args('note') note: string,
    @Args('evidence', { type: () => [String] }) evidence: string[],
    @RequestId() requestId: string | undefined,
  ) {
    person(who);
    const args = { note, evidence };
    return result(
      await this.commands.actOnRectification(
        who,
        id,
        'completeRectification',
        args,
        parseRequestId(requestId),
      ),
    );
  }

  @Mutation(() => UpdateResultObject, { description: '核验整改：销号（approve）或退回' })
  async verifyRectification(
    @CurrentIdentity() who: Identity,
    @Args('rectificationId', { type: () => ID }) id: string,
    @Args('approve') approve: boolean,
    @Args('comment', { type: () => String, nullable: true }) comment: string | undefined,
    @RequestId() requestId: string | undefined,
  ) {
    person(who);
    const args = { approve, comment: comment ?? '' };
    return result(
      await this.commands.actOnRectification(who, id, 'verifyRectification', args, parseRequestId(requestId)),
    );
  }

  @Mutation(() => UpdateResultObject, { description: '整改回访：不满意则重新整改' })
  async recordFollowUp(
    @CurrentIdentity() who: Identity,
    @Args('rectificationId', { type: () => ID }) id: string,
    @Args('method') method: string,
    @Args('satisfied') satisfied: boolean,
    @Args('note') note: string,
    @RequestId() requestId: string | undefined,
  ) {
    person(who);
    const args = { method: method as never, satisfied, note };
    return result(
      await this.commands.actOnRectification(who, id, 'recordFollowUp', args, parseRequestId(requestId)),
    );
  }

  @Mutation(() => Boolean, { description: '填写问责原因说明（被问责人）' })
  async fillAccountabilityCause(
    @CurrentIdentity() who: Identity,
    @Args('accountabilityId', { type: () => ID }) id: string,
    @Args('cause') cause: string,
  ) {
    person(who);
    await this.commands.fillAccountabilityCause(who, id, cause);
    return true;
  }
}
