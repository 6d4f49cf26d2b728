import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import {
  CommitmentUpdate,
  ErrorCode,
  RectificationUpdate,
  isWithinScope,
  rectificationWorkflowId,
  type Actor,
  type CommitmentUpdateName,
  type CommitmentUpdates,
  type Identity,
  type RectificationUpdateName,
  type RectificationUpdates,
  type StepUpdateDefinition,
  type UpdateOutcome,
} from '@pingyi/contracts';
import { DomainError, TEMPORAL_CLIENT } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import { priorStep, sendStep, stepDeadline, type StepRequest } from '../lifecycle/steps';
import { isSubjectOf, mutualReviewClaim } from '../lifecycle/subject-guards';
import { notApplied } from '../lifecycle/update-errors';
import { checkMutualReviewer } from '../lifecycle/pairings';
import { commitmentFor, toActor, type CommitmentRefRow, type Step } from '../shared/commitment-ref';

/** Every human step: checked here (role, scope), then handed to the workflow as an Update whose validator decides. */
@Injectable()
export class StepService {
  constructor(
    private readonly em: EntityManager,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /** A human step on a commitment. Returns the commitment id once the workflow has recorded it. */
  async act<K extends CommitmentUpdateName>(
    who: Identity | null,
    commitmentId: string,
    name: K,
    args: CommitmentUpdates[K],
    opts: { anonymous?: boolean; requestId?: string | undefined } = {},
  ): Promise<UpdateOutcome> {
    const step: Step = { requestId: opts.requestId, deadline: stepDeadline() };
    const mutual = name === 'submitMutualReview' && who;
    // A mutual review follows the pairing (结对), across committees: found unscoped, then checked by the pairing.
    const row = await commitmentFor(this.em, mutual ? null : who, commitmentId);
    const actor = who && !opts.anonymous ? toActor(who) : null;
    if (mutual) {
      await checkMutualReviewer(this.em, who, row.org_path, isWithinScope(who.orgPath, row.org_path));
      return this.mutualReview(who, row, opts.anonymous === true, { actor, args }, step);
    }
    return this.update(row.workflow_id, CommitmentUpdate[name], { actor, args }, step);
  }

  /**
   * 互评: never by the subject itself (a unit's own secretary included), in either mode; one review per person, mode
   * and stage, held by a claim that names nobody (see `mutualReviewClaim`), given back if the workflow refuses.
   */
  private async mutualReview(
    who: Identity,
    row: CommitmentRefRow,
    anonymous: boolean,
    arg: { actor: Actor | null; args: unknown },
    step: Step,
  ): Promise<UpdateOutcome> {
    if (await isSubjectOf(this.temporal, who, row, step.deadline))
      throw new DomainError(ErrorCode.FORBIDDEN, '不能给自己互评');
    const mode = anonymous ? 'anonymous' : 'face_to_face';
    const claim = mutualReviewClaim(row.id, row.stage, mode, who.personId);
    const sql = emSql(this.em.fork());
    const took = await sql.query(
      `insert into commitment.mutual_review_claim (commitment_id, claim) values ($1, $2)
       on conflict do nothing returning claim`,
      [row.id, claim],
    );
    if (took.length === 0) {
      // A retry of the same request finds the first one's outcome; anything else is a second review.
      const prior = await priorStep<UpdateOutcome>(this.temporal, {
        workflowId: row.workflow_id,
        update: CommitmentUpdate.submitMutualReview,
        ...step,
      });
      if (prior) return prior;
      throw new DomainError(ErrorCode.CONFLICT, '您已提交过对该对象的此类互评，同一阶段不能重复提交');
    }
    const release = () =>
      sql.query(`delete from commitment.mutual_review_claim where commitment_id = $1 and claim = $2`, [
        row.id,
        claim,
      ]);
    try {
      // A pending face-to-face review names its reviewer anyway, so its claim may be kept beside it (given back if
      // it is refused in the end); an anonymous one's may not: the claim would tie the reviewer to the text.
      const keep = anonymous ? undefined : { commitmentId: row.id, claim };
      const o = await this.update(row.workflow_id, CommitmentUpdate.submitMutualReview, arg, step, keep);
      if (!o.ok) await release();
      return o;
    } catch (e) {
      // Given back only when the review did not and will not take effect (not when it is still pending).
      if (notApplied(e)) await release();
      throw e;
    }
  }

  async actOnRectification<K extends RectificationUpdateName>(
    who: Identity,
    rectificationId: string,
    name: K,
    args: RectificationUpdates[K],
    requestId?: string,
  ): Promise<UpdateOutcome> {
    const step: Step = { requestId, deadline: stepDeadline() };
    const [row] = await emSql(this.em.fork()).query<{ org_path: string }>(
      `select org_path from commitment.rectification where id = $1`,
      [rectificationId],
    );
    if (!row || !isWithinScope(who.orgPath, row.org_path))
      throw new DomainError(ErrorCode.NOT_FOUND, '未找到该整改事项，或不在您的管理范围内');
    return this.update(
      rectificationWorkflowId(rectificationId),
      RectificationUpdate[name],
      { actor: toActor(who), args },
      step,
    );
  }

  /** A step as a Temporal Update, answered by its deadline (see sendStep). */
  private update(
    workflowId: string,
    update: StepUpdateDefinition,
    arg: unknown,
    step: Step,
    release?: StepRequest['release'],
  ): Promise<UpdateOutcome> {
    const sql = emSql(this.em.fork());
    return sendStep(this.temporal, { workflowId, update, arg, ...step, sql, release });
  }
}
