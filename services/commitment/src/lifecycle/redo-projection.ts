import type { LifecycleData, LifecycleFact } from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';

/**
 * A redo ordered by supervision: counted (one `redo_order` row per order, against the reviewer, the subject's unit
 * and the campaign; `redo_count` on the commitment), and the review's results forgotten until it is done again.
 */
export async function projectRedoOrder(
  sql: SqlClient,
  f: LifecycleFact,
  d: LifecycleData['review.redo_ordered_by_supervision'],
  id: string,
  at: Date,
): Promise<void> {
  await sql.query(
    `insert into commitment.redo_order
       (id, campaign_id, commitment_id, reviewer_id, unit_id, org_path, source, task_id, reason, ordered_by, from_stage, at)
     select $1, c.campaign_id, c.id, $3, c.subject_unit_id, c.org_path, $4, $5, $6, $7, $8, $9
       from commitment.commitment c where c.id = $2
     on conflict (id) do nothing`,
    [id, f.commitmentId, d.reviewerId, d.source, d.taskId, d.reason, f.actorId ?? null, d.from, at],
  );
  await sql.query(
    `update commitment.commitment
        set redo_count = redo_count + 1, grade = null, outcome = null, closed_at = null
      where id = $1`,
    [f.commitmentId],
  );
}
