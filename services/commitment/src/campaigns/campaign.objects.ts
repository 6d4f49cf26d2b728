import { Directive, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Campaign', { description: '承诺践诺活动' })
@Directive('@key(fields: "id")')
export class CampaignObject {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => Int) year!: number;
  @Field({ description: '活动范围：该组织及其下级' }) scopePath!: string;
  @Field({ description: 'draft / running / paused / closed' }) status!: string;
  @Field() statusLabel!: string;
  @Field({ description: '阶段日历、提醒与问责、点评人规则、定期报告与抽查（JSON）' }) settingsJson!: string;
  @Field({ description: '点评模板（JSON）；未设置时为标准内容' }) templatesJson!: string;
  @Field({ description: '建立承诺：pending / launching / launched' }) launchStatus!: string;
  @Field(() => Int, { description: '已建立承诺的对象数' }) subjectsCreated!: number;
  @Field() createdBy!: string;
  @Field() createdAt!: Date;
  @Field({ nullable: true }) startedAt?: Date;
  @Field({ nullable: true }) closedAt?: Date;
  @Field({ nullable: true }) closedReason?: string;
}

@InputType()
export class CreateCampaignInput {
  @Field() id!: string;
  @Field() name!: string;
  @Field(() => Int) year!: number;
  @Field() scopePath!: string;
  @Field({ nullable: true, description: '阶段设置（JSON），缺省用默认值' }) settingsJson?: string;
  @Field({ nullable: true, description: '点评模板（JSON），缺省为标准内容' }) templatesJson?: string;
}

@InputType()
export class UpdateCampaignInput {
  @Field({ nullable: true }) name?: string;
  @Field(() => Int, { nullable: true }) year?: number;
  @Field({ nullable: true }) settingsJson?: string;
  @Field({ nullable: true }) templatesJson?: string;
}

@ObjectType('CampaignOpened')
export class CampaignOpenedObject {
  @Field() campaignId!: string;
  @Field(() => Int) started!: number;
  @Field(() => Int, { description: '已存在、未重复创建的' }) existing!: number;
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
