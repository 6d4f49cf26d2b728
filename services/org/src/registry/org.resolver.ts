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
import { Kind, type GraphQLResolveInfo } from 'graphql';
import type { Identity, ReviewerPreference } from '@pingyi/contracts';
import { CurrentIdentity, type SubgraphContext } from '@pingyi/nest';
import { EntityManager } from '@mikro-orm/postgresql';
import { emSql } from '../bulk/em-sql';
import { ReviewerBasisGql, ReviewerPreferenceGql, SubjectKindGql } from '../graphql/enums';
import {
  AddMemberInput,
  CadreAssignmentInput,
  CreateUnitInput,
  InspectionGroupInput,
  MemberSearchInput,
  StartImportInput,
  TemplateInput,
  UnitSearchInput,
  UpdateMemberInput,
  UpdateUnitInput,
} from '../graphql/inputs';
import { loadersFor } from '../graphql/loaders';
import { toMemberObject, toUnitObject } from '../graphql/mappers';
import {
  BranchPairingObject,
  CadreAssignmentObject,
  EscalationStepObject,
  ImportJobObject,
  ImportTemplateObject,
  InspectionGroupObject,
  MemberObject,
  MemberPageObject,
  MemberTransferObject,
  ReviewerResolutionObject,
  UnitObject,
  UnitPageObject,
  UnitTreeNodeObject,
} from '../graphql/objects';
import { OrgErrors } from '../org/org.errors';
import { inScope, visible } from '../org/scope';
import { OrgNotFoundError, escalationChain, resolveReviewer } from '../rules/review-rules';
import { ImportService } from './import.service';
import { OrgReadService } from './org-read.service';
import { OrgRelationsService } from './org-relations.service';
import { OrgWriteService } from './org-write.service';

const BASIS_LABEL: Record<string, string> = {
  superior_secretary: '上级党组织书记',
  liaison: '联系点领导（谁联系谁点评）',
  oversight: '分管领导（谁分管谁点评）',
  branch_secretary: '所在支部书记',
  ancestor_secretary: '更上级党组织书记（上级未配书记）',
};
void ReviewerBasisGql;

/** Whether the query selects `field` directly under this resolver's field (fragments count as yes). */
function asksFor(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some((n) =>
    n.selectionSet?.selections.some((s) => s.kind !== Kind.FIELD || s.name.value === field),
  );
}

@Resolver(() => UnitObject)
export class UnitResolver {
  constructor(
    private readonly reads: OrgReadService,
    private readonly writes: OrgWriteService,
    private readonly relations: OrgRelationsService,
    private readonly imports: ImportService,
    private readonly em: EntityManager,
  ) {}

