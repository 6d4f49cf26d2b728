import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PerfunctoryReason, PerfunctorySimilar } from './perfunctory.types';

@InputType({ description: '草稿中的一条整改措施（只比对目标与措施）' })
export class PerfunctoryDraftMeasure {
  @Field(() => String, { nullable: true, description: '定目标' }) target?: string | null;
  @Field(() => String, { nullable: true, description: '定措施' }) measures?: string | null;
}

@InputType({ description: '尚未提交的领导点评草稿' })
export class PerfunctoryDraftInput {
  @Field(() => String, { nullable: true, description: '肯定成绩' }) achievements?: string | null;
  @Field(() => [String], { description: '指出不足' }) shortcomings!: string[];
  @Field(() => String, { nullable: true, description: '分析原因' }) causes?: string | null;
  @Field(() => [PerfunctoryDraftMeasure], { description: '整改措施' }) measures!: PerfunctoryDraftMeasure[];
}

@ArgsType()
export class PerfunctoryCheckArgs {
  @Field({ description: '所点评的承诺 ID' }) commitmentId!: string;
  @Field(() => PerfunctoryDraftInput) draft!: PerfunctoryDraftInput;
  @Field(() => Int, { nullable: true, description: '已填写的秒数（从打开点评表起）' })
  secondsSpent?: number | null;
}

@ObjectType({ description: '点评草稿的防走过场检查结果（不保存、不拒收）' })
export class PerfunctoryCheck {
  @Field(() => Int, { description: '走过场风险得分（0–100）' }) score!: number;
  @Field({ description: '提交后是否会被提示' }) flagged!: boolean;
  @Field(() => [PerfunctoryReason], { description: '理由，分值高的在前' }) reasons!: PerfunctoryReason[];
  @Field(() => [PerfunctorySimilar], { description: '本人可见的高度相似文本，相似度高的在前' })
  similar!: PerfunctorySimilar[];
  @Field(() => Int, { description: '不可见的高度相似文本数' }) outsideScope!: number;
}

@ObjectType({ description: '防走过场的一条套话' })
export class StockPhrase {
  @Field() phrase!: string;
  @Field({ description: '是否为内置（文档所列）套话；内置的不能删除' }) builtIn!: boolean;
  @Field(() => String, { nullable: true }) addedBy!: string | null;
  @Field(() => String, { nullable: true }) addedByName!: string | null;
  @Field(() => String, { nullable: true, description: '添加时间（ISO 8601）' }) addedAt!: string | null;
}

@ArgsType()
export class StockPhraseArgs {
  @Field({ description: '套话' }) phrase!: string;
}
