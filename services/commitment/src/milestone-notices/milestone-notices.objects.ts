import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('MilestoneCounty', { description: '节点通报中一个旗县区的情况' })
export class MilestoneCountyObject {
  @Field() orgPath!: string;
  @Field() orgName!: string;
  @Field(() => Int, { description: '到期应达到该节点的承诺数' }) due!: number;
  @Field(() => Int, { description: '未按期达到的承诺数' }) missed!: number;
}

@ObjectType('MilestoneUnit', { description: '节点通报中所查组织下一级的一个组织（任一层级）的情况' })
export class MilestoneUnitObject {
  @Field(() => ID, { nullable: true, description: '组织编号' }) unitId?: string;
  @Field() orgPath!: string;
  @Field({ description: '组织名称' }) orgName!: string;
  @Field({ description: 'prefecture、county、committee、general_branch 或 branch（unit：层级未知）' })
  level!: string;
  @Field({ description: '层级名称，如“党委”“党支部”' }) levelLabel!: string;
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
    description: '到期应达到该节点的承诺数（所查组织的子树）',
  })
  due?: number;
  @Field(() => Int, { description: '未按期达到的承诺数' }) missed!: number;
  @Field(() => Float, { nullable: true, description: '按期达到率（%）' }) reachedRate?: number;
  @Field(() => [MilestoneCountyObject], {
    description: '各旗县区（所查范围内）',
    deprecationReason: '只有旗县区一级，县级及以下的活动为空；请改用 byChild（所查组织的下一级，任一层级）',
  })
  byCounty!: MilestoneCountyObject[];
  @Field(() => [MilestoneUnitObject], {
    description: '所查组织下一级各组织（市下为旗县区，旗县区下为党委、党支部，依此类推），按组织名称列出',
  })
  byChild!: MilestoneUnitObject[];
}

@ObjectType('MilestoneMissed', { description: '节点通报名单中的一项（通报时的状态）' })
export class MilestoneMissedObject {
  @Field(() => ID) commitmentId!: string;
  @Field({ description: 'unit（党组织）或 member（党员）' }) subjectKind!: string;
  @Field() subjectId!: string;
  @Field() subjectName!: string;
  @Field() orgPath!: string;
  @Field({ nullable: true, description: '所在组织名称（党员为所在支部）' }) orgName?: string;
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