  private async unitOrFail(who: Identity, id: string): Promise<UnitObject> {
    const u = await this.reads.unit(who, { id });
    if (!u) throw OrgErrors.unitNotFound(id);
    return u;
  }

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
    return this.reads.unitTree(who, rootId, depth);
  }

  @Query(() => UnitPageObject, { description: '在子树中分页搜索组织' })
  searchUnits(
    @CurrentIdentity() who: Identity,
    @Info() info: GraphQLResolveInfo,
    @Args('input', { nullable: true }) input?: UnitSearchInput,
  ) {
    return this.reads.searchUnits(who, input ?? {}, asksFor(info, 'totalCount'));
  }

  @Query(() => MemberPageObject, { description: '某组织（可含下级）的党员，分页' })
  members(
    @CurrentIdentity() who: Identity,
    @Args('input') input: MemberSearchInput,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.reads.members(who, input, asksFor(info, 'totalCount'));
  }

  @Query(() => MemberObject, { nullable: true })
  member(@CurrentIdentity() who: Identity, @Args('id', { type: () => ID }) id: string) {
    return this.reads.member(who, id);
  }

  @Query(() => ReviewerResolutionObject, { description: '谁点评：按统一规则确定点评人' })
  async reviewerOf(
    @CurrentIdentity() who: Identity,
    @Args('subjectKind', { type: () => SubjectKindGql }) subjectKind: 'unit' | 'member',
    @Args('subjectId', { type: () => ID }) subjectId: string,
    @Args('preference', { type: () => ReviewerPreferenceGql, nullable: true })
    preference?: ReviewerPreference,
  ): Promise<ReviewerResolutionObject> {
    const r = await resolveReviewer(emSql(this.em.fork()), { subjectKind, subjectId, preference }).catch(
      (e: unknown) => {
        if (e instanceof OrgNotFoundError)
          throw subjectKind === 'unit'
            ? OrgErrors.unitNotFound(subjectId)
            : OrgErrors.memberNotFound(subjectId);
        throw e;
      },
    );
    if (!inScope(who, r.subjectOrgPath)) {
      throw subjectKind === 'unit' ? OrgErrors.unitNotFound(subjectId) : OrgErrors.memberNotFound(subjectId);
    }
    return {
      ...r,
      basisLabel: r.basis ? (BASIS_LABEL[r.basis] ?? null) : null,
      reviewer: r.reviewer ? { ...r.reviewer, basis: r.basis } : null,
    };
  }

  @Query(() => [EscalationStepObject], { description: '逐级督办链：本级到市（盟）级，各级责任人' })
  async escalationChain(
    @CurrentIdentity() who: Identity,
    @Args('unitId', { type: () => ID }) unitId: string,
  ) {
    await this.unitOrFail(who, unitId);
    return escalationChain(emSql(this.em.fork()), unitId);
  }

  @Query(() => [InspectionGroupObject], { description: '指导检查组' })
  inspectionGroups(@CurrentIdentity() who: Identity) {
    return this.relations.inspectionGroups(who);
  }

  @Query(() => ImportJobObject, { description: '导入任务进度与结果' })
  orgImportJob(@CurrentIdentity() who: Identity, @Args('id', { type: () => ID }) id: string) {
    return this.imports.job(who, id);
  }

  @Query(() => ImportTemplateObject, { description: '下载导入模板' })
  orgImportTemplate(@Args('input') input: TemplateInput) {
    return this.imports.template(input);
  }

  // ── fields ──
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

  @ResolveField(() => [CadreAssignmentObject], { description: '联系、分管该组织的领导干部' })
  async cadreAssignments(@Parent() u: UnitObject, @CurrentIdentity() who: Identity) {
    return (await this.relations.relationsOf(who, u.id)).cadres;
  }

  @ResolveField(() => [BranchPairingObject], { description: '结对支部' })
  async pairings(@Parent() u: UnitObject, @CurrentIdentity() who: Identity) {
    return (await this.relations.relationsOf(who, u.id)).pairings;
  }

  // ── mutations ──
  @Mutation(() => UnitObject, { description: '新建党组织' })
  async createUnit(@CurrentIdentity() who: Identity, @Args('input') input: CreateUnitInput) {
    return this.unitOrFail(who, await this.writes.createUnit(who, input));
  }

  @Mutation(() => UnitObject, { description: '修改党组织名称或领域' })
  async updateUnit(
    @CurrentIdentity() who: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateUnitInput,
  ) {
    return this.unitOrFail(who, await this.writes.updateUnit(who, id, input));
  }

  @Mutation(() => UnitObject, { description: '调整隶属关系（移到新的上级组织之下）' })
  async moveUnit(
    @CurrentIdentity() who: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('newParentId', { type: () => ID }) newParentId: string,
  ) {
    return this.unitOrFail(who, await this.writes.moveUnit(who, id, newParentId));
  }

  @Mutation(() => UnitObject, { description: '撤销党组织' })
  async closeUnit(
    @CurrentIdentity() who: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ) {
    return this.unitOrFail(who, await this.writes.closeUnit(who, id, reason));
  }

  @Mutation(() => UnitObject, { description: '设置或取消书记（memberId 为空即取消）' })
  async setSecretary(
    @CurrentIdentity() who: Identity,
    @Args('unitId', { type: () => ID }) unitId: string,
    @Args('memberId', { type: () => ID, nullable: true }) memberId?: string | null,
  ) {
    return this.unitOrFail(who, await this.relations.setSecretary(who, unitId, memberId ?? null));
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

  @Mutation(() => ImportJobObject, {
    description: '开始批量导入（CSV 或 Excel）；先整体校验，有错误则不导入',
  })
  startOrgImport(@CurrentIdentity() who: Identity, @Args('input') input: StartImportInput) {
    return this.imports.start(who, input);
  }
}

@Resolver(() => MemberObject)
export class MemberResolver {
  constructor(
    private readonly reads: OrgReadService,
    private readonly writes: OrgWriteService,
  ) {}

  private async memberOrFail(who: Identity, id: string): Promise<MemberObject> {
    const m = await this.reads.member(who, id);
    if (!m) throw OrgErrors.memberNotFound(id);
    return m;
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

  @ResolveField(() => [MemberTransferObject], { description: '组织关系转接记录' })
  transfers(@Parent() m: MemberObject) {
    return this.reads.transfers(m.id);
  }

  @Mutation(() => MemberObject, { description: '添加党员' })
  async addMember(@CurrentIdentity() who: Identity, @Args('input') input: AddMemberInput) {
    return this.memberOrFail(who, await this.writes.addMember(who, input));
  }

  @Mutation(() => MemberObject, { description: '修改党员信息' })
  async updateMember(
    @CurrentIdentity() who: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateMemberInput,
  ) {
    return this.memberOrFail(who, await this.writes.updateMember(who, id, input));
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
    return this.reads.member(who, await this.writes.transferMember(who, id, toBranchId, reason));
  }

  @Mutation(() => MemberObject, { description: '减少党员（出党、死亡、转出等）' })
  async removeMember(
    @CurrentIdentity() who: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ) {
    return this.memberOrFail(who, await this.writes.removeMember(who, id, reason));
  }
}
