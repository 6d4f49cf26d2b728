import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';

@InputType()
export class CommitmentFilterInput {
  @Field({ nullable: true }) campaignId?: string;
  @Field({ nullable: true, description: '组织路径：本组织及下级' }) orgPath?: string;
  @Field({ nullable: true }) stage?: string;
  @Field({ nullable: true, description: '仅逾期的' }) overdue?: boolean;
}

@ArgsType()
export class CommitmentsArgs {
  @Field(() => CommitmentFilterInput, { nullable: true }) filter?: CommitmentFilterInput;
  @Field(() => Int, { defaultValue: 50 }) first!: number;
  @Field(() => String, { nullable: true }) after?: string;
}

@ArgsType()
export class CoverageArgs {
  @Field() campaignId!: string;
  @Field(() => String, { nullable: true }) orgPath?: string;
}

@ArgsType()
export class LeftOutArgs extends CoverageArgs {
  @Field({ description: 'committed / self_evaluated / reviewed / mass_evaluated / rectified / closed' })
  milestone!: string;
  @Field(() => Boolean, { defaultValue: true }) overdueOnly!: boolean;
  @Field(() => Int, { defaultValue: 50 }) first!: number;
  @Field(() => String, { nullable: true }) after?: string;
}
