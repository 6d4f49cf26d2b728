import type { SqlClient } from '@pingyi/persistence';
import { figures } from './figures';
import { rankingScore } from './score';
import { commitmentsCte } from './subtree';
import type { OverdueRectificationPage, RankedUnit, ReviewerStatPage, TrendPoint } from './panels.types';

/** Names of units by path. */
export async function unitNames(sql: SqlClient, S: string, paths: string[]): Promise<Map<string, string>> {
  if (paths.length === 0) return new Map();
  const rows = await sql.query<{ path: string; name: string }>(
    `select path, name from ${S}.unit where path = any($1::text[])`,
    [paths],
  );
  return new Map(rows.map((r) => [r.path, r.name]));
}

/** The units under `path` with commitments, by score (then more subjects, then path). */
export async function ranking(
  sql: SqlClient,
  S: string,
  campaignId: string,
  path: string,
): Promise<RankedUnit[]> {
  const f = await figures(sql, S, campaignId, path, 'children');
  const names = await unitNames(sql, S, f.groups);
  return f.groups
    .map((g) => {
      const fig = f.of(g);
      const { score, parts } = rankingScore(fig);
      return { rank: 0, orgPath: g, unitName: names.get(g) ?? null, score, ...parts, figures: fig };
    })
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.figures.subjects - a.figures.subjects ||
        (a.orgPath < b.orgPath ? -1 : a.orgPath > b.orgPath ? 1 : 0),
    )
    .map((u, i) => ({ ...u, rank: i + 1 }));
}

/** Rectifications still open (整改中或待核验) past their deadline, most overdue first. */
export async function overdueRectifications(
  sql: SqlClient,
  S: string,
  campaignId: string,
  path: string,
  page: { offset: number; limit: number },
): Promise<Omit<OverdueRectificationPage, 'asOf'>> {
  const from = `${commitmentsCte(S, 'node')}, o as (
      select r.*, c.subject_name, c.org_path from ${S}.rectification_fact r join c on c.id = r.commitment_id
       where r.status in ('open', 'completed') and r.deadline < now())`;
  const [count, rows] = await Promise.all([
    sql.query<{ n: number }>(`${from} select count(*)::int n from o`, [campaignId, path]),
    sql.query<Record<string, unknown>>(
      `${from} select o.*, u.name unit_name, extract(epoch from now() - o.deadline) / 86400 days
         from o left join ${S}.unit u on u.path = o.org_path
        order by o.deadline, o.id offset $3 limit $4`,
      [campaignId, path, page.offset, page.limit],
    ),
  ]);
  return {
    total: count[0]?.n ?? 0,
    // A page past the end still says the total (its one row has no reviewer).
    items: rows
      .filter((r) => r.id !== null)
      .map((r) => ({
        id: String(r['id']),
        commitmentId: String(r['commitment_id']),
        subjectName: String(r['subject_name']),
        orgPath: String(r['org_path']),
        unitName: (r['unit_name'] as string | null) ?? null,
        target: String(r['target']),
        status: String(r['status']),
        listed: r['listed'] === true,
        deadline: new Date(r['deadline'] as string).toISOString(),
        daysOverdue: Math.round(Number(r['days']) * 100) / 100,
        escalationLevel: Number(r['escalation_level']),
      })),
  };
}

const KINDS = ['reviews', 'opened', 'verified', 'closed', 'escalations'];
const COUNTS = KINDS.map((k) => `count(*) filter (where k = '${k}')::int "${k}"`).join(', ');
const DAY = (col: string) => `(${col} at time zone 'Asia/Shanghai')::date`;

