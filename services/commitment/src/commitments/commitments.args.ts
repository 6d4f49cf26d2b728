import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import type { MemberType, ReviewMode } from '@pingyi/contracts';
import { MemberTypeGql, ReviewModeGql } from '../shared/enums';

@InputType()
export class CommitmentFilterInput {
  @Field({ nullable: true }) campaignId?: string;
  @Field({ nullable: true, description: '组织路径：本组织及下级' }) orgPath?: string;
  @Field({ nullable: true }) stage?: string;
  @Field({ nullable: true, description: '仅逾期的' }) overdue?: boolean;
  @Field({ nullable: true, description: '当前环节是否已超期（看板“已超期”）' }) deadlineMissed?: boolean;
  @Field({ nullable: true, description: '是否进行中（未办结、未撤销）' }) inProgress?: boolean;
  @Field({ nullable: true, description: '评定等次（good、fair、poor）' }) grade?: string;
  @Field({
    nullable: true,
    description: '已达到的节点：committed、self_evaluated、reviewed、mass_evaluated、rectified 或 closed',
  })
  milestone?: string;
  @Field({
    nullable: true,
    description:
      '有某类整改事项的：any 全部、open 整改中或待核验、overdue 超期、listed 挂牌、verified 已核验',
  })
  rectification?: string;
}

@ArgsType()
export class CommitmentsArgs {
  @Field(() => CommitmentFilterInput, { nullable: true }) filter?: CommitmentFilterInput;
  @Field(() => Int, { defaultValue: 50 }) first!: number;
  @Field(() => String, { nullable: true }) after?: string;
}

@ArgsType()
export class CoverageArgs {
  @Field() campaignId!: string;
  @Field(() => String, { nullable: true }) orgPath?: string;
}

@ArgsType()
export class LeftOutArgs extends CoverageArgs {
  @Field({ description: 'committed / self_evaluated / reviewed / mass_evaluated / rectified / closed' })
  milestone!: string;
  @Field(() => Boolean, { defaultValue: true }) overdueOnly!: boolean;
  @Field(() => Int, { defaultValue: 50 }) first!: number;
  @Field(() => String, { nullable: true }) after?: string;
}

@InputType()
export class SearchCommitmentsInput {
  @Field({ nullable: true, description: '活动' }) campaignId?: string;
  @Field({ nullable: true, description: '组织路径：本组织及下级（缺省为本人范围）' }) orgPath?: string;
  @Field({
    nullable: true,
    description: '搜索词：对象姓名或名称、承诺事项、目标、自评；空格分开的多个词须都出现',
  })
  text?: string;
  @Field(() => MemberTypeGql, { nullable: true, description: '党员类别' }) memberType?: MemberType;
  @Field(() => ReviewModeGql, { nullable: true, description: '点评方式（最近一次领导点评）' })
  reviewMode?: ReviewMode;
  @Field(() => Int, { defaultValue: 50 }) first!: number;
  @Field(() => String, { nullable: true }) after?: string;
}
