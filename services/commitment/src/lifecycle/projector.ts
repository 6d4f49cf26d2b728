import type { EntityManager } from '@mikro-orm/postgresql';
import {
  LifecycleEvents,
  commitmentWorkflowId,
  parseLifecycleData,
  rectificationWorkflowId,
  type LifecycleData,
  type LifecycleEventType,
  type LifecycleFact,
  type ReviewSignoff,
} from '@pingyi/contracts';
import { emSql, recordEvent, stableUuid, type SqlClient } from '@pingyi/persistence';
import { windowEnd } from './deadlines';
import { signReview } from './review-signoff';
import { memberTypeOf, memberTypeSql } from './member-types';
import { commitmentPayload, type CommitmentRef } from './payloads';
import { projectRedoOrder } from './redo-projection';

interface CommitmentRow extends CommitmentRef {
  org_path: string;
}

type Data = Record<string, unknown>;
/** A fact with its `data` parsed by its type's schema: switching on `type` narrows `data`. */
type Parsed = { [K in LifecycleEventType]: { type: K; data: LifecycleData[K] } }[LifecycleEventType];
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const json = (v: unknown): string => JSON.stringify(v ?? null);

/**
 * Applies one lifecycle fact: its timeline row (keyed by the fact, so a retry is a no-op), the projections it changes,
 * and its event in the outbox — all in one transaction. Returns the stage deadline the fact set, if any.
 */
export async function projectFact(
  em: EntityManager,
  f: LifecycleFact,
): Promise<{ stageDeadline: string | null }> {
  // A fact its schema refuses is a data error: nothing is written, the recording activity fails for good.
  const parsed = { type: f.type, data: parseLifecycleData(f.type, f.data) } as Parsed;
  return em.fork().transactional((tx) => projectParsedFact(tx, f, parsed));
}

/** `projectFact` inside the caller's transaction (the window-end sweep moves many commitments in one). */
export function projectFactIn(
  tx: EntityManager,
  f: LifecycleFact,
): Promise<{ stageDeadline: string | null }> {
  return projectParsedFact(tx, f, { type: f.type, data: parseLifecycleData(f.type, f.data) } as Parsed);
}

async function projectParsedFact(
  tx: EntityManager,
  f: LifecycleFact,
  parsed: Parsed,
): Promise<{ stageDeadline: string | null }> {
  const sql = emSql(tx);
  const id = stableUuid(`fact:${f.key}`);
  const at = new Date(f.at);
  const stageDeadline = f.window ? windowEnd(at, f.window).toISOString() : null;
  const inserted = await sql.query(
    `insert into commitment.timeline (id, commitment_id, rectification_id, at, type, stage, actor_id, stage_deadline, data)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb) on conflict (id) do nothing returning id`,
    [
      id,
      f.commitmentId,
      f.rectificationId ?? null,
      at,
      f.type,
      f.stage ?? null,
      f.actorId ?? null,
      stageDeadline,
      json(f.data),
    ],
  );
  if (inserted.length === 0) {
    const prior = await sql.query<{ stage_deadline: Date | string | null }>(
      `select stage_deadline from commitment.timeline where id = $1`,
      [id],
    );
    const d = prior[0]?.stage_deadline;
    return { stageDeadline: d ? new Date(d).toISOString() : null };
  }

  if (parsed.type === 'commitment.opened') await openCommitment(sql, f.commitmentId, parsed.data, at);
  if (f.stage)
    await sql.query(
      `update commitment.commitment set stage = $2, stage_deadline = $3, deadline_missed = false, updated_at = $4,
              window_end_swept = $5
        where id = $1`,
      [f.commitmentId, f.stage, stageDeadline, at, f.data['endSwept'] === true],
    );
  const added = await applyProjection(sql, f, parsed, id, at);

  const c = (
    await sql.query<CommitmentRow>(
      `select id, campaign_id, subject_id, subject_kind, org_path, stage from commitment.commitment where id = $1`,
      [f.commitmentId],
    )
  )[0];
  if (!c) throw new Error(`commitment ${f.commitmentId} has no projection (fact ${f.type})`);
  const payload = commitmentPayload(c, {
    actorId: f.actorId ?? null,
    rectificationId: f.rectificationId ?? null,
    data: { ...f.data, ...added, ...(stageDeadline ? { stageDeadline } : {}) },
  });
  recordEvent(tx, LifecycleEvents[f.type], {
    eventId: id,
    aggregateId: c.id,
    orgPath: c.org_path,
    occurredAt: at,
    payload,
  });
  return { stageDeadline };
}

