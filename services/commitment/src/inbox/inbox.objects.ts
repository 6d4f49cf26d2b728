import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('InboxMessage', { description: '站内消息' })
export class InboxMessageObject {
  @Field(() => ID) id!: string;
  @Field() kind!: string;
  @Field() title!: string;
  @Field() body!: string;
  @Field({ nullable: true }) commitmentId?: string;
  @Field({ nullable: true }) rectificationId?: string;
  @Field() createdAt!: Date;
  @Field({ nullable: true }) readAt?: Date;
}

@ObjectType('Task', { description: '待办事项' })
export class TaskObject {
  @Field({ description: '应办理的操作（mutation 名）' }) action!: string;
  @Field() label!: string;
  @Field(() => ID) commitmentId!: string;
  @Field({ nullable: true }) rectificationId?: string;
  @Field({ nullable: true }) accountabilityId?: string;
  @Field() subjectName!: string;
  @Field({ nullable: true }) dueAt?: Date;
}
