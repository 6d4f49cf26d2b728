import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { CommitmentUpdate, ErrorCode, type Identity, type UpdateOutcome } from '@pingyi/contracts';
import { DomainError, TEMPORAL_CLIENT, requireRole } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import { sendStep, stepDeadline } from '../lifecycle/steps';
import { isSubjectOf } from '../lifecycle/subject-guards';
import { badInput } from '../shared/bad-input';
import { commitmentFor, type Step } from '../shared/commitment-ref';
import { BAD_CODE, TokenSchema, issueTokens, recordResponse } from './mass-evaluation';
import { PublicLimits } from './public-limits';

/** 群众评议 and objections: what the public channel may do, within its limits, and the codes it needs. */
@Injectable()
export class MassEvaluationService {
  private readonly limits = new PublicLimits();

  constructor(
    private readonly em: EntityManager,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /** Single-use evaluation codes for one list of evaluators. Only their hashes are kept; nobody's name goes with them. */
  async issueEvaluationTokens(who: Identity, commitmentId: string, raw: unknown): Promise<string[]> {
    requireRole(who, 'prefecture_admin', 'county_admin', 'unit_secretary');
    const p = TokenSchema.safeParse(raw);
    if (!p.success) throw badInput(p.error.issues);
    const row = await commitmentFor(this.em, who, commitmentId);
    if (['closed', 'cancelled'].includes(row.stage))
      throw new DomainError(ErrorCode.WRONG_STAGE, '该承诺已结束，不能再发放评议码');
    // Nobody issues (and could fill in) the codes of their own commitment: not the member, not the unit's secretary.
    if (await isSubjectOf(this.temporal, who, row))
      throw new DomainError(ErrorCode.FORBIDDEN, '承诺主体（组织为其书记）不能为自己的承诺发放评议码');
    return issueTokens(this.em, who, row, p.data);
  }

  /** An anonymous evaluation (see `recordResponse`), within the public channel's limits. */
  async submitMassEvaluation(who: Identity | null, raw: unknown): Promise<boolean> {
    this.limits.evaluation(who);
    if (await recordResponse(this.em, raw)) return true;
    this.limits.badCode(who);
    throw new DomainError(ErrorCode.BAD_INPUT, BAD_CODE);
  }

  /** An objection during publicity: the objector is never recorded; the public channel's limits apply. */
  async raiseObjection(
    who: Identity | null,
    commitmentId: string,
    content: string,
    requestId?: string,
  ): Promise<UpdateOutcome> {
    const step: Step = { requestId, deadline: stepDeadline() };
    const row = await commitmentFor(this.em, null, commitmentId);
    this.limits.objection(who, row.id);
    const arg = { actor: null, args: { content } };
    return sendStep(this.temporal, {
      workflowId: row.workflow_id,
      update: CommitmentUpdate.raiseObjection,
      arg,
      ...step,
      sql: emSql(this.em.fork()),
    });
  }
}
