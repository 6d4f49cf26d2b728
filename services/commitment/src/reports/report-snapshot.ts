import type { EntityManager } from '@mikro-orm/postgresql';
import { LifecycleEvents, type ReportPeriod } from '@pingyi/contracts';
import { emSql, recordEvent, stableUuid, type SqlClient } from '@pingyi/persistence';
import { campaignPayload } from '../lifecycle/payloads';
import { inSubtree } from '../scope/subtree';
import { CampaignNotFoundError, pathsFrom, unitsAt } from '../shared/org-levels';

/** Stages in which a passed stage deadline means the subject or reviewer is late (the rest are windows that just close). */
const ACTION_STAGES = ['drafting', 'acceptance', 'self_evaluation', 'leadership_review', 'outcome'];

/** The figures of one organisation's subtree at the moment of the snapshot (cumulative since the campaign opened). */
export interface ReportFigures {
  /** 覆盖: commitments by stage. */
  commitments: number;
  byStage: Record<string, number>;
  /** 点评: passed leadership reviews by mode, and reviews refused under 三不过关. */
  reviewsByMode: Record<string, number>;
  reviewsNotPassed: number;
  /** 践诺: commitments graded at all, and graded 好 (kept). */
  graded: number;
  kept: number;
  closed: number;
  /** 逾期: commitments late in a stage of their own; open rectifications past their deadline. */
  overdueCommitments: number;
  rectificationsOverdue: number;
  /** 整改: items (cancelled ones aside), struck off or settled (问题解决), still open. */
  rectifications: number;
  rectificationsSettled: number;
  rectificationsOpen: number;
  /** 责令重新点评 */
  redoOrders: number;
  /** 群众满意度: withheld (null) below the campaign's minimum number of responses, like a single commitment's. */
  massResponses: number;
  satisfied: number | null;
  basicallySatisfied: number | null;
  unsatisfied: number | null;
}

export interface SnapshotRequest {
  campaignId: string;
  period: ReportPeriod;
  periodLabel: string;
  scheduledAt: string;
}

/**
 * 月报 / 季报: freezes the period's figures for the campaign's scope and each county in it, with `report.snapshotted`,
 * in one transaction. A period already frozen is left as it was (a retried activity, a repeated run).
 */
export async function snapshotReport(
  em: EntityManager,
  r: SnapshotRequest,
): Promise<{ snapshots: number; created: boolean }> {
  return em.fork().transactional(async (tx) => {
    const sql = emSql(tx);
    const [camp] = await sql.query<{
      name: string;
      scope_path: string;
      settings: { minMassResponses?: number };
    }>(`select name, scope_path, settings from commitment.campaign where id = $1`, [r.campaignId]);
    if (!camp) throw new CampaignNotFoundError(r.campaignId);
    const [prior] = await sql.query<{ n: number }>(
      `select count(*)::int n from commitment.report_snapshot where campaign_id = $1 and period = $2 and period_label = $3`,
      [r.campaignId, r.period, r.periodLabel],
    );
    if (prior && prior.n > 0) return { snapshots: prior.n, created: false };

    const scope = camp.scope_path;
    const rows = await reportFigures(sql, r.campaignId, scope, camp.settings.minMassResponses ?? 5);
    const units = await unitsAt(sql, r.campaignId, [...rows.keys()]);
    const entries = [...rows.entries()].map(([path, figures]) => ({
      id: stableUuid(`report:${r.campaignId}:${r.period}:${r.periodLabel}:${path}`),
      path,
      unitId: units.get(path)!.unitId,
      name: path === scope && !units.get(path)!.unitId ? camp.name : units.get(path)!.name,
      level: path === scope ? 'scope' : units.get(path)!.level,
      figures,
    }));
    const inserted = await sql.query(
      `insert into commitment.report_snapshot (id, campaign_id, period, period_label, org_path, org_name, level, scheduled_at, taken_at, figures, unit_id)
       select e.id::uuid, $2, $3, $4, e.path, e.name, e.level, $5::timestamptz, now(), e.figures::jsonb, e.unit_id::uuid
         from unnest($1::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
           as e(id, path, name, level, figures, unit_id)
       on conflict (campaign_id, period, period_label, org_path) do nothing returning id`,
      [
        entries.map((e) => e.id),
        r.campaignId,
        r.period,
        r.periodLabel,
        r.scheduledAt,
        entries.map((e) => e.path),
        entries.map((e) => e.name),
        entries.map((e) => e.level),
        entries.map((e) => JSON.stringify(e.figures)),
        entries.map((e) => e.unitId),
      ],
    );
    if (inserted.length === 0) return { snapshots: entries.length, created: false };
    const total = rows.get(scope)!;
    recordEvent(tx, LifecycleEvents['report.snapshotted'], {
      eventId: stableUuid(`report:${r.campaignId}:${r.period}:${r.periodLabel}`),
      aggregateId: r.campaignId,
      orgPath: scope,
      payload: campaignPayload(r.campaignId, null, {
        period: r.period,
        periodLabel: r.periodLabel,
        scheduledAt: r.scheduledAt,
        orgPaths: entries.map((e) => e.path),
        commitments: total.commitments,
        rectifications: total.rectifications,
        rectificationsSettled: total.rectificationsSettled,
        overdueCommitments: total.overdueCommitments,
      }),
    });
    return { snapshots: entries.length, created: true };
  });
}

