import { Args, ArgsType, Field, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import { People } from '../shared/roles';
import { InboxMessageObject, TaskObject } from './inbox.objects';
import { InboxService } from './inbox.service';

@ArgsType()
export class InboxArgs {
  @Field({ defaultValue: false }) unreadOnly!: boolean;
  @Field(() => Int, { defaultValue: 50 }) first!: number;
}

/** 我的消息、我的待办. */
@Resolver()
@People()
export class InboxResolver {
  constructor(private readonly inbox: InboxService) {}

  @Query(() => [InboxMessageObject], { description: '我的消息' })
  myInbox(@CurrentIdentity() who: Identity, @Args() { unreadOnly, first }: InboxArgs) {
    return this.inbox.inbox(who, unreadOnly, first);
  }

  @Query(() => [TaskObject], { description: '我的待办' })
  myTasks(@CurrentIdentity() who: Identity) {
    return this.inbox.tasks(who);
  }

  @Mutation(() => Int, { description: '标记消息已读' })
  markInboxRead(@CurrentIdentity() who: Identity, @Args('ids', { type: () => [ID] }) ids: string[]) {
    return this.inbox.markInboxRead(who, ids);
  }
}
