import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import {
  ErrorCode,
  LifecycleEvents,
  LifecycleSettings,
  isWithinScope,
  rectificationWorkflowId,
  type Actor,
  type CommitmentUpdateName,
  type CommitmentUpdates,
  type Identity,
  type RectificationUpdateName,
  type RectificationUpdates,
  type SubjectRef,
  type UpdateOutcome,
} from '@pingyi/contracts';
import { DomainError, TEMPORAL_CLIENT, requireRole, requireScope } from '@pingyi/nest';
import { campaignPayload, commitmentPayload, type CommitmentRef } from './payloads';
import { startCommitment } from './start-commitment';
import { openCommitments, openingOf } from './bulk-open';
import { campaignSchedulesOf, ensureCampaignSchedules } from '../supervision/campaign-schedules';
import { launchCampaign } from '../campaigns/launch';
import { CampaignFields } from '../campaigns/campaign-fields';
import { badInput } from './bad-input';
import { emSql, recordEvent, stableUuid } from '@pingyi/persistence';
import { inSubtree } from '../scope/subtree';
import { BAD_CODE, TokenSchema, issueTokens, recordResponse } from './mass-evaluation';
import { PublicLimits } from './public-limits';
import { isSubjectOf, mutualReviewClaim } from './subject-guards';
import { toDomainError } from './update-errors';

