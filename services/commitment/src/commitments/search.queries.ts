import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, isWithinScope, type Identity, type MemberType, type ReviewMode } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import { containsText, inSubtree } from '../scope/subtree';
import { badInput } from '../shared/bad-input';
import type { CommitmentRow } from '../shared/commitment-row';
import type { CommitmentPageObject } from './commitment.objects';
import { summary } from './commitment.rows';
import { ownRowsOnly } from './visibility';

export interface SearchFilter {
  campaignId?: string | null;
  orgPath?: string | null;
  text?: string | null;
  memberType?: MemberType | null;
  reviewMode?: ReviewMode | null;
}

/** At most this many words, each of at most 50 characters. */
const MAX_TERMS = 5;
const MAX_TERM = 50;

/** The words of a search text: split on white space, each matched on its own (all must match). */
export function searchTerms(text: string | null | undefined): string[] {
  const terms = (text ?? '').split(/\s+/u).filter(Boolean);
  const reasons: string[] = [];
  if (terms.length > MAX_TERMS) reasons.push(`搜索词最多 ${MAX_TERMS} 个`);
  if (terms.some((t) => [...t].length > MAX_TERM)) reasons.push(`每个搜索词最多 ${MAX_TERM} 个字`);
  if (reasons.length) throw badInput(reasons);
  return terms;
}

/**
 * Search of commitments by subject name, item text (content and target) and self-evaluation, within the caller's
 * subtree (and, for a plain member, their own commitments and those they review), by member type and by the mode of
 * the latest leadership review. Text goes through `search_text` (a generated column) and its pg_trgm GIN index: a word
 * of 3 or more characters is looked up in the index; a shorter one (a 2-character name such as 张三) has no trigram,
 * so PostgreSQL reads the other conditions' rows (campaign, subtree) and filters them: still correct, slower on a
 * large campaign.
 */
@Injectable()
export class SearchQueries {
  constructor(private readonly em: EntityManager) {}

  async search(
    who: Identity,
    f: SearchFilter,
    first: number,
    after: string | null,
  ): Promise<CommitmentPageObject> {
    const scope = f.orgPath ?? who.orgPath;
    if (!isWithinScope(who.orgPath, scope)) throw new DomainError(ErrorCode.OUT_OF_SCOPE);
    if (after && !/^[0-9a-f-]{36}$/i.test(after)) throw badInput(['分页游标无效']);
    const terms = searchTerms(f.text);
    const limit = Math.min(Math.max(first, 1), 200);
    const params: unknown[] = [scope, limit + 1];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where = [inSubtree('c.org_path', '$1')];
    if (f.campaignId) where.push(`c.campaign_id = ${p(f.campaignId)}`);
    for (const t of terms) where.push(containsText('c.search_text', p(t)));
    if (f.memberType) where.push(`c.member_type = ${p(f.memberType)}`);
    if (f.reviewMode)
      where.push(
        `(select lr.mode from commitment.leadership_review lr where lr.commitment_id = c.id
           order by lr.at desc limit 1) = ${p(f.reviewMode)}`,
      );
    if (after) where.push(`c.id > ${p(after)}::uuid`);
    const own = ownRowsOnly(who, p);
    if (own) where.push(own);
    const rows = await emSql(this.em.fork()).query<CommitmentRow>(
      `select c.* from commitment.commitment c where ${where.join(' and ')} order by c.id limit $2`,
      params,
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map(summary),
      nextCursor: rows.length > limit ? page[page.length - 1]!.id : undefined,
    };
  }
}
