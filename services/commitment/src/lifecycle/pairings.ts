import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, RelationChanged, type Identity } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import type { z } from 'zod';

type RelationPayload = z.infer<typeof RelationChanged.payload>;

/**
 * A pairing (结对) added or removed in the org registry, kept in `commitment.branch_pairing`; null for any other
 * relation or an event without the branches' paths.
 */
export function pairingChange(p: RelationPayload): ((em: EntityManager) => Promise<void>) | null {
  if (p.kind !== 'pairing' || !p.unitId || !p.otherUnitId) return null;
  const [a, b] = [p.unitId, p.otherUnitId];
  if (p.change === 'removed')
    return async (em) => {
      await emSql(em.fork()).query(
        `delete from commitment.branch_pairing where unit_a = $1 and unit_b = $2`,
        [a, b],
      );
    };
  if (!p.unitPath || !p.otherUnitPath) return null;
  const [pathA, pathB] = [p.unitPath, p.otherUnitPath];
  return async (em) => {
    await emSql(em.fork()).query(
      `insert into commitment.branch_pairing (unit_a, unit_b, path_a, path_b) values ($1, $2, $3, $4)
       on conflict (unit_a, unit_b) do update set path_a = $3, path_b = $4, changed_at = now()`,
      [a, b, pathA, pathB],
    );
  };
}

/** True when the two branches (by path) are paired. */
export async function arePaired(em: EntityManager, pathA: string, pathB: string): Promise<boolean> {
  const rows = await emSql(em.fork()).query(
    `select 1 from commitment.branch_pairing
      where (path_a = $1 and path_b = $2) or (path_a = $2 and path_b = $1) limit 1`,
    [pathA, pathB],
  );
  return rows.length > 0;
}

/**
 * Who may give a mutual review (互评) to a subject placed at `subjectPath`, following the pairing: people of the same
 * branch (members review each other and their branch; the subject itself is refused by the caller, `isSubjectOf`),
 * and people of a branch paired with it, in any committee. Anybody else — a higher unit's secretary or admin, another
 * unpaired branch — is refused: NOT_FOUND when the subject is outside the caller's subtree (no oracle), else FORBIDDEN.
 */
export async function checkMutualReviewer(
  em: EntityManager,
  who: Identity,
  subjectPath: string,
  inScope: boolean,
): Promise<void> {
  if (who.orgPath === subjectPath || (await arePaired(em, who.orgPath, subjectPath))) return;
  if (!inScope) throw new DomainError(ErrorCode.NOT_FOUND, '未找到该承诺，或不在您的管理范围内');
  throw new DomainError(ErrorCode.FORBIDDEN, '互评只能由同一支部或与之结对的支部进行');
}