async function openCommitment(
  sql: SqlClient,
  commitmentId: string,
  d: LifecycleData['commitment.opened'],
  at: Date,
) {
  const { subject, campaignId } = d;
  await sql.query(
    `insert into commitment.commitment
       (id, campaign_id, subject_kind, subject_id, subject_name, subject_unit_id, org_path, workflow_id, stage,
        reviewer_id, reviewer_name, opened_at, updated_at, member_type)
     values ($1, $2, $3, $4, $5, $6, $7, $8, 'drafting', $9, $10, $11, $11, ${memberTypeSql('$13::text', '$12::text')})
     on conflict (id) do nothing`,
    [
      commitmentId,
      campaignId,
      subject.kind,
      subject.id,
      subject.name,
      subject.unitId,
      subject.orgPath,
      commitmentWorkflowId(campaignId, subject.id),
      d.reviewer?.memberId ?? null,
      d.reviewer?.name ?? null,
      at,
      memberTypeOf(subject),
      subject.kind === 'member' ? subject.id : null,
    ],
  );
}

async function applyProjection(
  sql: SqlClient,
  f: LifecycleFact,
  p: Parsed,
  id: string,
  at: Date,
): Promise<Data | void> {
  const cid = f.commitmentId;
  const rid = f.rectificationId ?? null;
  switch (p.type) {
    case 'commitment.submitted':
      await sql.query(`update commitment.commitment set items = $2::jsonb where id = $1`, [
        cid,
        json(p.data.items),
      ]);
      return;
    case 'commitment.objection_raised':
      await sql.query(
        `insert into commitment.objection (id, commitment_id, content, at) values ($1, $2, $3, $4)`,
        [id, cid, p.data.content, at],
      );
      await sql.query(
        `update commitment.commitment set objection_count = objection_count + 1 where id = $1`,
        [cid],
      );
      return;
    case 'commitment.progress_reported':
      await sql.query(
        `insert into commitment.progress (id, commitment_id, item_index, percent, note, evidence, actor_id, at)
         values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
        [
          id,
          cid,
          p.data.itemIndex,
          p.data.percent,
          p.data.note,
          json(p.data.evidence ?? []),
          f.actorId ?? null,
          at,
        ],
      );
      return;
    case 'commitment.self_evaluated':
      await sql.query(`update commitment.commitment set self_evaluation = $2::jsonb where id = $1`, [
        cid,
        json({ text: p.data.text, priorWorkSummary: p.data.priorWorkSummary, at: f.at }),
      ]);
      return;
    case 'commitment.mutual_reviewed':
      await sql.query(
        `insert into commitment.mutual_review (id, commitment_id, mode, reviewer_id, opinion, at) values ($1, $2, $3, $4, $5, $6)`,
        [id, cid, p.data.mode, str(p.data.reviewerId), p.data.opinion, at],
      );
      return;
    case 'commitment.deadline_missed':
      await sql.query(`update commitment.commitment set deadline_missed = true where id = $1`, [cid]);
      return;
    case 'commitment.reviewer_changed': {
      const r = p.data.reviewer;
      await sql.query(
        `update commitment.commitment set reviewer_id = $2, reviewer_name = $3,
            org_path = coalesce($4, org_path), subject_unit_id = coalesce($5, subject_unit_id) where id = $1`,
        [cid, r?.memberId ?? null, r?.name ?? null, str(p.data.orgPath), str(p.data.unitId)],
      );
      await sql.query(
        `update commitment.rectification set org_path = coalesce($2, org_path), unit_id = coalesce($3, unit_id),
            verifier_id = $4 where commitment_id = $1 and status not in ('settled', 'cancelled')`,
        [cid, str(p.data.orgPath), str(p.data.unitId), r?.memberId ?? null],
      );
      return;
    }
    case 'review.submitted':
    case 'review.redo_ordered':
      return { signoff: await projectReview(sql, cid, p, id, at) };
    case 'review.redo_ordered_by_supervision':
      return projectRedoOrder(sql, f, p.data, id, at);
    case 'mass_evaluation.closed':
      await sql.query(`update commitment.commitment set mass_tally = $2::jsonb where id = $1`, [
        cid,
        json(p.data),
      ]);
      return;
    case 'commitment.outcome_decided':
      await sql.query(`update commitment.commitment set outcome = $2, outcome_note = $3 where id = $1`, [
        cid,
        p.data.result,
        str(p.data.note),
      ]);
      return;
    case 'commitment.closed':
    case 'commitment.cancelled':
      await sql.query(`update commitment.commitment set closed_at = $2 where id = $1`, [cid, at]);
      return;
    case 'rectification.opened': {
      const item = p.data.item;
      await sql.query(
        `insert into commitment.rectification
           (id, commitment_id, campaign_id, workflow_id, source, owner_id, target, measures, deadline, listed, status,
            verifier_id, org_path, unit_id, round, opened_at, updated_at)
         select $1, c.id, c.campaign_id, $3, $4, $5, $6, $7, $8, $9, 'open', $10, c.org_path, $11, 1, $12, $12
           from commitment.commitment c where c.id = $2
         on conflict (id) do nothing`,
        [
          rid,
          cid,
          rectificationWorkflowId(rid ?? ''),
          p.data.source,
          str(item.ownerId),
          item.target,
          item.measures,
          p.data.deadline,
          item.listed === true,
          str(p.data.verifierId),
          p.data.unitId,
          at,
        ],
      );
      return;
    }
    case 'rectification.escalated':
      await sql.query(
        `insert into commitment.accountability
           (id, rectification_id, commitment_id, level, unit_id, unit_name, unit_path, assignee_id, assignee_name, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          id,
          rid,
          cid,
          p.data.level,
          p.data.unitId,
          p.data.unitName,
          p.data.unitPath,
          str(p.data.assigneeId),
          str(p.data.assigneeName),
          at,
        ],
      );
      break;
    case 'rectification.completed':
      await sql.query(`update commitment.rectification set evidence = $2::jsonb where id = $1`, [
        rid,
        json({ note: p.data.note, evidence: p.data.evidence }),
      ]);
      break;
    case 'rectification.struck_off':
      await sql.query(`update commitment.rectification set struck_off_at = $2 where id = $1`, [rid, at]);
      break;
    case 'rectification.follow_up_due':
      await sql.query(`update commitment.rectification set follow_up_due_at = $2 where id = $1`, [
        rid,
        p.data.dueAt,
      ]);
      break;
    case 'rectification.reopened':
      await sql.query(
        `update commitment.rectification set round = $2, deadline = $3, struck_off_at = null, follow_up_due_at = null
          where id = $1`,
        [rid, p.data.round, p.data.deadline],
      );
      break;
    case 'rectification.settled':
      await sql.query(`update commitment.rectification set settled_at = $2 where id = $1`, [rid, at]);
      break;
    case 'commitment.opened': // projected by openCommitment
    case 'commitment.accepted':
    case 'commitment.sent_back':
    case 'commitment.stage_changed': // stage and deadline are set for every fact that carries them
    case 'rectification.progress_reported':
    case 'rectification.sent_back':
    case 'rectification.reminded':
    case 'rectification.followed_up':
    case 'rectification.cancelled': // status and level below
    case 'mass_evaluation.tokens_issued': // written by the service itself, not through facts
    case 'mass_evaluation.response_recorded':
    case 'accountability.cause_filled':
    case 'campaign.created':
    case 'campaign.updated':
    case 'campaign.opened':
    case 'campaign.launched':
    case 'campaign.paused':
    case 'campaign.resumed':
    case 'campaign.closed':
    case 'campaign.milestone_noticed':
    case 'spot_check.drawn': // written by the supervision module itself, not through facts
    case 'spot_check.inspected':
    case 'report.snapshotted':
      break;
  }
  const d: Data = p.data;
  if (rid && f.type.startsWith('rectification.') && typeof d['status'] === 'string')
    await sql.query(
      `update commitment.rectification set status = $2, escalation_level = coalesce($3, escalation_level), updated_at = $4
        where id = $1`,
      [rid, d['status'], typeof d['level'] === 'number' ? d['level'] : null, at],
    );
}

