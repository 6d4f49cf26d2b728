import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import {
  CommitmentUpdate,
  ErrorCode,
  LifecycleEvents,
  LifecycleSettings,
  RectificationUpdate,
  isWithinScope,
  orgChangedSignal,
  rectificationWorkflowId,
  type Actor,
  type CommitmentUpdateName,
  type CommitmentUpdates,
  type Identity,
  type RectificationUpdateName,
  type RectificationUpdates,
  type StepUpdateDefinition,
  type SubjectRef,
  type UpdateOutcome,
} from '@pingyi/contracts';
import { DomainError, TEMPORAL_CLIENT, requireRole } from '@pingyi/nest';
import { commitmentPayload, type CommitmentRef } from './payloads';
import { startCommitment } from './start-commitment';
import { openCommitments, openingOf } from './bulk-open';
import { openCampaign, type CampaignOpened } from '../campaigns/open-campaign';
import { badInput } from './bad-input';
import { emSql, recordEvent, stableUuid } from '@pingyi/persistence';
import { inSubtree } from '../scope/subtree';
import { BAD_CODE, TokenSchema, issueTokens, recordResponse } from './mass-evaluation';
import { PublicLimits } from './public-limits';
import { isSubjectOf, mutualReviewClaim } from './subject-guards';
import { notApplied } from './update-errors';
import { priorStep, sendStep, stepDeadline } from './steps';

/** A step's request id (optional) and deadline (epoch ms). */
interface Step {
  requestId?: string | undefined;
  deadline: number;
}

interface CommitmentRow extends CommitmentRef {
  workflow_id: string;
  org_path: string;
}

const toActor = (who: Identity): Actor => ({
  personId: who.personId,
  name: who.name,
  roles: who.roles,
  orgPath: who.orgPath,
});

/** Every human step: checked here (role, scope), then handed to the workflow as an Update whose validator decides. */
@Injectable()
export class LifecycleCommands {
  private readonly log = new Logger('Lifecycle');
  private readonly limits = new PublicLimits();

