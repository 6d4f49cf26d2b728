import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { CadreRank, Gender, MemberType, NotifyChannel } from '@pingyi/contracts';
import {
  MemberTypeGql,
  CadreRankGql,
  GenderGql,
  MemberStatusGql,
  NotifyChannelGql,
} from '../shared/graphql/enums';
import { MemberObject } from '../shared/graphql/objects';

@InputType({ description: '党员查询条件' })
export class MemberSearchInput {
  @Field(() => ID) unitId!: string;
  @Field({ nullable: true, defaultValue: true, description: '是否包含下级组织的党员' })
  includeSubtree?: boolean;
  @Field(() => MemberTypeGql, { nullable: true }) type?: MemberType;
  @Field({ nullable: true, description: '姓名包含' }) name?: string;
  @Field(() => MemberStatusGql, { nullable: true, defaultValue: 'active' }) status?: string;
  @Field(() => Int, { nullable: true, defaultValue: 20 }) first?: number;
  @Field({ nullable: true }) after?: string;
}

@InputType({ description: '添加党员' })
export class AddMemberInput {
  @Field() name!: string;
  @Field(() => GenderGql) gender!: Gender;
  @Field({ description: '18 位身份证号' }) idNumber!: string;
  @Field({ description: '入党日期 YYYY-MM-DD' }) joinedAt!: string;
  @Field(() => MemberTypeGql) type!: MemberType;
  @Field(() => CadreRankGql, { nullable: true }) cadreRank?: CadreRank | null;
  @Field(() => String, { nullable: true, description: '外出地点（流动党员必填）' }) mobileLocation?:
    string | null;
  @Field(() => ID, { description: '所在党支部' }) branchId!: string;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => [NotifyChannelGql], {
    nullable: true,
    description: '接收通知的渠道（站内消息之外）；不填为全部已登记的渠道',
  })
  notifyChannels?: NotifyChannel[] | null;
}

@InputType({ description: '修改党员信息' })
export class UpdateMemberInput {
  @Field({ nullable: true }) name?: string;
  @Field(() => GenderGql, { nullable: true }) gender?: Gender;
  @Field({ nullable: true }) joinedAt?: string;
  @Field(() => MemberTypeGql, { nullable: true }) type?: MemberType;
  @Field(() => CadreRankGql, { nullable: true }) cadreRank?: CadreRank | null;
  @Field(() => String, { nullable: true }) mobileLocation?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => [NotifyChannelGql], {
    nullable: true,
    description: '接收通知的渠道（站内消息之外）；空为全部已登记的渠道',
  })
  notifyChannels?: NotifyChannel[] | null;
}

@ObjectType('MemberPage')
export class MemberPageObject {
  @Field(() => [MemberObject]) items!: MemberObject[];
  @Field(() => Int) totalCount!: number;
  @Field(() => String, { nullable: true, description: '下一页游标；为空表示没有更多' }) nextCursor!:
    string | null;
}
