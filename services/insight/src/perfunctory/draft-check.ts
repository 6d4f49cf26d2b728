import type { SqlClient } from '@pingyi/persistence';
import { reviewFeatures, templateLength } from './features';
import { readableTexts } from './perfunctory.read';
import { scoreText } from './score';
import { nearDuplicates, reviewContent, textContext } from './text-context';

/**
 * Scores a review draft as it would be scored once sent (the same features, thresholds, phrases and near-duplicates
 * among the current texts), without storing anything: the reviewer sees the reasons and can improve before sending.
 * `null` when the commitment is neither the caller's to review nor in the subtree the caller supervises.
 */
export async function checkDraft(
  sql: SqlClient,
  S: string,
  a: {
    commitmentId: string;
    draft: Record<string, unknown>;
    secondsSpent: number | null;
    personId: string;
    /** The caller's subtree if they supervise reviews; null for a member (only their own reviews). */
    scope: string | null;
  },
) {
  const x = await textContext(sql, S, a.commitmentId);
  const mine = x?.c.reviewer_id === a.personId;
  const s = a.scope;
  const inScope = !!x && s != null && (x.c.org_path === s || x.c.org_path.startsWith(`${s}.`));
  if (!x || (!mine && !inScope)) return null;
  const author = x.c.reviewer_id ?? a.personId;
  const f = reviewFeatures(reviewContent(a.draft), x.ctx);
  const text = { id: '', kind: 'review' as const, cid: a.commitmentId, author, campaign: x.c.campaign_id };
  const near = await nearDuplicates(sql, S, text, f, x.t.nearDuplicate);
  const scored = scoreText(
    f,
    { sameAuthor: near.filter((n) => n.sameAuthor).length, others: near.filter((n) => !n.sameAuthor).length },
    { kind: 'review', templateLength: templateLength(x.aspects), secondsSpent: a.secondsSpent },
    x.t,
  );
  const shown = await readableTexts(
    sql,
    S,
    near.map((n) => n.id),
    a.scope,
    a.personId,
  );
  const similar = near
    .filter((n) => shown.has(n.id))
    .sort((p, q) => q.similarity - p.similarity)
    .map((n) => ({ text: shown.get(n.id)!, similarity: n.similarity, sameAuthor: n.sameAuthor }));
  return { ...scored, similar, outsideScope: near.length - similar.length };
}
