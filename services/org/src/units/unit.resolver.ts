import {
  Args,
  Context,
  ID,
  Info,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  ResolveReference,
  Resolver,
} from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity, type SubgraphContext } from '@pingyi/nest';
import { visible } from '../scope/scope';
import { asksFor } from '../shared/graphql/asks-for';
import { loadersFor } from '../shared/graphql/loaders';
import { toMemberObject, toUnitObject } from '../shared/graphql/mappers';
import { MemberObject, UnitObject } from '../shared/graphql/objects';
import { RegistryReadService } from '../shared/registry-read.service';
import { UnitQueriesService } from './unit-queries.service';
import { UnitService } from './unit.service';
import {
  CreateUnitInput,
  UnitPageObject,
  UnitSearchInput,
  UnitTreeNodeObject,
  UpdateUnitInput,
} from './unit.types';

/** Units: lookups, the tree, search, their own fields and the unit mutations. */
@Resolver(() => UnitObject)
export class UnitResolver {
  constructor(
    private readonly reads: RegistryReadService,
    private readonly queries: UnitQueriesService,
    private readonly writes: UnitService,
  ) {}

  @Query(() => UnitObject, { nullable: true, description: '按编号或编码查询组织' })
  unit(
    @CurrentIdentity() who: Identity,
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('code', { nullable: true }) code?: string,
  ) {
    return this.reads.unit(who, { id, code });
  }

  @Query(() => [UnitTreeNodeObject], { description: '组织树（按路径排序），默认从本人可见范围的根开始' })
  unitTree(
    @CurrentIdentity() who: Identity,
    @Args('rootId', { type: () => ID, nullable: true }) rootId?: string,
    @Args('depth', { type: () => Int, defaultValue: 2 }) depth = 2,
  ) {
    return this.queries.unitTree(who, rootId, depth);
  }

  @Query(() => UnitPageObject, { description: '在子树中分页搜索组织' })
  searchUnits(
    @CurrentIdentity() who: Identity,
    @Info() info: GraphQLResolveInfo,
    @Args('input', { nullable: true }) input?: UnitSearchInput,
  ) {
    return this.queries.searchUnits(who, input ?? {}, asksFor(info, 'totalCount'));
  }

  @ResolveField(() => UnitObject, { nullable: true })
  async parent(@Parent() u: UnitObject, @Context() ctx: SubgraphContext) {
    if (!u.parentId) return null;
    const p = await loadersFor(ctx, this.reads).unit.load(u.parentId);
    return p ? visible(ctx.identity, p.path, toUnitObject(p)) : null;
  }

  @ResolveField(() => MemberObject, { nullable: true, description: '书记' })
  async secretary(@Parent() u: UnitObject, @Context() ctx: SubgraphContext) {
    if (!u.secretaryId) return null;
    const m = await loadersFor(ctx, this.reads).member.load(u.secretaryId);
    return m ? visible(ctx.identity, m.branch_path, toMemberObject(m)) : null;
  }

  /**
   * Federation entity lookups obey the same rule as every other read: nothing outside the subtree. (No parameter
   * decorators: Nest then passes Apollo's (reference, context) as they are.)
   */
  @ResolveReference()
  resolveReference(ref: { id: string }, ctx: SubgraphContext) {
    return this.reads.unit(ctx.identity, { id: ref.id });
  }

  @ResolveField(() => Int, { description: '子树中在册党员数' })
  memberCount(@Parent() u: UnitObject) {
    return this.reads.memberCount(u.path);
  }

  @Mutation(() => UnitObject, { description: '新建党组织' })
  async createUnit(@CurrentIdentity() who: Identity, @Args('input') input: CreateUnitInput) {
    return this.reads.unitOrFail(who, await this.writes.createUnit(who, input));
  }

  @Mutation(() => UnitObject, { description: '修改党组织名称或领域' })
  async updateUnit(
    @CurrentIdentity() who: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateUnitInput,
  ) {
    return this.reads.unitOrFail(who, await this.writes.updateUnit(who, id, input));
  }

  @Mutation(() => UnitObject, { description: '调整隶属关系（移到新的上级组织之下）' })
  async moveUnit(
    @CurrentIdentity() who: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('newParentId', { type: () => ID }) newParentId: string,
  ) {
    return this.reads.unitOrFail(who, await this.writes.moveUnit(who, id, newParentId));
  }

  @Mutation(() => UnitObject, { description: '撤销党组织' })
  async closeUnit(
    @CurrentIdentity() who: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ) {
    return this.reads.unitOrFail(who, await this.writes.closeUnit(who, id, reason));
  }
}
