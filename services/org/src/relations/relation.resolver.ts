import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import { MemberObject, UnitObject } from '../shared/graphql/objects';
import { RegistryReadService } from '../shared/registry-read.service';
import { RelationService } from './relation.service';
import {
  BranchPairingObject,
  CadreAssignmentInput,
  CadreAssignmentObject,
  InspectionGroupInput,
  InspectionGroupObject,
  MemberTransferObject,
} from './relation.types';
import { TransferService } from './transfer.service';

/** Secretaries, cadres' liaison and oversight, branch pairings and inspection groups. */
@Resolver(() => UnitObject)
export class UnitRelationsResolver {
  constructor(
    private readonly reads: RegistryReadService,
    private readonly relations: RelationService,
  ) {}

  @Query(() => [InspectionGroupObject], { description: '指导检查组' })
  inspectionGroups(@CurrentIdentity() who: Identity) {
    return this.relations.inspectionGroups(who);
  }

  @ResolveField(() => [CadreAssignmentObject], { description: '联系、分管该组织的领导干部' })
  async cadreAssignments(@Parent() u: UnitObject, @CurrentIdentity() who: Identity) {
    return (await this.relations.relationsOf(who, u.id)).cadres;
  }

  @ResolveField(() => [BranchPairingObject], { description: '结对支部' })
  async pairings(@Parent() u: UnitObject, @CurrentIdentity() who: Identity) {
    return (await this.relations.relationsOf(who, u.id)).pairings;
  }

  @Mutation(() => UnitObject, { description: '设置或取消书记（memberId 为空即取消）' })
  async setSecretary(
    @CurrentIdentity() who: Identity,
    @Args('unitId', { type: () => ID }) unitId: string,
    @Args('memberId', { type: () => ID, nullable: true }) memberId?: string | null,
  ) {
    return this.reads.unitOrFail(who, await this.relations.setSecretary(who, unitId, memberId ?? null));
  }

  @Mutation(() => Boolean, { description: '设置领导干部联系点或分管范围' })
  assignCadre(@CurrentIdentity() who: Identity, @Args('input') input: CadreAssignmentInput) {
    return this.relations.assignCadre(who, input, true);
  }

  @Mutation(() => Boolean, { description: '取消领导干部联系点或分管范围' })
  async unassignCadre(@CurrentIdentity() who: Identity, @Args('input') input: CadreAssignmentInput) {
    return !(await this.relations.assignCadre(who, input, false));
  }

  @Mutation(() => Boolean, { description: '支部结对' })
  pairBranches(
    @CurrentIdentity() who: Identity,
    @Args('a', { type: () => ID }) a: string,
    @Args('b', { type: () => ID }) b: string,
  ) {
    return this.relations.pairBranches(who, a, b, true);
  }

  @Mutation(() => Boolean, { description: '解除支部结对' })
  async unpairBranches(
    @CurrentIdentity() who: Identity,
    @Args('a', { type: () => ID }) a: string,
    @Args('b', { type: () => ID }) b: string,
  ) {
    return !(await this.relations.pairBranches(who, a, b, false));
  }

  @Mutation(() => ID, { description: '新建或修改指导检查组；返回其编号' })
  saveInspectionGroup(
    @CurrentIdentity() who: Identity,
    @Args('input') input: InspectionGroupInput,
    @Args('id', { type: () => ID, nullable: true }) id?: string,
  ) {
    return this.relations.saveInspectionGroup(who, id ?? null, input);
  }

  @Mutation(() => Boolean, { description: '删除指导检查组' })
  deleteInspectionGroup(@CurrentIdentity() who: Identity, @Args('id', { type: () => ID }) id: string) {
    return this.relations.deleteInspectionGroup(who, id);
  }
}

/** A member's transfers between branches (组织关系转接). */
@Resolver(() => MemberObject)
export class MemberTransferResolver {
  constructor(
    private readonly reads: RegistryReadService,
    private readonly transferService: TransferService,
  ) {}

  @ResolveField(() => [MemberTransferObject], { description: '组织关系转接记录' })
  transfers(@Parent() m: MemberObject) {
    return this.transferService.transfers(m.id);
  }

  @Mutation(() => MemberObject, {
    nullable: true,
    description: '组织关系转接（转入另一个党支部）；转出本人可见范围后返回空',
  })
  async transferMember(
    @CurrentIdentity() who: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('toBranchId', { type: () => ID }) toBranchId: string,
    @Args('reason') reason: string,
  ) {
    return this.reads.member(who, await this.transferService.transferMember(who, id, toBranchId, reason));
  }
}
