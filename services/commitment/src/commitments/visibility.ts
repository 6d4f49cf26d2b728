import type { Identity } from '@pingyi/contracts';

/**
 * Who sees what (谁能看什么): admins, secretaries and reviewers read every commitment in their subtree (checked by the
 * scope of their identity); a plain member reads in full only their own commitment and those they review, and
 * everyone else's only as the public board (publicBoard) shows it.
 */
export const isPlainMember = (who: Identity): boolean => who.roles.every((r) => r === 'member');

export const PEER_REFUSAL =
  '普通党员只能查看本人的承诺和本人负责点评的承诺；其他同志的承诺请在公示栏（亮诺亮评）查看';

export function mayReadInFull(
  who: Identity,
  c: { subject_kind: string; subject_id: string; reviewer_id: string | null },
): boolean {
  if (!isPlainMember(who)) return true;
  return (c.subject_kind === 'member' && c.subject_id === who.personId) || c.reviewer_id === who.personId;
}

/**
 * The SQL condition that limits a plain member's lists to their own commitments and those they review (none for
 * anyone else); `param` adds the person id to the query's parameters and returns its placeholder.
 */
export function ownRowsOnly(who: Identity, param: (v: unknown) => string, alias = 'c'): string | null {
  if (!isPlainMember(who)) return null;
  const me = param(who.personId);
  return `((${alias}.subject_kind = 'member' and ${alias}.subject_id = ${me}) or ${alias}.reviewer_id = ${me})`;
}
