import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('CommitmentItem', { description: '承诺事项' })
export class CommitmentItemObject {
  @Field() content!: string;
  @Field() target!: string;
  @Field() dueDate!: string;
  @Field(() => Int, { description: '最新进度（%）' }) percent!: number;
}

@ObjectType('TimelineEntry', { description: '流程记录' })
export class TimelineEntryObject {
  @Field(() => ID) id!: string;
  @Field() at!: Date;
  @Field({ description: '事件类型，如 commitment.submitted' }) type!: string;
  @Field({ description: '中文说明' }) label!: string;
  @Field({ nullable: true }) stage?: string;
  @Field({ nullable: true }) actorId?: string;
  @Field({ nullable: true }) rectificationId?: string;
  @Field({ description: '事件数据（JSON）' }) dataJson!: string;
}

@ObjectType('LeadershipReview', { description: '领导点评登记' })
export class LeadershipReviewObject {
  @Field(() => ID) id!: string;
  @Field() reviewerId!: string;
  @Field() mode!: string;
  @Field() modeLabel!: string;
  @Field() achievements!: string;
  @Field(() => [String]) shortcomings!: string[];
  @Field() causes!: string;
  @Field({ description: '整改意见（JSON，四定）' }) measuresJson!: string;
  @Field() grade!: string;
  @Field() gradeLabel!: string;
  @Field() signature!: string;
  @Field({ description: '是否通过“三不过关”' }) passed!: boolean;
  @Field(() => [String], { description: '未过关原因' }) failures!: string[];
  @Field() at!: Date;
}

@ObjectType('MassEvaluationResult', { description: '群众评议结果（满 5 份才公布）' })
export class MassEvaluationObject {
  @Field(() => Int) responses!: number;
  @Field() shown!: boolean;
  @Field(() => Int, { nullable: true }) satisfied?: number;
  @Field(() => Int, { nullable: true }) basicallySatisfied?: number;
  @Field(() => Int, { nullable: true }) unsatisfied?: number;
}

@ObjectType('Accountability', { description: '问责记录（问责上追一级）' })
export class AccountabilityObject {
  @Field(() => ID) id!: string;
  @Field(() => Int) level!: number;
  @Field() unitId!: string;
  @Field() unitName!: string;
  @Field({ nullable: true }) assigneeId?: string;
  @Field({ nullable: true }) assigneeName?: string;
  @Field({ nullable: true, description: '原因说明' }) cause?: string;
  @Field() createdAt!: Date;
}

@ObjectType('Rectification', { description: '整改事项' })
export class RectificationObject {
  @Field(() => ID) id!: string;
  @Field(() => ID) commitmentId!: string;
  @Field() source!: string;
  @Field({ nullable: true, description: '责任人' }) ownerId?: string;
  @Field({ description: '目标' }) target!: string;
  @Field({ description: '措施' }) measures!: string;
  @Field({ description: '时限' }) deadline!: Date;
  @Field({ description: '挂牌督办' }) listed!: boolean;
  @Field() status!: string;
  @Field() statusLabel!: string;
  @Field(() => Int, { description: '当前问责级别（0 为未逾期）' }) escalationLevel!: number;
  @Field({ nullable: true, description: '核验人' }) verifierId?: string;
  @Field(() => Int) round!: number;
  @Field() overdue!: boolean;
  @Field({ nullable: true }) followUpDueAt?: Date;
  @Field() orgPath!: string;
  @Field(() => [AccountabilityObject]) accountabilities!: AccountabilityObject[];
  @Field(() => [TimelineEntryObject]) history!: TimelineEntryObject[];
}

