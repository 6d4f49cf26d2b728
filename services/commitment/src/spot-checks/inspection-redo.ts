import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Identity } from '@pingyi/contracts';
import { emSql } from '@pingyi/persistence';
import { orderRedos, type RedoOutcome } from '../lifecycle/redo-orders';
import type { TaskRow } from './spot-checks.rows';

/** The stages in which a review has been done and may be ordered redone (the workflow's REDO_FROM). */
export const REVIEWED = ['mass_evaluation', 'rectification', 'follow_up', 'outcome', 'closed'];

/**
 * An inspection finding with failed checks orders the reviews it concerns redone: for a unit drawn, the unit's own
 * commitment and those of its members; for a cadre drawn, every commitment that cadre reviewed — in the task's
 * campaign, among those already reviewed; for one review sent to inspection (送督查 from a flag), that review only.
 */
export async function redoAfterFinding(
  em: EntityManager,
  temporal: Client,
  who: Identity,
  t: TaskRow,
  note: string | null,
): Promise<RedoOutcome[]> {
  const rows = await emSql(em.fork()).query<{ id: string }>(
    `select id from commitment.commitment
      where campaign_id = $1 and stage = any($2::text[])
        and case when $5::uuid is not null then id = $5::uuid else (case when $3 = 'unit' then subject_id = $4 or (subject_kind = 'member' and subject_unit_id = $4)
                  else reviewer_id = $4 end) end
      order by subject_kind desc, subject_id`,
    [t.campaign_id, REVIEWED, t.subject_kind, t.subject_id, t.commitment_id ?? null],
  );
  const what = t.commitment_id ? '督查' : '抽查';
  const reason = `${what}“${t.subject_name}”发现点评未过“三不过关”${note ? `：${note}` : ''}`;
  return orderRedos(
    em,
    temporal,
    who,
    rows.map((r) => r.id),
    { reason, source: 'inspection', taskId: t.id },
  );
}
