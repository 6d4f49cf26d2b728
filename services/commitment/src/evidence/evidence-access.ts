import { isWithinScope, type Identity } from '@pingyi/contracts';
import { PEOPLE } from '../shared/roles';

/** Where an evidence file (or an upload) belongs: its commitment and, for rectification evidence, that rectification. */
export interface EvidencePlace {
  commitment_id: string;
  org_path: string;
  subject_kind: string;
  subject_id: string;
  reviewer_id: string | null;
  rectification_id: string | null;
  owner_id: string | null;
  verifier_id: string | null;
}

export type Access = 'allowed' | 'not_found' | 'forbidden';

export const FILE_NOT_FOUND = '未找到该佐证材料，或不在您的查看范围内';
export const FILE_FORBIDDEN =
  '普通党员只能查看本人的承诺、本人负责点评或整改的事项的佐证材料；其他同志的材料无权查看';

/** The people the file's commitment names: its subject, its reviewer, the rectification's owner and verifier. */
const namedIn = (who: Identity, p: EvidencePlace): boolean =>
  (p.subject_kind === 'member' && p.subject_id === who.personId) ||
  p.reviewer_id === who.personId ||
  (p.rectification_id !== null && (p.owner_id === who.personId || p.verifier_id === who.personId));

/**
 * Who may read an evidence file (and upload one to a commitment): its uploader; anyone the commitment names (subject,
 * reviewer, rectification owner and verifier), even across committees (a paired reviewer); within the caller's
 * subtree, whoever reads the commitment in full (secretaries, reviewers, admins whose subtree contains it). Everyone
 * else: not found outside their subtree, forbidden (a peer member) inside it. Never the anonymous channel.
 */
export function evidenceAccess(who: Identity, p: EvidencePlace | null, uploaderId?: string): Access {
  if (!p || !who.roles.some((r) => PEOPLE.includes(r))) return 'not_found';
  if (uploaderId === who.personId || namedIn(who, p)) return 'allowed';
  if (!isWithinScope(who.orgPath, p.org_path)) return 'not_found';
  // A plain member reads in full only their own commitment and those they review (commitments/visibility.ts), both
  // already named above; everyone else in scope reads it.
  return who.roles.every((r) => r === 'member') ? 'forbidden' : 'allowed';
}

/** The place of a commitment or of a rectification (then its commitment's), by id; `$1` the id. */
export const placeSql = (by: 'commitment' | 'rectification' | 'file'): string => {
  const base = `select c.id commitment_id, c.org_path, c.subject_kind, c.subject_id, c.reviewer_id,
      r.id rectification_id, r.owner_id, r.verifier_id`;
  if (by === 'commitment')
    return `${base} from commitment.commitment c left join commitment.rectification r on false where c.id = $1`;
  if (by === 'rectification')
    return `${base} from commitment.rectification r join commitment.commitment c on c.id = r.commitment_id
      where r.id = $1`;
  return `${base}, f.uploader_id, f.filename, f.content_type, f.kind, f.size, f.chunks, f.sha256
      from commitment.evidence_file f join commitment.commitment c on c.id = f.commitment_id
      left join commitment.rectification r on r.id = f.rectification_id where f.id = $1`;
};
