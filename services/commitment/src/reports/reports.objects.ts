import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ReportCount', { description: '分项计数' })
export class ReportCountObject {
  @Field() key!: string;
  @Field() label!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('ReportSnapshot', {
  description: '月报、季报：某组织及下级在报告时点的定格数据（活动开始以来累计）',
})
export class ReportSnapshotObject {
  @Field(() => ID) id!: string;
  @Field() campaignId!: string;
  @Field({ description: 'monthly（月报）或 quarterly（季报）' }) period!: string;
  @Field() periodName!: string;
  @Field({ description: '报告期，如 2026-11、2026-Q4' }) periodLabel!: string;
  @Field() orgPath!: string;
  @Field() orgName!: string;
  @Field({
    description:
      'scope（活动范围）或该组织的层级：prefecture、county、committee、general_branch、branch（unit：层级未知）',
  })
  level!: string;
  @Field({ description: '层级名称，如“活动范围”“旗县区”“党委”“党支部”' }) levelLabel!: string;
  @Field(() => ID, { nullable: true, description: '组织编号（活动范围以下各级）' }) unitId?: string;
  @Field({ nullable: true, description: '上级组织路径（所查组织的下一级各行据此归属）' }) parentPath?: string;
  @Field() scheduledAt!: Date;
  @Field() takenAt!: Date;
  @Field(() => Int, { description: '承诺总数（覆盖）' }) commitments!: number;
  @Field(() => [ReportCountObject], { description: '按阶段' }) byStage!: ReportCountObject[];
  @Field(() => [ReportCountObject], { description: '领导点评（通过）按方式' })
  reviewsByMode!: ReportCountObject[];
  @Field(() => Int, { description: '未过“三不过关”的点评' }) reviewsNotPassed!: number;
  @Field(() => Int, { description: '已评定等次' }) graded!: number;
  @Field(() => Int, { description: '践诺评为“好”' }) kept!: number;
  @Field(() => Int, { description: '已办结' }) closed!: number;
  @Field(() => Int, { description: '逾期承诺' }) overdueCommitments!: number;
  @Field(() => Int, { description: '整改事项' }) rectifications!: number;
  @Field(() => Int, { description: '已销号或办结（问题解决）' }) rectificationsSettled!: number;
  @Field(() => Int, { description: '整改中' }) rectificationsOpen!: number;
  @Field(() => Int, { description: '逾期未整改' }) rectificationsOverdue!: number;
  @Field(() => Float, { nullable: true, description: '整改率（已销号或办结 / 整改事项）' })
  rectificationRate?: number;
  @Field(() => Int, { description: '责令重新点评次数' }) redoOrders!: number;
  @Field(() => Int, { description: '群众评议份数' }) massResponses!: number;
  @Field(() => Int, { nullable: true, description: '满意（不足最少份数时不公布）' }) satisfied?: number;
  @Field(() => Int, { nullable: true }) basicallySatisfied?: number;
  @Field(() => Int, { nullable: true }) unsatisfied?: number;
  @Field(() => Float, { nullable: true, description: '满意度（满意与基本满意 / 份数）' })
  satisfactionRate?: number;
}
