import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import type { CadreRank, Gender, MemberType, NotifyChannel, UnitField, UnitLevel } from '@pingyi/contracts';
import {
  UnitLevelGql,
  UnitFieldGql,
  MemberTypeGql,
  CadreRankGql,
  GenderGql,
  UnitStatusGql,
  MemberStatusGql,
  NotifyChannelGql,
} from './enums';

@ObjectType('Unit', { description: '党组织' })
@Directive('@key(fields: "id")')
export class UnitObject {
  @Field(() => ID) id!: string;
  @Field({ description: '组织编码' }) code!: string;
  @Field({ description: '组织名称' }) name!: string;
  @Field(() => UnitLevelGql) level!: UnitLevel;
  @Field({ description: '组织层级（中文）' }) levelLabel!: string;
  @Field(() => UnitFieldGql) field!: UnitField;
  @Field({ description: '组织领域（中文）' }) fieldLabel!: string;
  @Field({ description: '组织路径（编码以点分隔）' }) path!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => ID, { nullable: true }) secretaryId!: string | null;
  @Field(() => UnitStatusGql) status!: string;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => String, { nullable: true }) closedReason!: string | null;
}

@ObjectType('Member', { description: '党员' })
@Directive('@key(fields: "id")')
export class MemberObject {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => GenderGql) gender!: Gender;
  @Field({ description: '身份证号（脱敏）' }) idNumberMasked!: string;
  @Field({ description: '出生日期 YYYY-MM-DD' }) birthDate!: string;
  @Field({ description: '入党日期 YYYY-MM-DD' }) joinedAt!: string;
  @Field(() => MemberTypeGql) type!: MemberType;
  @Field({ description: '党员类别（中文）' }) typeLabel!: string;
  @Field(() => CadreRankGql, { nullable: true }) cadreRank!: CadreRank | null;
  @Field(() => String, { nullable: true, description: '外出地点' }) mobileLocation!: string | null;
  @Field(() => ID) branchId!: string;
  @Field() branchPath!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => [NotifyChannelGql], {
    nullable: true,
    description: '接收通知的渠道（站内消息之外）；空为全部已登记的渠道',
  })
  notifyChannels!: NotifyChannel[] | null;
  @Field(() => MemberStatusGql) status!: string;
  @Field(() => String, { nullable: true }) leftReason!: string | null;
}
