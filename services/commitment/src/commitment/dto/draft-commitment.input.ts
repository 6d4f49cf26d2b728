import { Field, InputType } from '@nestjs/graphql';
import { SubjectKindGql } from './commitment.object';

@InputType({ description: '起草承诺' })
export class DraftCommitmentInput {
  @Field()
  campaignId!: string;

  @Field()
  subjectId!: string;

  @Field(() => SubjectKindGql)
  subjectKind!: SubjectKindGql;

  @Field({ description: '主体所在组织路径，如 bt.kdq.c001' })
  orgPath!: string;

  @Field({ description: '承诺标题' })
  title!: string;
}
