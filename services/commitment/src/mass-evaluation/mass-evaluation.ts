import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { LifecycleEvents, type Identity } from '@pingyi/contracts';
import { emSql, recordEvent } from '@pingyi/persistence';
import { badInput } from '../shared/bad-input';
import { commitmentPayload, type CommitmentRef } from '../lifecycle/payloads';
import { chinaDay } from './public-limits';

export const EvaluatorCategory = z.enum([
  'public', // 普通群众
  'representative', // 党代表、群众代表
  'enterprise', // 企业代表
  'self_employed', // 个体工商户
  'service_recipient', // 服务对象
  'deputy', // 两代表一委员
]);
export const MassRating = z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']);

export const TokenSchema = z.object({
  count: z.number().int().min(1, '至少发放 1 个评议码').max(500, '一次最多发放 500 个评议码'),
  category: EvaluatorCategory,
});
/** The one answer to any code that cannot be used now: unknown, used, or outside the evaluation window. */
export const BAD_CODE = '评议码无效或已使用';
const ResponseSchema = z.object({
  token: z.string().trim().min(10, BAD_CODE).max(64, BAD_CODE),
  rating: MassRating,
  comment: z.string().trim().max(1000, '意见不能超过 1000 字').nullish(),
});

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Stores the hashes of `count` fresh single-use codes for a commitment, with one event; returns the codes. */
export async function issueTokens(
  em: EntityManager,
  who: Identity,
  row: CommitmentRef & { org_path: string },
  t: z.infer<typeof TokenSchema>,
): Promise<string[]> {
  const tokens = Array.from({ length: t.count }, () => randomBytes(16).toString('base64url'));
  const batchId = randomUUID();
  await em.fork().transactional(async (tx) => {
    await emSql(tx).query(
      `insert into commitment.mass_eval_token (token_hash, commitment_id, category, batch_id)
       select h, $2, $3, $4 from unnest($1::text[]) h`,
      [tokens.map(hashToken), row.id, t.category, batchId],
    );
    recordEvent(tx, LifecycleEvents['mass_evaluation.tokens_issued'], {
      eventId: batchId,
      aggregateId: row.id,
      orgPath: row.org_path,
      payload: commitmentPayload(row, {
        actorId: who.personId,
        data: { category: t.category, count: t.count },
      }),
    });
  });
  return tokens;
}

/**
 * An anonymous evaluation: the code is spent and the response stored in one transaction. A code that is unknown,
 * used, or whose commitment is not in its evaluation window is refused by the same single statement with the same
 * answer (nothing tells them apart; a code outside the window stays unspent). Nothing about the evaluator is stored,
 * logged or published, and the event carries only the day (its `occurredAt` is that day's start, China time).
 * Returns false for a refused code (the caller answers BAD_INPUT).
 */
export async function recordResponse(em: EntityManager, raw: unknown): Promise<boolean> {
  const p = ResponseSchema.safeParse(raw);
  if (!p.success) throw badInput(p.error.issues);
  return em.fork().transactional(async (tx) => {
    const sql = emSql(tx);
    const [c] = await sql.query<CommitmentRef & { org_path: string; category: string }>(
      `update commitment.mass_eval_token t set used = true
         from commitment.commitment c
        where t.token_hash = $1 and not t.used and c.id = t.commitment_id and c.stage = 'mass_evaluation'
        returning c.id, c.org_path, c.stage, c.subject_kind, c.subject_id, c.campaign_id, t.category`,
      [hashToken(p.data.token)],
    );
    if (!c) return false;
    const day = chinaDay();
    await sql.query(
      `insert into commitment.mass_eval_response (commitment_id, category, rating, comment, recorded_on)
       values ($1, $2, $3, $4, $5::date)`,
      [c.id, c.category, p.data.rating, p.data.comment || null, day],
    );
    recordEvent(tx, LifecycleEvents['mass_evaluation.response_recorded'], {
      aggregateId: c.id,
      orgPath: c.org_path,
      occurredAt: new Date(`${day}T00:00:00+08:00`),
      payload: commitmentPayload(c, { actorId: null, data: { category: c.category, day } }),
    });
    return true;
  });
}