/**
 * A leadership review into the registration table (领导点评登记表) with its sign-off: the reviewer the workflow accepted,
 * named as the registry names the commitment's reviewer (else as the identity the service passed), the fact's time
 * and the hash of the content. The sign-off also goes into the event.
 */
async function projectReview(
  sql: SqlClient,
  cid: string,
  p: Extract<Parsed, { type: 'review.submitted' | 'review.redo_ordered' }>,
  id: string,
  at: Date,
): Promise<ReviewSignoff> {
  const r = p.data.review;
  const passed = p.type === 'review.submitted';
  const [c] = await sql.query<{ reviewer_id: string | null; reviewer_name: string | null }>(
    `select reviewer_id, reviewer_name from commitment.commitment where id = $1`,
    [cid],
  );
  const personId = p.data.reviewerId;
  const name = (c?.reviewer_id === personId ? c.reviewer_name : null) ?? r.signature ?? null;
  const signoff = signReview(cid, r, { personId, name, signedAt: at.toISOString() }, passed);
  await sql.query(
    `insert into commitment.leadership_review
       (id, commitment_id, reviewer_id, mode, achievements, shortcomings, causes, measures, grade, signature, passed,
        failures, at, signer_id, signer_name, signed_at, content_hash)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::jsonb, $9, $10, $11, $12::jsonb, $13, $14, $15, $16, $17)`,
    [
      id,
      cid,
      personId,
      r.mode,
      r.achievements,
      json(r.shortcomings),
      r.causes ?? '',
      json(r.measures),
      r.grade,
      name ?? '',
      passed,
      json(p.type === 'review.redo_ordered' ? p.data.failures : []),
      at,
      personId,
      name,
      signoff.signedAt,
      signoff.contentHash,
    ],
  );
  if (passed) await sql.query(`update commitment.commitment set grade = $2 where id = $1`, [cid, r.grade]);
  else await sql.query(`update commitment.commitment set redo_count = redo_count + 1 where id = $1`, [cid]);
  return signoff;
}
