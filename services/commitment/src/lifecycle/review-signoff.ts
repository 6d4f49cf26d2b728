import { createHash } from 'node:crypto';
import { canonicalJson, type LifecycleData, type ReviewSignoff } from '@pingyi/contracts';

/** What a leadership review's hash covers: the registration form's content, the subject, the signer and the time. */
export function signedContent(
  commitmentId: string,
  review: LifecycleData['review.submitted']['review'],
  signer: { personId: string; name: string | null; signedAt: string },
  passed: boolean,
): Record<string, unknown> {
  return {
    commitmentId,
    reviewer: { personId: signer.personId, name: signer.name },
    signedAt: signer.signedAt,
    mode: review.mode,
    achievements: review.achievements,
    shortcomings: review.shortcomings,
    causes: review.causes ?? '',
    measures: review.measures,
    grade: review.grade,
    passed,
  };
}

/**
 * The sign-off (签名) of a leadership review, made when the review is recorded — never typed: the reviewer the
 * workflow accepted (person id, and the name the registry gives the commitment's reviewer, else the identity's), the
 * time of the fact, and the SHA-256 of the canonical JSON of `signedContent`.
 */
export function signReview(
  commitmentId: string,
  review: LifecycleData['review.submitted']['review'],
  signer: { personId: string; name: string | null; signedAt: string },
  passed: boolean,
): ReviewSignoff {
  const contentHash = createHash('sha256')
    .update(canonicalJson(signedContent(commitmentId, review, signer, passed)))
    .digest('hex');
  return { ...signer, contentHash };
}
