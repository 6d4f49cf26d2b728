import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Figures } from './figures.types';

@ObjectType({ description: '看板：一个组织（含其下级）在一次活动中的各项数字' })
export class Dashboard {
  @Field() campaignId!: string;
  @Field({ description: '所查组织的路径' }) orgPath!: string;
  @Field(() => String, { nullable: true, description: '所查组织名称' }) unitName!: string | null;
  @Field(() => String, { nullable: true, description: '数据截至：最后一条已处理事件的时间' })
  asOf!: string | null;
  @Field(() => Figures) figures!: Figures;
}

@ObjectType({ description: '排名中的一个下级组织' })
export class RankedUnit {
  @Field(() => Int, { description: '名次（从 1 起；得分相同时按主体数多者、路径在前者）' }) rank!: number;
  @Field({ description: '下级组织路径' }) orgPath!: string;
  @Field(() => String, { nullable: true }) unitName!: string | null;
  @Field(() => Float, { description: '得分（0–100，见说明文档“排名得分”）' }) score!: number;
  @Field(() => Float, { description: '进度：已达节点数÷（6×未撤销主体数）' }) progress!: number;
  @Field(() => Float, { description: '整改率（无整改事项时为 1）' }) rectification!: number;
  @Field(() => Float, { description: '按时率：1－超期数÷进行中数' }) onTime!: number;
  @Field(() => Float, { description: '点评质量：通过的点评÷（通过的点评＋重新点评次数）' })
  reviewQuality!: number;
  @Field(() => Figures) figures!: Figures;
}

@ObjectType({ description: '下级组织排名' })
export class Ranking {
  @Field() orgPath!: string;
  @Field(() => String, { nullable: true }) asOf!: string | null;
  @Field({
    description: '得分公式：40×进度＋30×整改率＋20×按时率＋10×点评质量',
  })
  formula!: string;
  @Field(() => [RankedUnit]) units!: RankedUnit[];
}

@ObjectType({ description: '超期未完成的整改事项' })
export class OverdueRectification {
  @Field(() => ID) id!: string;
  @Field(() => ID) commitmentId!: string;
  @Field({ description: '整改主体' }) subjectName!: string;
  @Field() orgPath!: string;
  @Field(() => String, { nullable: true, description: '所在组织' }) unitName!: string | null;
  @Field({ description: '整改目标' }) target!: string;
  @Field({ description: '整改中或待核验' }) status!: string;
  @Field({ description: '挂牌督办' }) listed!: boolean;
  @Field() deadline!: string;
  @Field(() => Float, { description: '已超期天数' }) daysOverdue!: number;
  @Field(() => Int, { description: '已上追问责的级数' }) escalationLevel!: number;
}

@ObjectType({ description: '超期整改事项（分页）' })
export class OverdueRectificationPage {
  @Field(() => Int, { description: '总数' }) total!: number;
  @Field(() => [OverdueRectification]) items!: OverdueRectification[];
  @Field(() => String, { nullable: true }) asOf!: string | null;
}

@ObjectType({ description: '某一天的数字（北京时间的日期）' })
export class TrendPoint {
  @Field({ description: '日期（YYYY-MM-DD）' }) day!: string;
  @Field(() => Int, { description: '当日通过的领导点评' }) reviews!: number;
  @Field(() => Int, { description: '当日新开整改事项' }) rectificationsOpened!: number;
  @Field(() => Int, { description: '当日核验销号' }) rectificationsVerified!: number;
  @Field(() => Int, { description: '当日办结的承诺' }) closed!: number;
  @Field(() => Int, { description: '当日上追问责' }) escalations!: number;
  @Field(() => Int, { description: '截至当日累计通过的领导点评' }) reviewsToDate!: number;
  @Field(() => Int, { description: '截至当日累计整改事项' }) rectificationsOpenedToDate!: number;
  @Field(() => Int, { description: '截至当日累计核验销号' }) rectificationsVerifiedToDate!: number;
  @Field(() => Int, { description: '截至当日累计办结' }) closedToDate!: number;
}

@ObjectType({ description: '点评人统计' })
export class ReviewerStat {
  @Field() reviewerId!: string;
  @Field(() => String, { nullable: true }) reviewerName!: string | null;
  @Field(() => Int, { description: '通过的领导点评数' }) reviewsDone!: number;
  @Field(() => Int, { description: '第一次点评即通过的承诺数' }) passedFirstTime!: number;
  @Field(() => Int, { description: '重新点评次数（复核退回、管理员或抽查责令）' }) redoOrders!: number;
}

@ObjectType({ description: '点评人统计（分页）' })
export class ReviewerStatPage {
  @Field(() => Int) total!: number;
  @Field(() => [ReviewerStat]) items!: ReviewerStat[];
}
