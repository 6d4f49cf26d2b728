import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DEFAULT_REVIEW_TEMPLATES, ErrorCode, LifecycleSettings, type Identity } from '@pingyi/contracts';
import { CurrentIdentity, DomainError } from '@pingyi/nest';
import {
  CampaignObject,
  CampaignOpenedObject,
  CreateCampaignInput,
  OpenCampaignInput,
  UpdateCampaignInput,
} from './campaign.objects';
import { CampaignService, CampaignStatusLabel, type CampaignRow } from './campaign.service';

const toObject = (r: CampaignRow): CampaignObject => ({
  id: r.id,
  name: r.name,
  year: r.year,
  scopePath: r.scope_path,
  status: r.status,
  statusLabel: CampaignStatusLabel[r.status] ?? r.status,
  settingsJson: JSON.stringify(r.settings),
  templatesJson: JSON.stringify(r.templates ?? DEFAULT_REVIEW_TEMPLATES),
  launchStatus: r.launch_status,
  subjectsCreated: r.subjects_created,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  startedAt: r.started_at ? new Date(r.started_at) : undefined,
  closedAt: r.closed_at ? new Date(r.closed_at) : undefined,
  closedReason: r.closed_reason ?? undefined,
});

function parseSettings(json: string | undefined): unknown {
  if (!json) return LifecycleSettings.parse({});
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new DomainError(ErrorCode.BAD_INPUT, '阶段设置不是有效的 JSON');
  }
}

@Resolver(() => CampaignObject)
export class CampaignResolver {
  constructor(private readonly service: CampaignService) {}

  @Query(() => CampaignObject, { nullable: true, description: '活动' })
  async campaign(@CurrentIdentity() who: Identity, @Args('id', { type: () => ID }) id: string) {
    const r = await this.service.get(who, id);
    return r && toObject(r);
  }

  @Query(() => [CampaignObject], { description: '与本组织有关的活动（本级及下级的，和覆盖本级的）' })
  async campaigns(
    @CurrentIdentity() who: Identity,
    @Args('year', { type: () => Int, nullable: true }) year: number | undefined,
  ) {
    return (await this.service.list(who, year ?? null)).map(toObject);
  }

  @Query(() => [String], { description: '某类对象在本活动中的点评内容（按领域或党员类别）' })
  reviewAspects(
    @CurrentIdentity() who: Identity,
    @Args('campaignId', { type: () => ID }) campaignId: string,
    @Args('subjectKind', { description: 'unit / member' }) kind: string,
    @Args('field', { type: () => String, nullable: true }) field: string | undefined,
    @Args('memberType', { type: () => String, nullable: true }) memberType: string | undefined,
  ) {
    return this.service.reviewAspects(who, campaignId, { kind, field, memberType });
  }

  @Mutation(() => CampaignObject, { description: '新建活动（草稿，开始前可修改）' })
  async createCampaign(@CurrentIdentity() who: Identity, @Args('input') input: CreateCampaignInput) {
    return toObject(await this.service.create(who, input));
  }

  @Mutation(() => CampaignObject, { description: '修改活动（仅限开始前）' })
  async updateCampaign(
    @CurrentIdentity() who: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateCampaignInput,
  ) {
    return toObject(await this.service.update(who, id, input));
  }

  @Mutation(() => CampaignObject, {
    description: '开始活动：为范围内全部组织和党员建立承诺，启动月报、季报和每周抽查',
  })
  async startCampaign(@CurrentIdentity() who: Identity, @Args('id', { type: () => ID }) id: string) {
    return toObject(await this.service.start(who, id));
  }

  @Mutation(() => CampaignObject, { description: '暂停活动（暂停建立承诺和定期工作）' })
  async pauseCampaign(@CurrentIdentity() who: Identity, @Args('id', { type: () => ID }) id: string) {
    return toObject(await this.service.pause(who, id));
  }

  @Mutation(() => CampaignObject, { description: '恢复活动' })
  async resumeCampaign(@CurrentIdentity() who: Identity, @Args('id', { type: () => ID }) id: string) {
    return toObject(await this.service.resume(who, id));
  }

  @Mutation(() => CampaignObject, { description: '结束活动（不再建立承诺、不再生成报告和抽查）' })
  async closeCampaign(
    @CurrentIdentity() who: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ) {
    return toObject(await this.service.close(who, id, reason));
  }

  /** createCampaign and startCampaign in one step, for named subjects too (see open-campaign.ts). */
  @Mutation(() => CampaignOpenedObject, { description: '开启活动：为指定组织和党员各建一项承诺' })
  openCampaign(@CurrentIdentity() who: Identity, @Args('input') input: OpenCampaignInput) {
    return this.service.open(who, {
      ...input,
      subjects: input.subjects ?? [],
      settings: parseSettings(input.settingsJson),
    });
  }
}
