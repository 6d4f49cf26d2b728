import { Directive, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SubjectKindGql {
  unit = 'unit',
  member = 'member',
}
registerEnumType(SubjectKindGql, { name: 'SubjectKind', description: '承诺主体：组织或党员' });

@ObjectType('Commitment', { description: '承诺（一个活动中一个主体的一份承诺）' })
@Directive('@key(fields: "id")')
export class CommitmentObject {
  @Field(() => ID)
  id!: string;

  @Field()
  campaignId!: string;

  @Field()
  subjectId!: string;

  @Field(() => SubjectKindGql)
  subjectKind!: SubjectKindGql;

  @Field({ description: '主体所在组织路径' })
  orgPath!: string;

  @Field()
  title!: string;

  @Field({ description: '当前状态' })
  status!: string;

  @Field()
  workflowId!: string;

  @Field()
  createdAt!: Date;
}
