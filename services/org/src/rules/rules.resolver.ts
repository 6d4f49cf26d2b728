import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Identity, ReviewerPreference } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import { inScope } from '../scope/scope';
import { emSql } from '../shared/em-sql';
import { ReviewerBasisGql, ReviewerPreferenceGql, SubjectKindGql } from '../shared/graphql/enums';
import { OrgErrors } from '../shared/org.errors';
import { RegistryReadService } from '../shared/registry-read.service';
import { OrgNotFoundError, escalationChain, resolveReviewer } from './review-rules';
import { EscalationStepObject, ReviewerResolutionObject } from './rule.types';

const BASIS_LABEL: Record<string, string> = {
  superior_secretary: '上级党组织书记',
  liaison: '联系点领导（谁联系谁点评）',
  oversight: '分管领导（谁分管谁点评）',
  branch_secretary: '所在支部书记',
  ancestor_secretary: '更上级党组织书记（上级未配书记）',
};
void ReviewerBasisGql;

/** Who reviews whom and who answers for a unit up the tree (the rules of review-rules.ts). */
@Resolver()
export class RulesResolver {
  constructor(
    private readonly reads: RegistryReadService,
    private readonly em: EntityManager,
  ) {}

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
    await this.reads.unitOrFail(who, unitId);
    return escalationChain(emSql(this.em.fork()), unitId);
  }
}
