import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { CommitmentUpdate, ErrorCode, type Identity, type RedoSource } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import { commitmentFor, toActor } from '../shared/commitment-ref';
import { sendStep, stepDeadline } from './steps';

/** What happened to one commitment of a redo order. */
export interface RedoOutcome {
  /** The position of the commitment in the list asked (0-based). */
  index: number;
  /** Null when not found within the caller's subtree (an id from elsewhere is not echoed). */
  commitmentId: string | null;
  ok: boolean;
  code: string | null;
  message: string | null;
}

export interface RedoOrder {
  reason: string;
  source: RedoSource;
  taskId: string | null;
}

/**
 * 责令重新点评 for each commitment in turn (each its own Update: one refused does not hold back the others), within
 * the caller's subtree. The caller is an administrator (the mutation's role check; an inspection finding is
 * recorded by one). Answers per commitment, in the order asked, each id once (by its position).
 */
export async function orderRedos(
  em: EntityManager,
  temporal: Client,
  who: Identity,
  commitmentIds: string[],
  order: RedoOrder,
): Promise<RedoOutcome[]> {
  const out: RedoOutcome[] = [];
  for (const [index, commitmentId] of commitmentIds.entries()) {
    if (commitmentIds.indexOf(commitmentId) !== index) continue;
    let found = false;
    try {
      if (!/^[0-9a-f-]{36}$/i.test(commitmentId))
        throw new DomainError(ErrorCode.NOT_FOUND, '未找到该承诺，或不在您的管理范围内');
      const row = await commitmentFor(em, who, commitmentId);
      found = true;
      await sendStep(temporal, {
        workflowId: row.workflow_id,
        update: CommitmentUpdate.orderRedo,
        arg: { actor: toActor(who), args: order },
        deadline: stepDeadline(),
        sql: emSql(em.fork()),
      });
      out.push({ index, commitmentId, ok: true, code: null, message: null });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const code = (e.extensions['code'] as string | undefined) ?? ErrorCode.INTERNAL;
      out.push({ index, commitmentId: found ? commitmentId : null, ok: false, code, message: e.message });
    }
  }
  return out;
}
