import type { RectificationLedgerRow, RectificationSource, RectificationStatus } from '@pingyi/exports';
import type { SqlClient } from '@pingyi/persistence';
import { inSubtree } from '../read/subtree';
import { NAMES, batched, subjectCells, type SubjectFact } from './commitment-rows';

interface Fact extends SubjectFact {
  id: string;
  source: RectificationSource;
  target: string;
  measures: string | null;
  owner: string | null;
  deadline: Date;
  status: string;
  listed: boolean;
  round: number;
  result: string | null;
  struck_off_at: Date | null;
  settled_at: Date | null;
  k1: string;
  k2: string;
}

/** Rectification items of the campaign's commitments in the subtree (`$1` campaign, `$2` path). */
const ITEMS = (
  S: string,
) => `from ${S}.rectification_fact x join ${S}.commitment_fact f on f.id = x.commitment_id
  where f.campaign_id = $1 and ${inSubtree('f.org_path', '$2')}`;

/** How many rows the 整改台账 of a subtree has. */
export async function countRectifications(sql: SqlClient, S: string, campaignId: string, path: string) {
  const [r] = await sql.query<{ n: number }>(`select count(*)::int n ${ITEMS(S)}`, [campaignId, path]);
  return r?.n ?? 0;
}

const OPEN = new Set(['open', 'completed']);

/** The ledger's status: struck off or settled is 已销号; open again after a reopening is 已重新整改. */
function status(f: Fact): RectificationStatus {
  if (f.status === 'struck_off' || f.status === 'settled') return 'verified';
  if (f.status === 'cancelled') return 'cancelled';
  if (f.status === 'open' && f.round > 1) return 'reopened';
  return f.status === 'completed' ? 'completed' : 'open';
}

/** Beijing date of a deadline (四定: 定工作进度). */
const day = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The 整改台账 of a subtree: one row per rectification item, from insight's own facts (`rectification.opened` for the
 * item's target, measures and owner, `rectification.completed` for the result reported). The 整改问题 is the item as
 * opened (its target); the owner prints as the subject's or reviewer's name (insight keeps no register of people).
 */
export async function* rectificationRows(
  sql: SqlClient,
  S: string,
  campaignId: string,
  path: string,
): AsyncGenerator<RectificationLedgerRow> {
  const rows = batched<Fact>(
    sql,
    `select x.id, f.org_path, f.subject_kind, f.subject_name, ${NAMES(S)}, x.source, x.target, x.measures,
            case when x.owner_id is null then null when x.owner_id = f.subject_id then f.subject_name
                 when x.owner_id = f.reviewer_id then f.reviewer_name end owner,
            x.deadline, x.status, x.listed, x.round, x.result, x.struck_off_at, x.settled_at,
            f.org_path k1, x.id k2
       ${ITEMS(S)}`,
    [campaignId, path],
  );
  const now = Date.now();
  for await (const f of rows)
    yield {
      itemId: f.id,
      ...subjectCells(f),
      source: f.source,
      problem: f.target,
      ownerName: f.owner ?? '—',
      target: f.target,
      measures: f.measures ?? '',
      deadline: day(new Date(f.deadline)),
      status: status(f),
      listed: f.listed,
      overdue: OPEN.has(f.status) && new Date(f.deadline).getTime() < now,
      result: f.result,
      verifiedAt: f.struck_off_at ?? f.settled_at,
      reopenCount: Math.max(0, f.round - 1),
    };
}
