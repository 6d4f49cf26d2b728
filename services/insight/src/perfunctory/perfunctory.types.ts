import { ArgsType, Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { PanelArgs } from '../graphql/insight.args';

@ObjectType({ description: '防走过场：一条提示理由' })
export class PerfunctoryReason {
  @Field({ description: '理由代码（same_author_copy、others_copy、stock_measures …）' }) code!: string;
  @Field({ description: '理由（中文）' }) message!: string;
  @Field(() => Int, { description: '计入得分的分值' }) weight!: number;
}

@ObjectType({ description: '防走过场：一份领导点评或自评的提示' })
export class PerfunctoryText {
  @Field({ description: '点评或自评的 ID（其事件 ID）' }) id!: string;
  @Field({ description: 'review 领导点评；self_evaluation 自评（回头看）' }) kind!: string;
  @Field() campaignId!: string;
  @Field() commitmentId!: string;
  @Field({ description: '被点评对象' }) subjectName!: string;
  @Field({ description: '被点评对象所在组织路径' }) orgPath!: string;
  @Field({ description: '点评人（自评为被点评对象本人）' }) authorId!: string;
  @Field(() => String, { nullable: true }) authorName!: string | null;
  @Field(() => Int, { description: '走过场风险得分（0–100）' }) score!: number;
  @Field({ description: '是否达到提示线（只作提示，不拒收）' }) flagged!: boolean;
  @Field(() => [PerfunctoryReason], { description: '理由，分值高的在前' }) reasons!: PerfunctoryReason[];
  @Field(() => Int, { description: '同一作者的高度相似文本数' }) sameAuthorCopies!: number;
  @Field(() => Int, { description: '他人的高度相似文本数' }) otherCopies!: number;
  @Field({ description: '是否为该承诺当前有效的一份（重做后旧的一份不再计入）' }) current!: boolean;
  @Field({ description: '提交时间（ISO 8601）' }) at!: string;
  @Field({ description: '比对的内容：不足、原因、整改措施（自评为回头看与自评）' }) text!: string;
}

@ObjectType({ description: '与之高度相似的一份' })
export class PerfunctorySimilar {
  @Field(() => PerfunctoryText) text!: PerfunctoryText;
  @Field(() => Float, { description: '估计相似度（字符三元组 Jaccard，0–1）' }) similarity!: number;
  @Field({ description: '是否同一作者' }) sameAuthor!: boolean;
}

@ObjectType({ description: '一份点评的提示与证据：高度相似的各份并列' })
export class PerfunctoryDetail {
  @Field(() => PerfunctoryText) text!: PerfunctoryText;
  @Field(() => [PerfunctorySimilar], { description: '本人管理范围内的高度相似文本，相似度高的在前' })
  similar!: PerfunctorySimilar[];
  @Field(() => Int, { description: '管理范围以外的高度相似文本数（不显示内容）' }) outsideScope!: number;
}

@ObjectType({ description: '防走过场提示（分页）' })
export class PerfunctoryTextPage {
  @Field(() => Int) total!: number;
  @Field(() => [PerfunctoryText]) items!: PerfunctoryText[];
}

@ObjectType({ description: '有提示的点评人（或自评对象）' })
export class PerfunctoryAuthor {
  @Field() authorId!: string;
  @Field(() => String, { nullable: true }) authorName!: string | null;
  @Field() kind!: string;
  @Field(() => Int, { description: '有提示的份数' }) flagged!: number;
  @Field(() => Int, { description: '所查范围内的总份数' }) texts!: number;
  @Field(() => Int, { description: '最高得分' }) maxScore!: number;
}

@ObjectType({ description: '有提示的点评人（分页）' })
export class PerfunctoryAuthorPage {
  @Field(() => Int) total!: number;
  @Field(() => [PerfunctoryAuthor]) items!: PerfunctoryAuthor[];
}

@ArgsType()
export class PerfunctoryPageArgs extends PanelArgs {
  @Field(() => String, { nullable: true, description: 'review 或 self_evaluation，缺省为两者' })
  kind?: string;
  @Field(() => Int, { defaultValue: 0, description: '跳过前多少条' }) offset!: number;
  @Field(() => Int, { defaultValue: 50, description: '每页条数（1–500）' }) limit!: number;
}

@ArgsType()
export class PerfunctoryTextArgs {
  @Field({ description: '点评或自评的 ID' }) id!: string;
}

@ArgsType()
export class MyPerfunctoryArgs {
  @Field({ description: '活动 ID' }) campaignId!: string;
}