/** Daily points (China dates) from `fromDay` to `toDay`, with the running totals from the campaign's start. */
export async function trend(
  sql: SqlClient,
  S: string,
  campaignId: string,
  path: string,
  fromDay: string,
  toDay: string,
): Promise<TrendPoint[]> {
  const rows = await sql.query<Record<string, number | string>>(
    `${commitmentsCte(S, 'node')}, ev as (
        select ${DAY('r.at')} d, 'reviews' k from ${S}.review_fact r join c on c.id = r.commitment_id where r.passed
        union all select ${DAY('r.opened_at')}, 'opened' from ${S}.rectification_fact r join c on c.id = r.commitment_id
        union all select ${DAY('r.struck_off_at')}, 'verified' from ${S}.rectification_fact r
          join c on c.id = r.commitment_id where r.struck_off_at is not null
        union all select ${DAY('c.closed_at')}, 'closed' from c where c.closed_at is not null
        union all select ${DAY('a.created_at')}, 'escalations' from ${S}.accountability_fact a
          join c on c.id = a.commitment_id),
      daily as (select d, ${COUNTS} from ev group by d),
      before as (select ${COUNTS} from ev where d < $3::date),
      days as (select generate_series($3::date, $4::date, interval '1 day')::date d)
     select to_char(days.d, 'YYYY-MM-DD') "day", ${KINDS.map(
       (k) => `coalesce(daily."${k}", 0) "${k}",
       (select "${k}" from before) + sum(coalesce(daily."${k}", 0)) over (order by days.d) "${k}ToDate"`,
     ).join(',\n       ')}
       from days left join daily on daily.d = days.d order by days.d`,
    [campaignId, path, fromDay, toDay],
  );
  const n = (r: Record<string, number | string>, k: string) => Number(r[k]);
  return rows.map((r) => ({
    day: String(r['day']),
    reviews: n(r, 'reviews'),
    rectificationsOpened: n(r, 'opened'),
    rectificationsVerified: n(r, 'verified'),
    closed: n(r, 'closed'),
    escalations: n(r, 'escalations'),
    reviewsToDate: n(r, 'reviewsToDate'),
    rectificationsOpenedToDate: n(r, 'openedToDate'),
    rectificationsVerifiedToDate: n(r, 'verifiedToDate'),
    closedToDate: n(r, 'closedToDate'),
  }));
}

/**
 * Per reviewer of commitments in the subtree: passed reviews, commitments whose first review by them passed, and redo
 * orders against them (failed check, administrator, inspection). Most reviews first.
 */
export async function reviewerStats(
  sql: SqlClient,
  S: string,
  campaignId: string,
  path: string,
  page: { offset: number; limit: number },
): Promise<ReviewerStatPage> {
  const rows = await sql.query<{
    id: string | null;
    name: string | null;
    done: number;
    first: number;
    redo: number;
    total: number;
  }>(
    `${commitmentsCte(S, 'node')},
      r as (select r.* from ${S}.review_fact r join c on c.id = r.commitment_id),
      firsts as (select distinct on (commitment_id, reviewer_id) reviewer_id, passed from r
                  order by commitment_id, reviewer_id, at, id),
      redo as (select o.reviewer_id, count(*)::int n from ${S}.redo_order_fact o join c on c.id = o.commitment_id
                where o.reviewer_id is not null group by o.reviewer_id),
      ids as (select reviewer_id from r union select reviewer_id from redo),
      stats as (
        select ids.reviewer_id id,
          (select max(c.reviewer_name) from c where c.reviewer_id = ids.reviewer_id) name,
          (select count(*) from r where r.reviewer_id = ids.reviewer_id and r.passed)::int done,
          (select count(*) from firsts f where f.reviewer_id = ids.reviewer_id and f.passed)::int first,
          coalesce((select n from redo where redo.reviewer_id = ids.reviewer_id), 0) redo
        from ids)
     select s.*, t.total from (select count(*)::int total from stats) t
       left join lateral (select * from stats order by done desc, id offset $3 limit $4) s on true
      order by s.done desc, s.id`,
    [campaignId, path, page.offset, page.limit],
  );
  return {
    total: rows[0]?.total ?? 0,
    // A page past the end still says the total (its one row has no reviewer).
    items: rows
      .filter((r) => r.id !== null)
      .map((r) => ({
        reviewerId: String(r.id),
        reviewerName: r.name,
        reviewsDone: r.done,
        passedFirstTime: r.first,
        redoOrders: r.redo,
      })),
  };
}