@ObjectType('Commitment', { description: '承诺（一诺一评）' })
export class CommitmentObject {
  @Field(() => ID) id!: string;
  @Field() campaignId!: string;
  @Field() subjectKind!: string;
  @Field() subjectId!: string;
  @Field() subjectName!: string;
  @Field() orgPath!: string;
  @Field() workflowId!: string;
  @Field() stage!: string;
  @Field() stageLabel!: string;
  @Field({ nullable: true, description: '本阶段期限' }) stageDeadline?: Date;
  @Field({ description: '本阶段已逾期' }) overdue!: boolean;
  @Field({ nullable: true }) reviewerId?: string;
  @Field({ nullable: true }) reviewerName?: string;
  @Field(() => [CommitmentItemObject]) items!: CommitmentItemObject[];
  @Field({ nullable: true }) selfEvaluation?: string;
  @Field({ nullable: true }) priorWorkSummary?: string;
  @Field({ nullable: true }) grade?: string;
  @Field({ nullable: true }) gradeLabel?: string;
  @Field({ nullable: true }) outcome?: string;
  @Field({ nullable: true }) outcomeLabel?: string;
  @Field(() => Int, { description: '责令重新点评次数' }) redoCount!: number;
  @Field(() => Int) objectionCount!: number;
  @Field(() => MassEvaluationObject, { nullable: true }) massEvaluation?: MassEvaluationObject;
  @Field() openedAt!: Date;
  @Field({ nullable: true }) closedAt?: Date;
  @Field(() => [TimelineEntryObject]) timeline!: TimelineEntryObject[];
  @Field(() => [LeadershipReviewObject]) reviews!: LeadershipReviewObject[];
  @Field(() => [RectificationObject]) rectifications!: RectificationObject[];
}

@ObjectType('CommitmentSummary', { description: '承诺列表项' })
export class CommitmentSummaryObject {
  @Field(() => ID) id!: string;
  @Field() campaignId!: string;
  @Field() subjectKind!: string;
  @Field() subjectId!: string;
  @Field() subjectName!: string;
  @Field() orgPath!: string;
  @Field() stage!: string;
  @Field() stageLabel!: string;
  @Field({ nullable: true }) stageDeadline?: Date;
  @Field() overdue!: boolean;
  @Field({ nullable: true }) reviewerName?: string;
  @Field({ nullable: true }) grade?: string;
}

@ObjectType('CommitmentPage')
export class CommitmentPageObject {
  @Field(() => [CommitmentSummaryObject]) items!: CommitmentSummaryObject[];
  @Field({ nullable: true }) nextCursor?: string;
}

@ObjectType('InboxMessage', { description: '站内消息' })
export class InboxMessageObject {
  @Field(() => ID) id!: string;
  @Field() kind!: string;
  @Field() title!: string;
  @Field() body!: string;
  @Field({ nullable: true }) commitmentId?: string;
  @Field({ nullable: true }) rectificationId?: string;
  @Field() createdAt!: Date;
  @Field({ nullable: true }) readAt?: Date;
}

@ObjectType('Task', { description: '待办事项' })
export class TaskObject {
  @Field({ description: '应办理的操作（mutation 名）' }) action!: string;
  @Field() label!: string;
  @Field(() => ID) commitmentId!: string;
  @Field({ nullable: true }) rectificationId?: string;
  @Field({ nullable: true }) accountabilityId?: string;
  @Field() subjectName!: string;
  @Field({ nullable: true }) dueAt?: Date;
}

@ObjectType('UpdateResult', { description: '办理结果' })
export class UpdateResultObject {
  @Field() ok!: boolean;
  @Field(() => [String], { description: '未通过的原因（中文）' }) failures!: string[];
}

