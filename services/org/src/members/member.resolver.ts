import {
  Args,
  Context,
  ID,
  Info,
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
import { toUnitObject } from '../shared/graphql/mappers';
import { MemberObject, UnitObject } from '../shared/graphql/objects';
import { RegistryReadService } from '../shared/registry-read.service';
import { MemberQueriesService } from './member-queries.service';
import { MemberService } from './member.service';
import { AddMemberInput, MemberPageObject, MemberSearchInput, UpdateMemberInput } from './member.types';

/** Members: lookups, lists, their branch and the member mutations. */
@Resolver(() => MemberObject)
export class MemberResolver {
  constructor(
    private readonly reads: RegistryReadService,
    private readonly queries: MemberQueriesService,
    private readonly writes: MemberService,
  ) {}

  @Query(() => MemberPageObject, { description: '某组织（可含下级）的党员，分页' })
  members(
    @CurrentIdentity() who: Identity,
    @Args('input') input: MemberSearchInput,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.queries.members(who, input, asksFor(info, 'totalCount'));
  }

  @Query(() => MemberObject, { nullable: true })
  member(@CurrentIdentity() who: Identity, @Args('id', { type: () => ID }) id: string) {
    return this.reads.member(who, id);
  }

  @ResolveField(() => UnitObject, { nullable: true, description: '所在支部' })
  async branch(@Parent() m: MemberObject, @Context() ctx: SubgraphContext) {
    const u = await loadersFor(ctx, this.reads).unit.load(m.branchId);
    return u ? visible(ctx.identity, u.path, toUnitObject(u)) : null;
  }

  @ResolveReference()
  resolveReference(ref: { id: string }, ctx: SubgraphContext) {
    return this.reads.member(ctx.identity, ref.id);
  }

  @Mutation(() => MemberObject, { description: '添加党员' })
  async addMember(@CurrentIdentity() who: Identity, @Args('input') input: AddMemberInput) {
    return this.reads.memberOrFail(who, await this.writes.addMember(who, input));
  }

  @Mutation(() => MemberObject, { description: '修改党员信息' })
  async updateMember(
    @CurrentIdentity() who: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateMemberInput,
  ) {
    return this.reads.memberOrFail(who, await this.writes.updateMember(who, id, input));
  }

  @Mutation(() => MemberObject, { description: '减少党员（出党、死亡、转出等）' })
  async removeMember(
    @CurrentIdentity() who: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ) {
    return this.reads.memberOrFail(who, await this.writes.removeMember(who, id, reason));
  }
}
