import { ArgsType, Field, Int } from '@nestjs/graphql';

@ArgsType()
export class PanelArgs {
  @Field({ description: '活动 ID' }) campaignId!: string;
  @Field(() => String, { nullable: true, description: '所查组织路径，缺省为本人管理范围' }) orgPath?: string;
}

@ArgsType()
export class PagedPanelArgs extends PanelArgs {
  @Field(() => Int, { defaultValue: 0, description: '跳过前多少条' }) offset!: number;
  @Field(() => Int, { defaultValue: 50, description: '每页条数（1–500）' }) limit!: number;
}

@ArgsType()
export class TrendArgs extends PanelArgs {
  @Field(() => String, {
    nullable: true,
    description: '起始日期（YYYY-MM-DD，北京时间），缺省为截止日前 29 天',
  })
  from?: string;
  @Field(() => String, { nullable: true, description: '截止日期（YYYY-MM-DD，北京时间），缺省为今天' })
  to?: string;
}
