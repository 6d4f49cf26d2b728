import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  ErrorCode,
  MILESTONES,
  StageLabel,
  isMilestone,
  isWithinScope,
  milestoneReached,
  type Identity,
  type Milestone,
  type Stage,
} from '@pingyi/contracts';
import { DomainError, TEMPORAL_CLIENT } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import { inSubtree } from '../scope/subtree';
import type { CommitmentRow } from '../shared/commitment-row';
import type { CommitmentPageObject, CoverageObject } from './commitment.objects';
import { answerable } from './answerable';
import { summary } from './commitment.rows';

/** Only the fields that have a value (a missing one keeps the projection's). */
const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
import { ownRowsOnly } from './visibility';

/** How far a campaign has come in a subtree (覆盖), and who is left out (点名). */
@Injectable()
export class CoverageQueries {
  constructor(
    private readonly em: EntityManager,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /** Commitments of a campaign in a subtree, by stage, with the launch's progress. */
  async coverage(who: Identity, campaignId: string, orgPath: string | null): Promise<CoverageObject | null> {
    const scope = orgPath ?? who.orgPath;
    if (!isWithinScope(who.orgPath, scope)) throw new DomainError(ErrorCode.OUT_OF_SCOPE);
    const sql = emSql(this.em.fork());
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
    const params: unknown[] = [o.campaignId, scope, m.reachedFrom, o.overdueOnly, after, limit + 1];
    const own = ownRowsOnly(who, (v) => `$${params.push(v)}`);
    const rows = await emSql(this.em.fork()).query<CommitmentRow>(
      `select * from commitment.commitment c
        where campaign_id = $1 and ${inSubtree('org_path', '$2')} and not (stage = any($3::text[]))
          and stage <> 'cancelled' and (not $4 or deadline_missed) and ($5::uuid is null or id > $5::uuid)
          ${own ? `and ${own}` : ''}
        order by id limit $6`,
      params,
    );
    const page = rows.slice(0, limit);
    const who2 = await answerable(this.temporal, page);
    return {
      items: page.map((c, i) => ({ ...summary(c), ...defined(who2[i]!) })),
      nextCursor: rows.length > limit ? page[page.length - 1]!.id : undefined,
    };
  }
}
