import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { MemberType, OutcomeResult, ReviewGrade, ReviewMode } from '@pingyi/contracts';
import { MemberTypeGql, OutcomeResultGql, ReviewGradeGql, ReviewModeGql } from '../shared/enums';

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

@ObjectType('ReviewSignoff', { description: '点评签名：系统按登录身份生成，不可手填' })
export class ReviewSignoffObject {
  @Field({ description: '点评人（登录身份的人员编号）' }) personId!: string;
  @Field({ nullable: true, description: '点评人姓名（以组织登记为准）' }) name?: string;
  @Field({ description: '签名时间' }) signedAt!: Date;
  @Field({
    description:
      '点评内容的 SHA-256 摘要（规范 JSON：commitmentId、reviewer{personId,name}、signedAt、mode、achievements、shortcomings、causes、measures、grade、passed，键按字母排序）',
  })
  contentHash!: string;
}

@ObjectType('LeadershipReview', { description: '领导点评登记' })
export class LeadershipReviewObject {
  @Field(() => ID) id!: string;
  @Field() reviewerId!: string;
  @Field(() => ReviewModeGql) mode!: ReviewMode;
  @Field() modeLabel!: string;
  @Field() achievements!: string;
  @Field(() => [String]) shortcomings!: string[];
  @Field() causes!: string;
  @Field({ description: '整改意见（JSON，四定）' }) measuresJson!: string;
  @Field(() => ReviewGradeGql) grade!: ReviewGrade;
  @Field() gradeLabel!: string;
  @Field({ description: '签名人姓名（旧记录为当时手填的签名）' }) signature!: string;
  @Field(() => ReviewSignoffObject, { nullable: true, description: '签名：点评人、时间、内容摘要' })
  signoff?: ReviewSignoffObject;
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
  @Field(() => ReviewGradeGql, { nullable: true }) grade?: ReviewGrade;
  @Field({ nullable: true }) gradeLabel?: string;
  @Field(() => OutcomeResultGql, { nullable: true }) outcome?: OutcomeResult;
  @Field({ nullable: true }) outcomeLabel?: string;
  @Field(() => Int, { description: '责令重新点评次数' }) redoCount!: number;
  @Field(() => Int) objectionCount!: number;
  @Field(() => MassEvaluationObject, { nullable: true }) massEvaluation?: MassEvaluationObject;
  @Field() openedAt!: Date;
  @Field({ nullable: true }) closedAt?: Date;
  @Field(() => [TimelineEntryObject]) timeline!: TimelineEntryObject[];
  @Field(() => [LeadershipReviewObject]) reviews!: LeadershipReviewObject[];
  @Field(() => [RectificationObject]) rectifications!: RectificationObject[];
  @Field(() => [EvidenceFileObject], {
    description: '佐证材料文件（下载：GET /files/:id，与 /graphql 同一地址和凭证）',
  })
  evidenceFiles!: EvidenceFileObject[];
}

@ObjectType('EvidenceFile', { description: '佐证材料文件' })
export class EvidenceFileObject {
  @Field(() => ID) id!: string;
  @Field({ description: '文件名（仅供显示）' }) filename!: string;
  @Field({ description: '按文件内容识别的类型' }) contentType!: string;
  @Field(() => Int, { description: '字节数' }) size!: number;
  @Field({ description: '上传人' }) uploaderId!: string;
  @Field(() => ID, { nullable: true, description: '所属整改事项' }) rectificationId?: string;
  @Field({ description: 'SHA-256 摘要' }) sha256!: string;
  @Field() uploadedAt!: Date;
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
  @Field(() => ReviewGradeGql, { nullable: true }) grade?: ReviewGrade;
  @Field(() => MemberTypeGql, { nullable: true, description: '党员类别（对象为党员时）' })
  memberType?: MemberType;
  @Field({ nullable: true, description: '点评人编号（点名时按组织规则确定）' }) reviewerId?: string;
  @Field({ nullable: true, description: '下一步须办理的人（点名时填写）' }) nextActorId?: string;
  @Field({ nullable: true, description: '下一步须办理的人的姓名（点名时填写）' }) nextActorName?: string;
  @Field({ nullable: true, description: '下一步须办理的事项（点名时填写）' }) nextStep?: string;
}

@ObjectType('CommitmentPage')
export class CommitmentPageObject {
  @Field(() => [CommitmentSummaryObject]) items!: CommitmentSummaryObject[];
  @Field({ nullable: true }) nextCursor?: string;
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