  constructor(
    private readonly em: EntityManager,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  openCampaign(who: Identity, raw: unknown): Promise<CampaignOpened> {
    return openCampaign(this.em, this.temporal, who, raw);
  }

  private async commitmentFor(who: Identity | null, id: string): Promise<CommitmentRow> {
    const [row] = await emSql(this.em.fork()).query<CommitmentRow>(
      `select id, workflow_id, org_path, stage, subject_kind, subject_id, campaign_id from commitment.commitment where id = $1`,
      [id],
    );
    if (!row || (who && !isWithinScope(who.orgPath, row.org_path)))
      throw new DomainError(ErrorCode.NOT_FOUND, '未找到该承诺，或不在您的管理范围内');
    return row;
  }

  /** A human step on a commitment. Returns the commitment id once the workflow has recorded it. */
  async act<K extends CommitmentUpdateName>(
    who: Identity | null,
    commitmentId: string,
    name: K,
    args: CommitmentUpdates[K],
    opts: { anonymous?: boolean; requestId?: string | undefined } = {},
  ): Promise<UpdateOutcome> {
    const step: Step = { requestId: opts.requestId, deadline: stepDeadline() };
    const row = await this.commitmentFor(who, commitmentId);
    const actor = who && !opts.anonymous ? toActor(who) : null;
    if (name === 'submitMutualReview' && who)
      return this.mutualReview(who, row, opts.anonymous === true, { actor, args }, step);
    return this.update(row.workflow_id, CommitmentUpdate[name], { actor, args }, step);
  }

  /**
   * 互评: never by the subject itself (a unit's own secretary included), in either mode; one review per person, mode
   * and stage, held by a claim that names nobody (see `mutualReviewClaim`), given back if the workflow refuses.
   */
  private async mutualReview(
    who: Identity,
    row: CommitmentRow,
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
      const o = await this.update(row.workflow_id, CommitmentUpdate.submitMutualReview, arg, step);
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
  ): Promise<UpdateOutcome> {
    return sendStep<UpdateOutcome>(this.temporal, { workflowId, update, arg, ...step });
  }

  /** Single-use evaluation codes for one list of evaluators. Only their hashes are kept; nobody's name goes with them. */
  async issueEvaluationTokens(who: Identity, commitmentId: string, raw: unknown): Promise<string[]> {
    requireRole(who, 'prefecture_admin', 'county_admin', 'unit_secretary');
    const p = TokenSchema.safeParse(raw);
    if (!p.success) throw badInput(p.error.issues.map((i) => i.message));
    const row = await this.commitmentFor(who, commitmentId);
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
    const row = await this.commitmentFor(null, commitmentId);
    this.limits.objection(who, row.id);
    return this.update(
      row.workflow_id,
      CommitmentUpdate.raiseObjection,
      { actor: null, args: { content } },
      step,
    );
  }

  /** The escalated-to person explains the cause (查清原因). */
  async fillAccountabilityCause(who: Identity, id: string, cause: string): Promise<void> {
    const text = cause.trim();
    if (text.length < 4 || text.length > 2000) throw badInput(['问责原因说明应为 4–2000 字']);
    await this.em.fork().transactional(async (tx) => {
      const sql = emSql(tx);
      const [a] = await sql.query<{
        assignee_id: string | null;
        cause: string | null;
        commitment_id: string;
        rectification_id: string;
        level: number;
      }>(
        `select assignee_id, cause, commitment_id, rectification_id, level from commitment.accountability where id = $1 for update`,
        [id],
      );
      if (!a) throw new DomainError(ErrorCode.NOT_FOUND, '未找到该问责记录');
      if (a.assignee_id !== who.personId)
        throw new DomainError(ErrorCode.FORBIDDEN, '只有被问责人可以填写原因说明');
      if (a.cause) throw new DomainError(ErrorCode.CONFLICT, '原因说明已填写，不能重复填写');
      await sql.query(`update commitment.accountability set cause = $2, cause_at = now() where id = $1`, [
        id,
        text,
      ]);
      const [c] = await sql.query<CommitmentRow>(
        `select id, org_path, stage, subject_kind, subject_id, campaign_id from commitment.commitment where id = $1`,
        [a.commitment_id],
      );
      recordEvent(tx, LifecycleEvents['accountability.cause_filled'], {
        eventId: stableUuid(`accountability:${id}:cause`),
        aggregateId: a.commitment_id,
        orgPath: c!.org_path,
        payload: commitmentPayload(c!, {
          actorId: who.personId,
          rectificationId: a.rectification_id,
          data: { accountabilityId: id, level: a.level, cause: text },
        }),
      });
    });
  }

  async markInboxRead(who: Identity, ids: string[]): Promise<number> {
    const rows = await emSql(this.em.fork()).query(
      `update commitment.inbox_message set read_at = now() where person_id = $1 and id = any($2::uuid[]) and read_at is null returning id`,
      [who.personId, ids],
    );
    return rows.length;
  }

  /** Called by the org-event consumer: the subject moved, so its open commitments re-resolve. */
  /**
   * A subject joined, or moved, within the scope of running campaigns: each such campaign started before the change
   * gives it a commitment (a campaign started after it finds the subject in its own launch). Once only: the opening
   * and the workflow id are deterministic. Returns how many were opened.
   */
  async subjectJoined(subject: SubjectRef, at: string): Promise<number> {
    const campaigns = await emSql(this.em.fork()).query<{
      id: string;
      scope_path: string;
      settings: unknown;
    }>(
      `select id, scope_path, settings from commitment.campaign c
        where status in ('running', 'paused') and launch_status <> 'pending'
          and coalesce(started_at, created_at) <= $3::timestamptz
          and ${inSubtree('$1', 'scope_path')}
          and not exists (select 1 from commitment.commitment x where x.campaign_id = c.id and x.subject_id = $2)`,
      [subject.orgPath, subject.id, at],
    );
    for (const c of campaigns) {
      const settings = LifecycleSettings.parse(c.settings);
      const opening = openingOf(c.id, subject);
      const { deadlines } = await openCommitments(this.em, {
        campaignId: c.id,
        settings,
        openings: [opening],
        at: new Date(),
      });
      const stageDeadline = deadlines.get(opening.commitmentId);
      await startCommitment(this.temporal, {
        campaignId: c.id,
        scopePath: c.scope_path,
        settings,
        subject,
        ...(stageDeadline ? { opened: { stageDeadline } } : {}),
      });
    }
    return campaigns.length;
  }

  /**
   * Tells a subject's open commitments that it left: of every campaign (`outside` null), or of the campaigns whose
   * scope no longer holds its new place. Each closes (as cancelled) with the reason. Returns how many were told.
   */
  async subjectLeft(subjectId: string, reason: string, eventId: string, outside: string | null = null) {
    const rows = await emSql(this.em.fork()).query<{ workflow_id: string }>(
      `select x.workflow_id from commitment.commitment x join commitment.campaign c on c.id = x.campaign_id
        where x.subject_id = $1 and x.stage not in ('closed', 'cancelled')
          and ($2::text is null or not ${inSubtree('$2', 'c.scope_path')})`,
      [subjectId, outside],
    );
    for (const r of rows)
      await this.temporal.workflow
        .getHandle(r.workflow_id)
        .signal(orgChangedSignal, { reason, eventId, left: true })
        .catch((e: unknown) => this.log.warn(`subjectLeft → ${r.workflow_id}: ${String(e)}`));
    return rows.length;
  }

  /** Tells open commitments of these subjects (in campaigns whose scope holds `within`, if given) to re-resolve. */
  async orgChanged(
    subjectIds: string[],
    reason: string,
    eventId: string,
    within: string | null = null,
  ): Promise<number> {
    const rows = await emSql(this.em.fork()).query<{ workflow_id: string }>(
      `select x.workflow_id from commitment.commitment x join commitment.campaign c on c.id = x.campaign_id
        where x.subject_id = any($1::text[]) and x.stage not in ('closed', 'cancelled')
          and ($2::text is null or ${inSubtree('$2', 'c.scope_path')})`,
      [subjectIds, within],
    );
    for (const r of rows)
      await this.temporal.workflow
        .getHandle(r.workflow_id)
        .signal(orgChangedSignal, { reason, eventId })
        .catch((e: unknown) => this.log.warn(`orgChanged → ${r.workflow_id}: ${String(e)}`));
    return rows.length;
  }
}
