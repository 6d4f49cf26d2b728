import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import { ADMINS, People, Roles } from '../shared/roles';
import { RedoOrdersService } from './redo-orders.service';
import {
  OrderReviewRedoArgs,
  RedoOrderCountObject,
  RedoOrderCountsArgs,
  RedoOutcomeObject,
} from './redo-orders.types';

@Resolver()
@People()
export class RedoOrdersResolver {
  constructor(private readonly service: RedoOrdersService) {}

  @Mutation(() => [RedoOutcomeObject], {
    description:
      '责令重新点评（管理员）：一项或多项承诺退回领导点评环节（已办结的也可），其后环节重新进行，并通知点评人及其上级；逐项答复',
  })
  @Roles(...ADMINS)
  orderReviewRedo(@CurrentIdentity() who: Identity, @Args() { commitmentIds, reason }: OrderReviewRedoArgs) {
    return this.service.order(who, commitmentIds, reason);
  }

  @Query(() => [RedoOrderCountObject], {
    description: '督查或管理员责令重新点评的次数：按点评人、单位或活动统计（本人管理范围内）',
  })
  redoOrderCounts(
    @CurrentIdentity() who: Identity,
    @Args() { campaignId, orgPath, by }: RedoOrderCountsArgs,
  ) {
    return this.service.counts(who, campaignId, orgPath, by);
  }
}