const OpenCampaignSchema = CampaignFields.extend({
  settings: LifecycleSettings,
  subjects: z
    .array(z.object({ kind: z.enum(['unit', 'member']), id: z.string().uuid('对象编号格式有误') }))
    .max(2000, '一次最多指定 2000 个对象；不指定则为范围内全部组织和党员建立承诺')
    .default([]),
  pageSize: z.number().int().min(10, '每页至少 10 个对象').max(5000, '每页最多 5000 个对象').optional(),
  startConcurrency: z.number().int().min(1, '同时启动数至少为 1').max(256, '同时启动数最多 256').optional(),
});

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

  async openCampaign(
    who: Identity,
    raw: unknown,
  ): Promise<{ campaignId: string; started: number; existing: number }> {
    requireRole(who, 'prefecture_admin', 'county_admin');
    const p = OpenCampaignSchema.safeParse(raw);
    if (!p.success) throw badInput(p.error.issues.map((i) => i.message));
    const c = p.data;
    requireScope(who, c.scopePath);
    const schedules = campaignSchedulesOf(raw);
    await this.em.fork().transactional(async (tx) => {
      const sql = emSql(tx);
      const rows = await sql.query(
        `insert into commitment.campaign
           (id, name, year, scope_path, settings, status, created_by, started_at, launch_status)
         values ($1, $2, $3, $4, $5::jsonb, 'running', $6, now(), $7) on conflict (id) do nothing returning id`,
        [
          c.id,
          c.name,
          c.year,
          c.scopePath,
          JSON.stringify(c.settings),
          who.personId,
          c.subjects.length === 0 ? 'launching' : 'pending',
        ],
      );
      if (rows.length === 0) {
        const [prior] = await sql.query<{ scope_path: string }>(
          `select scope_path from commitment.campaign where id = $1`,
          [c.id],
        );
        if (prior?.scope_path !== c.scopePath)
          throw new DomainError(ErrorCode.CONFLICT, '活动编号已被其他活动使用');
        return;
      }
      recordEvent(tx, LifecycleEvents['campaign.opened'], {
        eventId: stableUuid(`campaign:${c.id}:opened`),
        aggregateId: c.id,
        orgPath: c.scopePath,
        payload: campaignPayload(c.id, who.personId, {
          name: c.name,
          year: c.year,
          subjects: c.subjects.length,
        }),
      });
    });
    const [{ started_at: startedAt } = { started_at: new Date() }] = await emSql(this.em.fork()).query<{
      started_at: Date;
    }>(`select started_at from commitment.campaign where id = $1`, [c.id]);
    if (c.subjects.length === 0) {
      // The whole subtree, and the campaign's scheduled work (a campaign opened again keeps what it has).
      await launchCampaign(this.temporal, { ...c, schedules, startedAt: new Date(startedAt) });
      return { campaignId: c.id, started: 0, existing: 0 };
    }
    await ensureCampaignSchedules(this.temporal, c.id, {
      year: c.year,
      schedules,
      calendar: { startedAt: new Date(startedAt), settings: c.settings },
    });
    let started = 0;
    let existing = 0;
    for (const s of c.subjects) {
      // Opened by id only: the workflow learns where the subject sits from the org service.
      const subject = { kind: s.kind, id: s.id, name: '', orgPath: '', unitId: '' };
      const r = await startCommitment(this.temporal, {
        campaignId: c.id,
        scopePath: c.scopePath,
        settings: c.settings,
        subject,
      });
      if (r === 'started') started++;
      else existing++;
    }
    return { campaignId: c.id, started, existing };
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
    opts: { anonymous?: boolean } = {},
  ): Promise<UpdateOutcome> {
    const row = await this.commitmentFor(who, commitmentId);
    const actor = who && !opts.anonymous ? toActor(who) : null;
    if (name === 'submitMutualReview' && who)
      return this.mutualReview(who, row, opts.anonymous === true, { actor, args });
    return this.update(row.workflow_id, name, { actor, args });
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
  ): Promise<UpdateOutcome> {
    if (await isSubjectOf(this.temporal, who, row))
      throw new DomainError(ErrorCode.FORBIDDEN, '不能给自己互评');
    const mode = anonymous ? 'anonymous' : 'face_to_face';
    const claim = mutualReviewClaim(row.id, row.stage, mode, who.personId);
    const sql = emSql(this.em.fork());
    const took = await sql.query(
      `insert into commitment.mutual_review_claim (commitment_id, claim) values ($1, $2)
       on conflict do nothing returning claim`,
      [row.id, claim],
    );
    if (took.length === 0)
      throw new DomainError(ErrorCode.CONFLICT, '您已提交过对该对象的此类互评，同一阶段不能重复提交');
    const release = () =>
      sql.query(`delete from commitment.mutual_review_claim where commitment_id = $1 and claim = $2`, [
        row.id,
        claim,
      ]);
    try {
      const o = await this.update(row.workflow_id, 'submitMutualReview', arg);
      if (!o.ok) await release();
      return o;
    } catch (e) {
      if (e instanceof DomainError) await release();
      throw e;
    }
  }

  async actOnRectification<K extends RectificationUpdateName>(
    who: Identity,
    rectificationId: string,
    name: K,
    args: RectificationUpdates[K],
  ): Promise<UpdateOutcome> {
    const [row] = await emSql(this.em.fork()).query<{ org_path: string }>(
      `select org_path from commitment.rectification where id = $1`,
      [rectificationId],
    );
    if (!row || !isWithinScope(who.orgPath, row.org_path))
      throw new DomainError(ErrorCode.NOT_FOUND, '未找到该整改事项，或不在您的管理范围内');
    return this.update(rectificationWorkflowId(rectificationId), name, { actor: toActor(who), args });
  }

  private async update(workflowId: string, name: string, arg: unknown): Promise<UpdateOutcome> {
    try {
      return await this.temporal.workflow
        .getHandle(workflowId)
        .executeUpdate<UpdateOutcome, [unknown]>(name, {
          args: [arg],
        });
    } catch (e) {
      throw toDomainError(e);
    }
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
  async raiseObjection(who: Identity | null, commitmentId: string, content: string): Promise<UpdateOutcome> {
    const row = await this.commitmentFor(null, commitmentId);
    this.limits.objection(who, row.id);
    return this.update(row.workflow_id, 'raiseObjection', { actor: null, args: { content } });
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
        .signal('orgChanged', { reason, eventId, left: true })
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
        .signal('orgChanged', { reason, eventId })
        .catch((e: unknown) => this.log.warn(`orgChanged → ${r.workflow_id}: ${String(e)}`));
    return rows.length;
  }
}
