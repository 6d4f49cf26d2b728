import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, isWithinScope, type Actor, type Identity } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import type { CommitmentRef } from '../lifecycle/payloads';

/** A step's request id (optional) and deadline (epoch ms). */
export interface Step {
  requestId?: string | undefined;
  deadline: number;
}

/** The columns of a commitment a step needs: its workflow, its place, and what its events carry. */
export interface CommitmentRefRow extends CommitmentRef {
  workflow_id: string;
  org_path: string;
}

export const toActor = (who: Identity): Actor => ({
  personId: who.personId,
  name: who.name,
  roles: who.roles,
  orgPath: who.orgPath,
});

/** The commitment, within the caller's subtree (`who` null: the public channel, any commitment); else NOT_FOUND. */
export async function commitmentFor(
  em: EntityManager,
  who: Identity | null,
  id: string,
): Promise<CommitmentRefRow> {
  const [row] = await emSql(em.fork()).query<CommitmentRefRow>(
    `select id, workflow_id, org_path, stage, subject_kind, subject_id, campaign_id from commitment.commitment where id = $1`,
    [id],
  );
  if (!row || (who && !isWithinScope(who.orgPath, row.org_path)))
    throw new DomainError(ErrorCode.NOT_FOUND, '未找到该承诺，或不在您的管理范围内');
  return row;
}
