import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, LifecycleEvents, type Identity } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { emSql, recordEvent, stableUuid } from '@pingyi/persistence';
import { commitmentPayload } from '../lifecycle/payloads';
import { badInput } from '../shared/bad-input';
import type { CommitmentRefRow } from '../shared/commitment-ref';

/** 问责: the records of accountability a rectification's escalation opens, and what the person held to account says. */
@Injectable()
export class AccountabilityService {
  constructor(private readonly em: EntityManager) {}

  /** The escalated-to person explains the cause (查清原因). */
  async fillAccountabilityCause(who: Identity, id: string, cause: string): Promise<void> {
    const text = cause.trim();
    if (text.length < 4 || text.length > 2000) throw badInput(['问责原因说明应为 4–2000 字']);
    await this.em.fork().transactional(async (tx) => {
      const sql = emSql(tx);
      const [a] = await sql.query<{
        assignee_id: string | null;
        cause: string | null;
        commitment_id: string;
        rectification_id: string;
        level: number;
      }>(
        `select assignee_id, cause, commitment_id, rectification_id, level from commitment.accountability where id = $1 for update`,
        [id],
      );
      if (!a) throw new DomainError(ErrorCode.NOT_FOUND, '未找到该问责记录');
      if (a.assignee_id !== who.personId)
        throw new DomainError(ErrorCode.FORBIDDEN, '只有被问责人可以填写原因说明');
      if (a.cause) throw new DomainError(ErrorCode.CONFLICT, '原因说明已填写，不能重复填写');
      await sql.query(`update commitment.accountability set cause = $2, cause_at = now() where id = $1`, [
        id,
        text,
      ]);
      const [c] = await sql.query<CommitmentRefRow>(
        `select id, org_path, stage, subject_kind, subject_id, campaign_id from commitment.commitment where id = $1`,
        [a.commitment_id],
      );
      recordEvent(tx, LifecycleEvents['accountability.cause_filled'], {
        eventId: stableUuid(`accountability:${id}:cause`),
        aggregateId: a.commitment_id,
        orgPath: c!.org_path,
        payload: commitmentPayload(c!, {
          actorId: who.personId,
          rectificationId: a.rectification_id,
          data: { accountabilityId: id, level: a.level, cause: text },
        }),
      });
    });
  }
}
