import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, StepOutcome, type Identity } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The evidence entries for a step's `evidenceFileIds` (files uploaded with `POST /files`, see evidence/): each must be
 * a file of this commitment (for a rectification: of this rectification or of its commitment) uploaded by the person
 * taking the step. Refused as a whole (BAD_INPUT naming the files, not applied) before the step is sent; kept in the
 * step's evidence as `file:<id>`.
 */
export async function evidenceEntries(
  em: EntityManager,
  who: Identity,
  target: { commitmentId: string } | { rectificationId: string },
  ids: readonly string[] | null | undefined,
): Promise<string[]> {
  if (!ids || ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const good = unique.filter((i) => UUID.test(i));
  const byCommitment = 'commitmentId' in target;
  const on = byCommitment ? target.commitmentId : target.rectificationId;
  const rows =
    byCommitment && !UUID.test(on)
      ? []
      : await emSql(em.fork()).query<{ id: string }>(
          byCommitment
            ? `select id from commitment.evidence_file
                where id = any($1::uuid[]) and uploader_id = $2 and commitment_id = $3::uuid and rectification_id is null`
            : `select f.id from commitment.evidence_file f
                 join commitment.rectification r on r.commitment_id = f.commitment_id
                where f.id = any($1::uuid[]) and f.uploader_id = $2 and r.id = $3
                  and (f.rectification_id is null or f.rectification_id = r.id)`,
          [good, who.personId, on],
        );
  const found = new Set(rows.map((r) => r.id));
  const missing = unique.filter((i) => !found.has(i));
  if (missing.length > 0)
    throw new DomainError(
      ErrorCode.BAD_INPUT,
      `佐证材料 ${missing.join('、')} 不存在，或不是本人为该${byCommitment ? '承诺' : '整改事项'}上传的，未办理`,
      { evidenceFileIds: missing, outcome: StepOutcome.notApplied },
    );
  return unique.map((i) => `file:${i}`);
}
