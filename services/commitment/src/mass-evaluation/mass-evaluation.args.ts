import { ArgsType, Field, Int } from '@nestjs/graphql';
import type { z } from 'zod';
import { OnCommitment } from '../shared/step-args';
import type { EvaluatorCategory } from './mass-evaluation';
import { EvaluatorCategoryGql } from './mass-evaluation.enums';

@ArgsType()
export class IssueTokensArgs extends OnCommitment {
  @Field(() => EvaluatorCategoryGql) category!: z.infer<typeof EvaluatorCategory>;
  @Field(() => Int) count!: number;
}

/**
 * `rating` stays a String, checked by the service: on the anonymous channel every refused request (an unknown rating
 * too) must count against the channel's limits first and answer BAD_INPUT, which a GraphQL enum would bypass.
 */
@ArgsType()
export class MassEvaluationArgs {
  @Field() token!: string;
  @Field() rating!: string;
  @Field(() => String, { nullable: true }) comment?: string;
}

@ArgsType()
export class ObjectionArgs extends OnCommitment {
  @Field() content!: string;
}

@ArgsType()
export class PublicBoardArgs {
  @Field() orgPath!: string;
  @Field(() => String, { nullable: true }) campaignId?: string;
  @Field(() => Int, { defaultValue: 50 }) first!: number;
}
