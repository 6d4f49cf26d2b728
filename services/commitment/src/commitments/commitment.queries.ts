import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  ErrorCode,
  OutcomeResultLabel,
  ReviewGradeLabel,
  isWithinScope,
  type Identity,
} from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import { rectificationStatusLabel } from '../lifecycle/labels';
import { inSubtree } from '../scope/subtree';
import type { CommitmentRow } from '../shared/commitment-row';
import { date, opt, optDate } from '../shared/rows';
import type { CommitmentObject, CommitmentPageObject, RectificationObject } from './commitment.objects';
import {
  summary,
  toEvidenceFile,
  type EvidenceFileRow,
  toAccountability,
  toReview,
  toTimeline,
  type AccountabilityRow,
  type RectificationRow,
  type ReviewRow,
  type TimelineRow,
} from './commitment.rows';
import { figureConditions, type FigureFilter } from './figure-filter';
import { PEER_REFUSAL, isPlainMember, mayReadInFull, ownRowsOnly } from './visibility';

/** Commitments and their rectifications, read from the service's own projections within the caller's subtree. */
@Injectable()
export class CommitmentQueries {
  constructor(private readonly em: EntityManager) {}

  private sql() {
    return emSql(this.em.fork());
  }

  async commitment(who: Identity, id: string): Promise<CommitmentObject | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const sql = this.sql();
    const [c] = await sql.query<CommitmentRow>(`select * from commitment.commitment where id = $1`, [id]);
    if (!c || !isWithinScope(who.orgPath, c['org_path'])) return null;
    if (!mayReadInFull(who, c)) throw new DomainError(ErrorCode.FORBIDDEN, PEER_REFUSAL);
    const [timeline, progress, reviews, rects, files] = await Promise.all([
      sql.query<TimelineRow>(
        `select * from commitment.timeline where commitment_id = $1 order by at, id limit 500`,
        [id],
      ),
      sql.query<{ item_index: number; percent: number }>(
        `select distinct on (item_index) item_index, percent from commitment.progress where commitment_id = $1
          order by item_index, at desc`,
        [id],
      ),
      sql.query<ReviewRow>(
        `select * from commitment.leadership_review where commitment_id = $1 order by at`,
        [id],
      ),
      this.rectificationsOf(sql, `r.commitment_id = $1`, [id]),
      sql.query<EvidenceFileRow>(
        `select id, filename, content_type, size, uploader_id, rectification_id, sha256, created_at
           from commitment.evidence_file where commitment_id = $1 order by created_at, id`,
        [id],
      ),
    ]);
    const percent = new Map(progress.map((p) => [p.item_index, p.percent]));
    const items = (c.items ?? []).map((it, i) => ({
      content: it['content'],
      target: it['target'],
      dueDate: it['dueDate'],
      percent: percent.get(i) ?? 0,
    }));
    const tally = c.mass_tally;
    // During the window: how many responses have come in, never what they say (the tally waits for the close).
    const received =
      !tally && c['stage'] === 'mass_evaluation'
        ? Number(
            (
              await sql.query<{ n: string }>(
                `select count(*) n from commitment.mass_eval_response where commitment_id = $1`,
                [id],
              )
            )[0]?.n ?? 0,
          )
        : null;
    return {
      ...summary(c),
      workflowId: c['workflow_id'],
      reviewerId: opt(c['reviewer_id']),
      items,
      selfEvaluation: c.self_evaluation?.text,
      priorWorkSummary: c.self_evaluation?.priorWorkSummary,
      gradeLabel: c['grade'] ? ReviewGradeLabel[c['grade']] : undefined,
      outcome: opt(c['outcome']),
      outcomeLabel: c['outcome'] ? OutcomeResultLabel[c['outcome']] : undefined,
      redoCount: c['redo_count'],
      objectionCount: c['objection_count'],
      massEvaluation: tally
        ? {
            responses: tally.responses,
            shown: tally.shown,
            ...(tally.shown
              ? {
                  satisfied: tally.satisfied,
                  basicallySatisfied: tally.basicallySatisfied,
                  unsatisfied: tally.unsatisfied,
                }
              : {}),
          }
        : received !== null
          ? { responses: received, shown: false }
          : undefined,
      openedAt: date(c['opened_at']),
      closedAt: optDate(c['closed_at']),
      timeline: timeline.map(toTimeline),
      reviews: reviews.map(toReview),
      rectifications: rects,
      evidenceFiles: files.map(toEvidenceFile),
    };
  }

  async commitments(
    who: Identity,
    f: { campaignId?: string; orgPath?: string; stage?: string; overdue?: boolean } & FigureFilter,
    first: number,
    after: string | null,
  ): Promise<CommitmentPageObject> {
    const scope = f.orgPath ?? who.orgPath;
    if (!isWithinScope(who.orgPath, scope)) throw new DomainError(ErrorCode.OUT_OF_SCOPE);
    const limit = Math.min(Math.max(first, 1), 200);
    const params: unknown[] = [scope, limit + 1];
    const where = [inSubtree('org_path', '$1')];
    if (f.campaignId) where.push(`campaign_id = $${params.push(f.campaignId)}`);
    if (f.stage) where.push(`stage = $${params.push(f.stage)}`);
    if (f.overdue)
      where.push(
        `(deadline_missed or (stage_deadline < now() and stage not in ('closed','cancelled','publicity','fulfilment','mutual_review','mass_evaluation','rectification','follow_up'))
          or exists (select 1 from commitment.rectification r where r.commitment_id = c.id and r.escalation_level > 0 and r.status = 'open'))`,
      );
    where.push(...figureConditions(f, (v) => `$${params.push(v)}`));
    if (after) where.push(`id > $${params.push(after)}::uuid`);
    const own = ownRowsOnly(who, (v) => `$${params.push(v)}`);
    if (own) where.push(own);
    const rows = await this.sql().query<CommitmentRow>(
      `select * from commitment.commitment c where ${where.join(' and ')} order by id limit $2`,
      params,
    );
    const page = rows.slice(0, limit);
    return {
      // The recorded reviewer, so a reviewer's list of those they review can be made from it.
      items: page.map((c) => ({ ...summary(c), reviewerId: opt(c['reviewer_id']) })),
      nextCursor: rows.length > limit ? page[page.length - 1]!.id : undefined,
    };
  }

  async rectification(who: Identity, id: string): Promise<RectificationObject | null> {
    const [r] = await this.rectificationsOf(this.sql(), `r.id = $1`, [id]);
    if (!r || !isWithinScope(who.orgPath, r.orgPath)) return null;
    if (isPlainMember(who) && r.ownerId !== who.personId && r.verifierId !== who.personId) {
      const [c] = await this.sql().query<CommitmentRow>(`select * from commitment.commitment where id = $1`, [
        r.commitmentId,
      ]);
      if (!c || !mayReadInFull(who, c)) throw new DomainError(ErrorCode.FORBIDDEN, PEER_REFUSAL);
    }
    return r;
  }

  private async rectificationsOf(
    sql: ReturnType<typeof emSql>,
    where: string,
    params: unknown[],
  ): Promise<RectificationObject[]> {
    const rows = await sql.query<RectificationRow>(
      `select * from commitment.rectification r where ${where} order by r.opened_at, r.id`,
      params,
    );
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [acc, hist] = await Promise.all([
      sql.query<AccountabilityRow>(
        `select * from commitment.accountability where rectification_id = any($1::text[]) order by level`,
        [ids],
      ),
      sql.query<TimelineRow>(
        `select * from commitment.timeline where rectification_id = any($1::text[]) order by at, id`,
        [ids],
      ),
    ]);
    return rows.map((r) => ({
      id: r['id'],
      commitmentId: r['commitment_id'],
      source: r['source'],
      ownerId: opt(r['owner_id']),
      target: r['target'],
      measures: r['measures'],
      deadline: date(r['deadline']),
      listed: r['listed'],
      status: r['status'],
      statusLabel: rectificationStatusLabel(r['status']),
      escalationLevel: r['escalation_level'],
      verifierId: opt(r['verifier_id']),
      round: r['round'],
      overdue: r['status'] === 'open' && date(r['deadline']).getTime() < Date.now(),
      followUpDueAt: optDate(r['follow_up_due_at']),
      orgPath: r['org_path'],
      accountabilities: acc.filter((a) => a['rectification_id'] === r['id']).map(toAccountability),
      history: hist.filter((h) => h['rectification_id'] === r['id']).map(toTimeline),
    }));
  }
}
