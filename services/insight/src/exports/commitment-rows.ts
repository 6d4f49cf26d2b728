import type { CommitmentLedgerItem, CommitmentLedgerRow } from '@pingyi/exports';
import type { Stage } from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';
import { inSubtree } from '../read/subtree';

const BATCH = 1000;

interface Fact {
  id: string;
  org_path: string;
  subject_kind: 'unit' | 'member';
  subject_name: string;
  unit_name: string | null;
  campaign_name: string | null;
  items: CommitmentLedgerItem[] | null;
  stage: Stage;
  deadline_missed: boolean;
  objections: number;
  submitted_at: Date | null;
  accepted_at: Date | null;
  updated_at: Date;
}

export const FROM = (S: string) => `from ${S}.commitment_fact f
  where f.campaign_id = $1 and ${inSubtree('f.org_path', '$2')}`;

/** How many rows the 承诺台账 of a subtree has (for the job's progress). */
export async function countCommitments(sql: SqlClient, S: string, campaignId: string, path: string) {
  const [r] = await sql.query<{ n: number }>(`select count(*)::int n ${FROM(S)}`, [campaignId, path]);
  return r?.n ?? 0;
}

let cursors = 0;

/**
 * Rows of `select` ordered by its last two columns `k1`, `k2`, through one cursor, 1,000 rows a fetch: sorted once,
 * memory holds one batch whatever the size of the subtree, and the file is one snapshot. `sql` must be inside a
 * transaction (the export's reading transaction).
 */
export async function* batched<F extends { k1: string; k2: string }>(
  sql: SqlClient,
  select: string,
  params: [string, string],
): AsyncGenerator<F> {
  const cursor = `export_rows_${(cursors += 1)}`;
  await sql.query(`declare ${cursor} no scroll cursor for ${select} order by k1, k2`, params);
  try {
    for (;;) {
      const batch = await sql.query<F>(`fetch ${BATCH} from ${cursor}`);
      yield* batch;
      if (batch.length < BATCH) return;
    }
  } finally {
    await sql.query(`close ${cursor}`).catch(() => undefined);
  }
}

/** The subject columns every ledger's fact row carries (with `NAMES`). */
export interface SubjectFact {
  org_path: string;
  subject_kind: 'unit' | 'member';
  subject_name: string;
  unit_name: string | null;
}

/** A fact row's subject as the ledgers' rows name it. */
export const subjectCells = (f: SubjectFact) => ({
  orgPath: f.org_path,
  subjectKind: f.subject_kind,
  subjectName: f.subject_name,
  unitName: f.unit_name ?? '',
});

/** Names of the subject's unit and of the campaign, as columns of a select over `commitment_fact f`. */
export const NAMES = (
  S: string,
) => `(select u.name from ${S}.unit u where u.path = f.org_path limit 1) unit_name,
  (select c.name from ${S}.campaign c where c.id = f.campaign_id) campaign_name`;

/** The 承诺台账 rows of a subtree from insight's own facts, by org path then id. */
export async function* commitmentRows(
  sql: SqlClient,
  S: string,
  campaignId: string,
  path: string,
): AsyncGenerator<CommitmentLedgerRow> {
  const rows = batched<Fact & { k1: string; k2: string }>(
    sql,
    `select f.id, f.org_path, f.subject_kind, f.subject_name, f.items, f.stage, f.deadline_missed, f.objections,
            f.submitted_at, f.accepted_at, f.updated_at, ${NAMES(S)}, f.org_path k1, f.id::text k2
       ${FROM(S)}`,
    [campaignId, path],
  );
  for await (const f of rows)
    yield {
      commitmentId: f.id,
      orgPath: f.org_path,
      subjectKind: f.subject_kind,
      subjectName: f.subject_name,
      unitName: f.unit_name ?? '',
      campaignName: f.campaign_name ?? '',
      items: f.items ?? [],
      stage: f.stage,
      overdue: f.deadline_missed,
      objectionCount: f.objections,
      submittedAt: f.submitted_at,
      acceptedAt: f.accepted_at,
      updatedAt: f.updated_at,
    };
}