/**
 * The figures of the scope and of every unit under it that has commitments in its subtree, at every level, by org
 * path. Every figure is a count, so a unit's row is the sum of its children's and of its own subjects'.
 */
export async function reportFigures(
  sql: SqlClient,
  campaignId: string,
  scope: string,
  minMassResponses: number,
): Promise<Map<string, ReportFigures>> {
  // Each commitment of the campaign in the scope, with the unit it sits in (a member's branch).
  const inScope = `with c as (
      select c.*, c.org_path as area
        from commitment.commitment c
       where c.campaign_id = $1 and ${inSubtree('c.org_path', '$2')})`;
  const params = [campaignId, scope];
  // One after the other: inside a transaction they share one connection.
  const stages = await sql.query<{
    area: string | null;
    stage: string;
    n: number;
    graded: number;
    kept: number;
    overdue: number;
    redo: number;
  }>(
    `${inScope}
     select area, stage, count(*)::int n,
            count(*) filter (where grade is not null)::int graded,
            count(*) filter (where grade = 'good')::int kept,
            count(*) filter (where deadline_missed or (stage_deadline < now() and stage = any($3::text[])))::int overdue,
            coalesce(sum(redo_count), 0)::int redo
       from c group by area, stage`,
    [...params, ACTION_STAGES],
  );
  const reviews = await sql.query<{ area: string | null; mode: string; passed: boolean; n: number }>(
    `${inScope}
     select c.area, lr.mode, lr.passed, count(*)::int n
       from commitment.leadership_review lr join c on c.id = lr.commitment_id
      group by c.area, lr.mode, lr.passed`,
    params,
  );
  const rects = await sql.query<{
    area: string | null;
    total: number;
    settled: number;
    open: number;
    overdue: number;
  }>(
    `${inScope}
     select c.area,
            count(*) filter (where r.status <> 'cancelled')::int total,
            count(*) filter (where r.status in ('struck_off', 'settled'))::int settled,
            count(*) filter (where r.status = 'open')::int open,
            count(*) filter (where r.status = 'open' and r.deadline < now())::int overdue
       from commitment.rectification r join c on c.id = r.commitment_id
      group by c.area`,
    params,
  );
  const ratings = await sql.query<{ area: string | null; rating: string; n: number }>(
    `${inScope}
     select c.area, m.rating, count(*)::int n
       from commitment.mass_eval_response m join c on c.id = m.commitment_id
      group by c.area, m.rating`,
    params,
  );

  const raw = new Map<string, ReportFigures>();
  const counts = new Map<string, Record<string, number>>();
  const at = (area: string | null) => {
    const paths = area ? pathsFrom(scope, area) : [scope];
    return paths.map((p) => {
      if (!raw.has(p)) {
        raw.set(p, emptyFigures());
        counts.set(p, {});
      }
      return [raw.get(p)!, counts.get(p)!] as const;
    });
  };
  at(null);
  for (const s of stages)
    for (const [f] of at(s.area)) {
      f.commitments += s.n;
      f.byStage[s.stage] = (f.byStage[s.stage] ?? 0) + s.n;
      f.graded += s.graded;
      f.kept += s.kept;
      if (s.stage === 'closed') f.closed += s.n;
      f.overdueCommitments += s.overdue;
      f.redoOrders += s.redo;
    }
  for (const v of reviews)
    for (const [f] of at(v.area)) {
      if (v.passed) f.reviewsByMode[v.mode] = (f.reviewsByMode[v.mode] ?? 0) + v.n;
      else f.reviewsNotPassed += v.n;
    }
  for (const x of rects)
    for (const [f] of at(x.area)) {
      f.rectifications += x.total;
      f.rectificationsSettled += x.settled;
      f.rectificationsOpen += x.open;
      f.rectificationsOverdue += x.overdue;
    }
  for (const m of ratings)
    for (const [f, c] of at(m.area)) {
      f.massResponses += m.n;
      c[m.rating] = (c[m.rating] ?? 0) + m.n;
    }
  for (const [path, f] of raw) {
    if (f.massResponses < minMassResponses) continue;
    const c = counts.get(path)!;
    f.satisfied = c['satisfied'] ?? 0;
    f.basicallySatisfied = c['basically_satisfied'] ?? 0;
    f.unsatisfied = c['unsatisfied'] ?? 0;
  }
  return raw;
}

function emptyFigures(): ReportFigures {
  return {
    commitments: 0,
    byStage: {},
    reviewsByMode: {},
    reviewsNotPassed: 0,
    graded: 0,
    kept: 0,
    closed: 0,
    overdueCommitments: 0,
    rectificationsOverdue: 0,
    rectifications: 0,
    rectificationsSettled: 0,
    rectificationsOpen: 0,
    redoOrders: 0,
    massResponses: 0,
    satisfied: null,
    basicallySatisfied: null,
    unsatisfied: null,
  };
}
