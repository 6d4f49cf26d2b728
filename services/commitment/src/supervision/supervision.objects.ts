import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('SpotCheckPick', { description: '抽中的对象' })
export class SpotCheckPickObject {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ nullable: true }) orgPath?: string;
  @Field({ description: '签号：SHA-256(种子 换行 类别 换行 编号)，签号最小的若干个中签' }) ticket!: string;
}

@ObjectType('InspectionTask', { description: '抽查任务：对照“三不过关”检查台账' })
export class InspectionTaskObject {
  @Field(() => ID) id!: string;
  @Field(() => ID) drawId!: string;
  @Field({ description: 'unit（党组织）或 cadre（干部）' }) subjectKind!: string;
  @Field() subjectKindLabel!: string;
  @Field() subjectId!: string;
  @Field() subjectName!: string;
  @Field() orgPath!: string;
  @Field({ description: 'open（待检查）或 done（已检查）' }) status!: string;
  @Field() statusLabel!: string;
  @Field({ nullable: true, description: '自评是否认真（“回头看”总结是否认真）' })
  selfEvaluationSerious?: boolean;
  @Field({ nullable: true, description: '是否点出了不足' }) shortcomingsNamed?: boolean;
  @Field({ nullable: true, description: '整改措施是否具体（四定）' }) measuresConcrete?: boolean;
  @Field({ nullable: true, description: '三项均过关' }) passed?: boolean;
  @Field({ nullable: true }) note?: string;
  @Field({ nullable: true }) inspectorId?: string;
  @Field({ nullable: true }) inspectedAt?: Date;
}

@ObjectType('SpotCheckDraw', { description: '每周摇号抽查：种子和候选名单留存，任何人可按同一方法复核' })
export class SpotCheckDrawObject {
  @Field(() => ID) id!: string;
  @Field() campaignId!: string;
  @Field({ description: '抽查范围（组织路径）' }) scopePath!: string;
  @Field({ description: '抽查周（ISO 周，如 2026-W48）' }) week!: string;
  @Field({ description: '随机种子' }) seed!: string;
  @Field({ description: '摇号方法' }) method!: string;
  @Field() drawnBy!: string;
  @Field() drawnAt!: Date;
  @Field(() => Int, { description: '应抽党组织数' }) unitCount!: number;
  @Field(() => Int, { description: '应抽干部数' }) cadreCount!: number;
  @Field(() => Int, { description: '候选党组织数' }) unitCandidates!: number;
  @Field(() => Int, { description: '候选干部数' }) cadreCandidates!: number;
  @Field(() => [SpotCheckPickObject]) units!: SpotCheckPickObject[];
  @Field(() => [SpotCheckPickObject]) cadres!: SpotCheckPickObject[];
  @Field({ description: '按留存的种子和候选名单重新摇号，结果与记录一致' }) reproducible!: boolean;
  @Field(() => [InspectionTaskObject]) tasks!: InspectionTaskObject[];
}

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
  @Field({ description: 'scope（活动范围）或 county（旗县区）' }) level!: string;
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

@ObjectType('MilestoneCounty', { description: '节点通报中一个旗县区的情况' })
export class MilestoneCountyObject {
  @Field() orgPath!: string;
  @Field() orgName!: string;
  @Field(() => Int, { description: '到期应达到该节点的承诺数' }) due!: number;
  @Field(() => Int, { description: '未按期达到的承诺数' }) missed!: number;
}

@ObjectType('MilestoneNotice', { description: '节点通报：活动日程的一个节点已过，通报未按期完成者' })
export class MilestoneNoticeObject {
  @Field(() => ID) id!: string;
  @Field() campaignId!: string;
  @Field({ description: 'committed、self_evaluated、reviewed、mass_evaluated、rectified 或 closed' })
  milestone!: string;
  @Field({ description: '节点要求达到的状态，如“已承诺（审核通过）”' }) label!: string;
  @Field({ description: '节点名称，如“定诺及审核”' }) node!: string;
  @Field({ description: '节点时间（按活动开始时间和各阶段期限推算）' }) nodeAt!: Date;
  @Field() issuedAt!: Date;
  @Field({ description: '所查组织路径（本组织及下级）' }) orgPath!: string;
  @Field(() => Int, {
    nullable: true,
    description: '到期应达到该节点的承诺数（活动范围和旗县区一级有；更下级为空）',
  })
  due?: number;
  @Field(() => Int, { description: '未按期达到的承诺数' }) missed!: number;
  @Field(() => Float, { nullable: true, description: '按期达到率（%）' }) reachedRate?: number;
  @Field(() => [MilestoneCountyObject], { description: '各旗县区（所查范围内）' })
  byCounty!: MilestoneCountyObject[];
}

@ObjectType('MilestoneMissed', { description: '节点通报名单中的一项（通报时的状态）' })
export class MilestoneMissedObject {
  @Field(() => ID) commitmentId!: string;
  @Field({ description: 'unit（党组织）或 member（党员）' }) subjectKind!: string;
  @Field() subjectId!: string;
  @Field() subjectName!: string;
  @Field() orgPath!: string;
  @Field() stage!: string;
  @Field() stageLabel!: string;
  @Field({ nullable: true }) stageDeadline?: Date;
  @Field({ nullable: true }) reviewerName?: string;
}

@ObjectType('MilestoneMissedPage')
export class MilestoneMissedPageObject {
  @Field(() => [MilestoneMissedObject]) items!: MilestoneMissedObject[];
  @Field({ nullable: true, description: '下一页游标' }) nextCursor?: string;
}
