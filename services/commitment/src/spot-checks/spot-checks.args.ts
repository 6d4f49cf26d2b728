import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';

@InputType('RiskWeightInput', { description: '按风险加权抽查：对象（党组织或干部编号）及其权重' })
export class RiskWeightInput {
  @Field({ description: '候选党组织或干部的编号' }) subjectId!: string;
  @Field(() => Int, { description: '权重 1–10，未列出的候选为 1' }) weight!: number;
}

@ArgsType()
export class DrawSpotCheckArgs {
  @Field() campaignId!: string;
  @Field(() => String, { nullable: true }) orgPath?: string;
  @Field(() => Int, { defaultValue: 5 }) units!: number;
  @Field(() => Int, { defaultValue: 5 }) cadres!: number;
  @Field(() => String, { nullable: true, description: '缺省按活动和周次生成并留存' }) seed?: string;
  @Field(() => [RiskWeightInput], {
    nullable: true,
    description: '按风险加权（sha256-weighted/v1）；缺省为等概率摇号（sha256-rank/v1）。权重随抽查留存',
  })
  riskWeights?: RiskWeightInput[];
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
