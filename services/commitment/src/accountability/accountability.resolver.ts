import { Args, ArgsType, Field, ID, Mutation, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import { People } from '../shared/roles';
import { AccountabilityService } from './accountability.service';

@ArgsType()
export class AccountabilityCauseArgs {
  @Field(() => ID) accountabilityId!: string;
  @Field() cause!: string;
}

/** 问责: the person held to account explains the cause. */
@Resolver()
@People()
export class AccountabilityResolver {
  constructor(private readonly service: AccountabilityService) {}

  @Mutation(() => Boolean, { description: '填写问责原因说明（被问责人）' })
  async fillAccountabilityCause(
    @CurrentIdentity() who: Identity,
    @Args() { accountabilityId, cause }: AccountabilityCauseArgs,
  ) {
    await this.service.fillAccountabilityCause(who, accountabilityId, cause);
    return true;
  }
}
