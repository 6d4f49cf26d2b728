import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  ErrorCode,
  MILESTONES,
  OutcomeResultLabel,
  ReviewGradeLabel,
  Stage,
  StageLabel,
  isMilestone,
  isWithinScope,
  milestoneReached,
  type Identity,
  type Milestone,
  type OutcomeResult,
  type ReviewGrade,
} from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import type {
  CommitmentObject,
  CommitmentPageObject,
  CoverageObject,
  InboxMessageObject,
  PublicResultObject,
  RectificationObject,
  TaskObject,
} from './lifecycle.objects';
import { rectificationStatusLabel } from './labels';
import { inSubtree } from '../scope/subtree';
import {
  date,
  opt,
  optDate,
  summary,
  taskAction,
  toAccountability,
  toReview,
  toTimeline,
  type AccountabilityRow,
  type CommitmentRow,
  type InboxRow,
  type RectificationRow,
  type ReviewRow,
  type TaskRow,
  type TimelineRow,
  type Ts,
} from './query-rows';

/** Reads answered from the service's own projections, always within the caller's subtree. */
@Injectable()
export class LifecycleQueries {
  constructor(private readonly em: EntityManager) {}

  private sql() {
    return emSql(this.em.fork());
  }

  async commitment(who: Identity, id: string): Promise<CommitmentObject | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const sql = this.sql();
    const [c] = await sql.query<CommitmentRow>(`select * from commitment.commitment where id = $1`, [id]);
    if (!c || !isWithinScope(who.orgPath, c['org_path'])) return null;
    const [timeline, progress, reviews, rects] = await Promise.all([
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
    ]);
    const percent = new Map(progress.map((p) => [p.item_index, p.percent]));
    const items = (c.items ?? []).map((it, i) => ({
      content: it['content'],
      target: it['target'],
      dueDate: it['dueDate'],
      percent: percent.get(i) ?? 0,
    }));
    const tally = c.mass_tally;
    return {
      ...summary(c),
      workflowId: c['workflow_id'],
      reviewerId: opt(c['reviewer_id']),
      items,
      selfEvaluation: c.self_evaluation?.text,
      priorWorkSummary: c.self_evaluation?.priorWorkSummary,
      gradeLabel: c['grade'] ? ReviewGradeLabel[c['grade'] as ReviewGrade] : undefined,
      outcome: opt(c['outcome']),
      outcomeLabel: c['outcome'] ? OutcomeResultLabel[c['outcome'] as OutcomeResult] : undefined,
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
        : undefined,
      openedAt: date(c['opened_at']),
      closedAt: optDate(c['closed_at']),
      timeline: timeline.map(toTimeline),
      reviews: reviews.map(toReview),
      rectifications: rects,
    };
  }

  async commitments(
    who: Identity,
    f: { campaignId?: string; orgPath?: string; stage?: string; overdue?: boolean },
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
    if (after) where.push(`id > $${params.push(after)}::uuid`);
    const rows = await this.sql().query<CommitmentRow>(
      `select * from commitment.commitment c where ${where.join(' and ')} order by id limit $2`,
      params,
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map(summary),
      nextCursor: rows.length > limit ? page[page.length - 1]!.id : undefined,
    };
  }

  async rectification(who: Identity, id: string): Promise<RectificationObject | null> {
    const [r] = await this.rectificationsOf(this.sql(), `r.id = $1`, [id]);
    return r && isWithinScope(who.orgPath, r.orgPath) ? r : null;
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

  async inbox(who: Identity, unreadOnly: boolean, first: number): Promise<InboxMessageObject[]> {
    const rows = await this.sql().query<InboxRow>(
      `select * from commitment.inbox_message where person_id = $1 ${unreadOnly ? 'and read_at is null' : ''}
        order by created_at desc, id limit $2`,
      [who.personId, Math.min(Math.max(first, 1), 200)],
    );
    return rows.map((m) => ({
      id: m['id'],
      kind: m['kind'],
      title: m['title'],
      body: m['body'],
      commitmentId: opt(m['commitment_id']),
      rectificationId: opt(m['rectification_id']),
      createdAt: date(m['created_at']),
      readAt: optDate(m['read_at']),
    }));
  }

  /**
   * 公开承诺 / 亮评: what a unit's area may see for supervision — commitments from publicity on, passed reviews'
   * grades and shortcomings, rectification targets and status, satisfaction once shown. Open to the public channel.
   */
  async publicBoard(
    orgPath: string,
    campaignId: string | null,
    first: number,
  ): Promise<PublicResultObject[]> {
    const params: unknown[] = [orgPath, Math.min(Math.max(first, 1), 200)];
    const campaign = campaignId ? `and c.campaign_id = $${params.push(campaignId)}` : '';
    const rows = await this.sql().query<CommitmentRow>(
      `select * from commitment.commitment c
        where ${inSubtree('c.org_path', '$1')} ${campaign}
          and c.stage not in ('drafting', 'acceptance', 'cancelled')
        order by c.subject_name, c.id limit $2`,
      params,
    );
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const sql = this.sql();
    const [reviews, rects] = await Promise.all([
      sql.query<{ commitment_id: string; shortcomings: string[] }>(
        `select commitment_id, shortcomings from commitment.leadership_review where passed and commitment_id = any($1::uuid[])`,
        [ids],
      ),
      sql.query<{ commitment_id: string; target: string; status: string; deadline: Ts }>(
        `select commitment_id, target, status, deadline from commitment.rectification
          where commitment_id = any($1::uuid[]) and status <> 'cancelled' order by opened_at`,
        [ids],
      ),
    ]);
    return rows.map((c) => {
      const t = c.mass_tally;
      return {
        commitmentId: c.id,
        subjectName: c.subject_name,
        stageLabel: StageLabel[c.stage as Stage] ?? c.stage,
        items: (c.items ?? []).map((i) => `${i.content}（${i.target}，${i.dueDate} 前）`),
        gradeLabel: c.grade ? ReviewGradeLabel[c.grade as ReviewGrade] : undefined,
        shortcomings: reviews.filter((r) => r.commitment_id === c.id).flatMap((r) => r.shortcomings),
        rectifications: rects
          .filter((r) => r.commitment_id === c.id)
          .map((r) => ({
            target: r.target,
            statusLabel: rectificationStatusLabel(r.status),
            deadline: date(r.deadline),
          })),
        satisfactionPercent:
          t?.shown && t.responses > 0
            ? Math.round(((t.satisfied + t.basicallySatisfied) * 100) / t.responses)
            : undefined,
      };
    });
  }

  /** Commitments of a campaign in a subtree, by stage, with the launch's progress. */
  async coverage(who: Identity, campaignId: string, orgPath: string | null): Promise<CoverageObject | null> {
    const scope = orgPath ?? who.orgPath;
    if (!isWithinScope(who.orgPath, scope)) throw new DomainError(ErrorCode.OUT_OF_SCOPE);
    const sql = this.sql();
    const [camp] = await sql.query<{ launch_status: string; subjects_created: number }>(
      `select launch_status, subjects_created from commitment.campaign where id = $1`,
      [campaignId],
    );
    if (!camp) return null;
    // From the counters the commitment table's triggers keep (Migration20261127220000_coverage_count).
    const rows = await sql.query<{ stage: string; n: number; overdue: number }>(
      `select stage, sum(n)::int n, sum(overdue)::int overdue from commitment.coverage_count
        where campaign_id = $1 and ${inSubtree('org_path', '$2')} group by stage having sum(n) > 0
        order by stage`,
      [campaignId, scope],
    );
    const overdue = rows
      .filter((r) => r.stage !== 'closed' && r.stage !== 'cancelled')
      .reduce((a, r) => a + r.overdue, 0);
    const n = (stage: string) => rows.find((r) => r.stage === stage)?.n ?? 0;
    const cancelled = n('cancelled');
    const live = rows.reduce((a, r) => a + r.n, 0) - cancelled;
    return {
      campaignId,
      orgPath: scope,
      launchStatus: camp.launch_status,
      subjectsCreated: camp.subjects_created,
      commitments: rows.reduce((a, r) => a + r.n, 0),
      byStage: rows.map((r) => ({
        stage: r.stage,
        stageLabel: StageLabel[r.stage as Stage] ?? r.stage,
        count: r.n,
      })),
      milestones: Object.entries(MILESTONES).map(([milestone, m]) => {
        const done = rows
          .filter((r) => milestoneReached(r.stage, milestone as Milestone))
          .reduce((a, r) => a + r.n, 0);
        return { milestone, label: m.label, done, pending: live - done };
      }),
      overdue,
      cancelled,
    };
  }

  /**
   * Who is left out (被点名): commitments in a subtree not yet past `milestone`, by default only those whose current
   * stage's deadline has passed; ordered by place and name, page by page.
   */
  async leftOut(
    who: Identity,
    o: { campaignId: string; orgPath: string | null; milestone: string; overdueOnly: boolean },
    first: number,
    after: string | null,
  ): Promise<CommitmentPageObject> {
    const scope = o.orgPath ?? who.orgPath;
    if (!isWithinScope(who.orgPath, scope)) throw new DomainError(ErrorCode.OUT_OF_SCOPE);
    const m = isMilestone(o.milestone) ? MILESTONES[o.milestone] : undefined;
    if (!m)
      throw new DomainError(
        ErrorCode.BAD_INPUT,
        `节点有误：只能是 ${Object.entries(MILESTONES)
          .map(([k, v]) => `${k}（${v.label}）`)
          .join('、')}`,
      );
    const limit = Math.min(Math.max(first, 1), 200);
    const rows = await this.sql().query<CommitmentRow>(
      `select * from commitment.commitment c
        where campaign_id = $1 and ${inSubtree('org_path', '$2')} and not (stage = any($3::text[]))
          and stage <> 'cancelled' and (not $4 or deadline_missed) and ($5::uuid is null or id > $5::uuid)
        order by id limit $6`,
      [o.campaignId, scope, m.reachedFrom, o.overdueOnly, after, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map(summary),
      nextCursor: rows.length > limit ? page[page.length - 1]!.id : undefined,
    };
  }

  /** What the caller must do next, from the projections. */
  async tasks(who: Identity): Promise<TaskObject[]> {
    const rows = await this.sql().query<TaskRow>(
      `select 'subject' as role, c.id as commitment_id, null::text as rectification_id, null::uuid as accountability_id,
              c.subject_name, c.stage, c.stage_deadline as due_at
         from commitment.commitment c
        where c.stage in ('drafting', 'fulfilment', 'self_evaluation')
          and ((c.subject_kind = 'member' and c.subject_id = $1)
            or (c.subject_kind = 'unit' and $3 and c.org_path = $2))
       union all
       select 'reviewer', c.id, null, null, c.subject_name, c.stage, c.stage_deadline
         from commitment.commitment c
        where c.reviewer_id = $1 and c.stage in ('acceptance', 'leadership_review', 'outcome')
       union all
       select 'owner', r.commitment_id, r.id, null, c.subject_name, 'rectification_open', r.deadline
         from commitment.rectification r join commitment.commitment c on c.id = r.commitment_id
        where r.owner_id = $1 and r.status = 'open'
       union all
       select 'verifier', r.commitment_id, r.id, null, c.subject_name,
              case when r.status = 'completed' then 'rectification_verify' else 'rectification_follow_up' end, null
         from commitment.rectification r join commitment.commitment c on c.id = r.commitment_id
        where r.verifier_id = $1
          and (r.status = 'completed' or (r.status = 'struck_off' and r.follow_up_due_at is not null and r.follow_up_due_at <= now()))
       union all
       select 'accountable', a.commitment_id, a.rectification_id, a.id, c.subject_name, 'accountability', null
         from commitment.accountability a join commitment.commitment c on c.id = a.commitment_id
        where a.assignee_id = $1 and a.cause is null
       order by due_at nulls last
       limit 500`,
      [who.personId, who.orgPath, who.roles.includes('unit_secretary')],
    );
    return rows.map((r) => {
      const [action, label] = taskAction(r['role'], r['stage']);
      return {
        action,
        label,
        commitmentId: r['commitment_id'],
        rectificationId: opt(r['rectification_id']),
        accountabilityId: opt(r['accountability_id']),
        subjectName: r['subject_name'],
        dueAt: optDate(r['due_at']),
      };
    });
  }
}
