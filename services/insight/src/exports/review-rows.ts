import type { ReviewLedgerRow } from '@pingyi/exports';
import type { ReviewGrade, ReviewMode } from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';
import { inSubtree } from '../read/subtree';
import { NAMES, batched } from './commitment-rows';

interface Fact {
  id: string;
  org_path: string;
  subject_kind: 'unit' | 'member';
  subject_name: string;
  unit_name: string | null;
  reviewer_name: string | null;
  at: Date;
  mode: ReviewMode;
  grade: ReviewGrade;
  content: {
    achievements?: string;
    shortcomings?: unknown[];
    causes?: string;
    measures?: { target?: string; measures?: string; deadline?: string }[];
  } | null;
  items: number;
  verified: number;
  overdue: number;
  redo: number;
  k1: string;
  k2: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
/** Passed reviews of the campaign's commitments in the subtree (`$1` campaign, `$2` path). */
const PASSED = (S: string) => `from ${S}.review_fact r join ${S}.commitment_fact f on f.id = r.commitment_id
  where r.passed and f.campaign_id = $1 and ${inSubtree('f.org_path', '$2')}`;

/** How many passed reviews the 点评台账 of a subtree has. */
export async function countReviews(sql: SqlClient, S: string, campaignId: string, path: string) {
  const [r] = await sql.query<{ n: number }>(`select count(*)::int n ${PASSED(S)}`, [campaignId, path]);
  return r?.n ?? 0;
}

/** The 点评台账 of a subtree: one row per passed leadership review, from insight's own facts. */
export async function* reviewRows(
  sql: SqlClient,
  S: string,
  campaignId: string,
  path: string,
): AsyncGenerator<ReviewLedgerRow> {
  const rows = batched<Fact>(
    sql,
    `select f.id, f.org_path, f.subject_kind, f.subject_name, ${NAMES(S)},
            coalesce(r.signoff->>'name', f.reviewer_name) reviewer_name, r.at, r.mode, r.grade, r.content,
            (select count(*)::int from ${S}.rectification_fact x where x.commitment_id = f.id) items,
            (select count(*)::int from ${S}.rectification_fact x
              where x.commitment_id = f.id and x.status in ('struck_off', 'settled')) verified,
            (select count(*)::int from ${S}.rectification_fact x
              where x.commitment_id = f.id and x.status in ('open', 'completed') and x.deadline < now()) overdue,
            (select count(*)::int from ${S}.redo_order_fact o where o.commitment_id = f.id) redo,
            f.org_path k1, r.id::text k2
       ${PASSED(S)}`,
    [campaignId, path],
  );
  for await (const f of rows)
    yield {
      commitmentId: f.id,
      orgPath: f.org_path,
      subjectKind: f.subject_kind,
      subjectName: f.subject_name,
      unitName: f.unit_name ?? '',
      reviewerName: f.reviewer_name ?? '',
      reviewedAt: f.at,
      mode: f.mode,
      grade: f.grade,
      achievements: f.content?.achievements ?? '',
      shortcomings: (f.content?.shortcomings ?? []).map(text),
      causes: f.content?.causes ?? null,
      measures: (f.content?.measures ?? []).map(
        (m) => `${m.target ?? ''}；${m.measures ?? ''}；${m.deadline ?? ''}`,
      ),
      rectification: `${f.items} 项，已销号 ${f.verified} 项，逾期 ${f.overdue} 项`,
      redoCount: f.redo,
    };
}