@ObjectType('StageCount')
export class StageCountObject {
  @Field() stage!: string;
  @Field() stageLabel!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('Coverage', { description: '覆盖情况：某组织及下级的承诺按阶段统计' })
export class CoverageObject {
  @Field() campaignId!: string;
  @Field() orgPath!: string;
  @Field({ description: '启动状态：pending / launching / launched' }) launchStatus!: string;
  @Field(() => Int, { description: '活动范围内已建立承诺的对象数（全活动）' }) subjectsCreated!: number;
  @Field(() => Int, { description: '本组织及下级的承诺数' }) commitments!: number;
  @Field(() => [StageCountObject]) byStage!: StageCountObject[];
  @Field(() => [MilestoneCountObject], {
    description: '累计完成情况：已承诺、已自评、已点评、已测评、已整改、已办结',
  })
  milestones!: MilestoneCountObject[];
  @Field(() => Int, { description: '当前阶段已逾期（被点名的）' }) overdue!: number;
  @Field(() => Int, { description: '已撤销（离开、撤并等）' }) cancelled!: number;
}

@ObjectType('MilestoneCount')
export class MilestoneCountObject {
  @Field({ description: 'committed / self_evaluated / reviewed / mass_evaluated / rectified / closed' })
  milestone!: string;
  @Field() label!: string;
  @Field(() => Int) done!: number;
  @Field(() => Int, { description: '尚未完成的（不含已撤销）' }) pending!: number;
}

@ObjectType('CampaignOpened')
export class CampaignOpenedObject {
  @Field() campaignId!: string;
  @Field(() => Int) started!: number;
  @Field(() => Int, { description: '已存在、未重复创建的' }) existing!: number;
}

@InputType()
export class CommitmentFilterInput {
  @Field({ nullable: true }) campaignId?: string;
  @Field({ nullable: true, description: '组织路径：本组织及下级' }) orgPath?: string;
  @Field({ nullable: true }) stage?: string;
  @Field({ nullable: true, description: '仅逾期的' }) overdue?: boolean;
}

@InputType()
export class SubjectInput {
  @Field() kind!: string;
  @Field(() => ID) id!: string;
}

@InputType()
export class OpenCampaignInput {
  @Field() id!: string;
  @Field() name!: string;
  @Field(() => Int) year!: number;
  @Field() scopePath!: string;
  @Field({ nullable: true, description: '阶段设置（JSON），缺省用默认值' }) settingsJson?: string;
  @Field(() => [SubjectInput], { nullable: true, description: '不指定则为范围内全部组织和党员建立承诺' })
  subjects?: SubjectInput[];
  @Field(() => Int, { nullable: true, description: '建立承诺时每页读取的对象数（缺省 500）' })
  pageSize?: number;
  @Field(() => Int, { nullable: true, description: '同时启动的承诺流程数（缺省 16），避免挤占其他业务' })
  startConcurrency?: number;
}

@InputType()
export class CommitmentItemInputType {
  @Field() content!: string;
  @Field() target!: string;
  @Field() dueDate!: string;
}

@InputType()
export class MeasureInput {
  @Field(() => ID, { description: '定责任人' }) ownerId!: string;
  @Field({ description: '定目标' }) target!: string;
  @Field({ description: '定措施' }) measures!: string;
  @Field({ description: '定时限 YYYY-MM-DD' }) deadline!: string;
  @Field({ nullable: true, description: '挂牌督办' }) listed?: boolean;
}

@InputType()
export class LeadershipReviewInputType {
  @Field() mode!: string;
  @Field() achievements!: string;
  @Field(() => [String]) shortcomings!: string[];
  @Field() causes!: string;
  @Field(() => [MeasureInput]) measures!: MeasureInput[];
  @Field() grade!: string;
  @Field() signature!: string;
}

@ObjectType('PublicRectification', { description: '整改公示项' })
export class PublicRectificationObject {
  @Field() target!: string;
  @Field() statusLabel!: string;
  @Field() deadline!: Date;
}

@ObjectType('PublicResult', { description: '公开承诺与亮评：供群众监督的公示内容' })
export class PublicResultObject {
  @Field(() => ID) commitmentId!: string;
  @Field() subjectName!: string;
  @Field() stageLabel!: string;
  @Field(() => [String], { description: '承诺事项' }) items!: string[];
  @Field({ nullable: true, description: '点评等次' }) gradeLabel?: string;
  @Field(() => [String], { description: '点评指出的不足' }) shortcomings!: string[];
  @Field(() => [PublicRectificationObject], { description: '整改措施及结果' })
  rectifications!: PublicRectificationObject[];
  @Field({ nullable: true, description: '群众评议满意率（%），满 5 份才公布' }) satisfactionPercent?: number;
}
