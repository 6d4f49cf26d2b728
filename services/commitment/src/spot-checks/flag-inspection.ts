import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { ErrorCode, isWithinScope, type Identity } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import { inSubtree } from '../scope/subtree';
import { badInput } from '../shared/bad-input';
import { REVIEWED } from './inspection-redo';
import type { TaskRow } from './spot-checks.rows';

const Reason = z
  .string()
  .trim()
  .min(4, '请写明送督查的理由（至少 4 个字）')
  .max(500, '送督查的理由不能超过 500 字');

/**
 * 送督查 in one step (from a 防走过场 flag): an inspection task of one commitment's leadership review, not drawn by
 * lot, for an administrator whose subtree holds the commitment. Its finding is recorded as a drawn task's is; a failed
 * check orders only this review redone. One open task per commitment.
 */
export async function sendReviewToInspection(
  em: EntityManager,
  who: Identity,
  commitmentId: string,
  reason: unknown,
): Promise<TaskRow> {
  const r = Reason.safeParse(reason);
  if (!r.success) throw badInput(r.error.issues);
  const notFound = () => new DomainError(ErrorCode.NOT_FOUND, '未找到该承诺，或不在您的管理范围内');
  if (!/^[0-9a-f-]{36}$/i.test(commitmentId)) throw notFound();
  const sql = emSql(em.fork());
  const [c] = await sql.query<{
    campaign_id: string;
    subject_name: string;
    org_path: string;
    stage: string;
    reviewer_id: string | null;
    reviewer_name: string | null;
  }>(
    `select campaign_id, subject_name, org_path, stage, reviewer_id, reviewer_name from commitment.commitment
      where id = $1`,
    [commitmentId],
  );
  if (!c || !isWithinScope(who.orgPath, c.org_path)) throw notFound();
  if (!REVIEWED.includes(c.stage) || !c.reviewer_id)
    throw new DomainError(ErrorCode.CONFLICT, '该承诺尚未完成领导点评，不能送督查');
  const rows = await sql.query<TaskRow>(
    `insert into commitment.inspection_task (id, draw_id, campaign_id, subject_kind, subject_id, subject_name, org_path,
       created_at, commitment_id, reason, sent_by)
     values ($1, null, $2, 'cadre', $3, $4, $5, now(), $6, $7, $8)
     on conflict do nothing returning *`,
    [
      randomUUID(),
      c.campaign_id,
      c.reviewer_id,
      `${c.reviewer_name ?? '点评人'}对${c.subject_name}的领导点评`,
      c.org_path,
      commitmentId,
      r.data,
      who.personId,
    ],
  );
  if (!rows[0]) throw new DomainError(ErrorCode.CONFLICT, '该点评已送督查，尚未登记检查结果');
  return rows[0];
}

/** The reviews sent to inspection one by one in a campaign, within the caller's subtree, newest first. */
export function sentInspections(em: EntityManager, who: Identity, campaignId: string) {
  return emSql(em.fork()).query<TaskRow>(
    `select * from commitment.inspection_task
      where campaign_id = $1 and commitment_id is not null and ${inSubtree('org_path', '$2')}
      order by created_at desc, id limit 200`,
    [campaignId, who.orgPath],
  );
}
