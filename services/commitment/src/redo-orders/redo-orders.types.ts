import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { register } from '../shared/enums';

export type RedoCountBy = 'reviewer' | 'unit' | 'campaign';
export const RedoCountByGql = register(
  'RedoCountBy',
  '责令重新点评的统计口径',
  ['reviewer', 'unit', 'campaign'] as const,
  { reviewer: '按点评人', unit: '按单位（承诺主体所在组织）', campaign: '按活动' },
);

@ArgsType()
export class OrderReviewRedoArgs {
  @Field(() => [ID], { description: '要重新点评的承诺（可一次多个）' }) commitmentIds!: string[];
  @Field({ description: '责令重新点评的原因' }) reason!: string;
}

@ArgsType()
export class RedoOrderCountsArgs {
  @Field() campaignId!: string;
  @Field(() => String, { nullable: true, description: '缺省为本人管理范围' }) orgPath?: string;
  @Field(() => RedoCountByGql, { defaultValue: 'reviewer' }) by!: RedoCountBy;
}

@ObjectType({ description: '对一项承诺责令重新点评的结果' })
export class RedoOutcomeObject {
  @Field(() => Int, { description: '在所列承诺中的位置（从 0 起）' }) index!: number;
  @Field(() => ID, { nullable: true, description: '承诺 ID（不在管理范围内的不回显）' })
  commitmentId!: string | null;
  @Field({ description: '已退回领导点评环节' }) ok!: boolean;
  @Field(() => String, { nullable: true, description: '未办理时的错误码' }) code!: string | null;
  @Field(() => String, { nullable: true, description: '未办理时的原因' }) message!: string | null;
}

@ObjectType({ description: '责令重新点评次数（督查或管理员责令）' })
export class RedoOrderCountObject {
  @Field({ description: '点评人、单位或活动的 ID' }) key!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => Int) count!: number;
  @Field(() => Int, { description: '其中由抽查结果责令的次数' }) byInspection!: number;
}
