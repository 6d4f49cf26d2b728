import { ArgsType, Field, Int } from '@nestjs/graphql';

@ArgsType()
export class DrawSpotCheckArgs {
  @Field() campaignId!: string;
  @Field(() => String, { nullable: true }) orgPath?: string;
  @Field(() => Int, { defaultValue: 5 }) units!: number;
  @Field(() => Int, { defaultValue: 5 }) cadres!: number;
  @Field(() => String, { nullable: true, description: '缺省按活动和周次生成并留存' }) seed?: string;
}

@ArgsType()
export class InspectionFindingArgs {
  @Field({ description: '自评（“回头看”）是否认真' }) selfEvaluationSerious!: boolean;
  @Field({ description: '是否点出了不足' }) shortcomingsNamed!: boolean;
  @Field({ description: '整改措施是否具体（四定）' }) measuresConcrete!: boolean;
  @Field(() => String, { nullable: true }) note?: string;
}

@ArgsType()
export class SpotChecksArgs {
  @Field() campaignId!: string;
  @Field(() => Int, { defaultValue: 50 }) first!: number;
}
