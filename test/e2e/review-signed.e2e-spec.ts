import { createHash } from 'node:crypto';
import { canonicalJson } from '@pingyi/contracts';
import { gql } from './helpers';
import {
  GOOD_REVIEW,
  code,
  driveToMutualReview,
  fastSettings,
  must,
  openOne,
  useWorld,
} from './lifecycle-fixtures';

const LEAD = `mutation($id: ID!, $r: LeadershipReviewInputType!) { submitLeadershipReview(commitmentId: $id, review: $r) { ok } }`;
const REVIEWS = `query($id: ID!) { commitment(id: $id) { id selfEvaluation reviews {
  reviewerId mode achievements shortcomings causes measuresJson grade passed failures signature
  signoff { personId name signedAt contentHash } } } }`;

interface Review {
  mode: string;
  achievements: string;
  shortcomings: string[];
  causes: string;
  measuresJson: string;
  grade: string;
  passed: boolean;
  signature: string;
  signoff: { personId: string; name: string | null; signedAt: string; contentHash: string } | null;
}

/** The hash a reader can recompute from the registration form as read back (see ReviewSignoff.contentHash). */
const hashOf = (commitmentId: string, r: Review) =>
  createHash('sha256')
    .update(
      canonicalJson({
        commitmentId,
        reviewer: { personId: r.signoff!.personId, name: r.signoff!.name },
        signedAt: new Date(r.signoff!.signedAt).toISOString(),
        mode: r.mode,
        achievements: r.achievements,
        shortcomings: r.shortcomings,
        causes: r.causes,
        measures: JSON.parse(r.measuresJson),
        grade: r.grade,
        passed: r.passed,
      }),
    )
    .digest('hex');

describe('leadership reviews are signed by the system, and members read only their own (issue 15, rules 4 and 5)', () => {
  const ctx = useWorld();
  const w = ctx.w;

  it('signs a review with the authenticated reviewer, the time and a hash of the content, never the typed text', async () => {
    const [M, sB] = [w.person('M'), w.person('sB')];
    const { commitmentId: id } = await openOne(w, { kind: 'member', id: M.id }, fastSettings());
    await driveToMutualReview(id, M.token, sB.token);
    await must(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id }, sB.token);
    // A redo order (no shortcoming) and then the passing review, both with a forged typed signature.
    const forged = { ...GOOD_REVIEW(M.id), signature: '张三' };
    expect(code(await gql(LEAD, { id, r: { ...forged, shortcomings: [] } }, { token: sB.token }))).toBe(
      'REVIEW_NOT_PASSED',
    );
    await must(LEAD, { id, r: forged }, sB.token);
    const c = (await must<{ commitment: { reviews: Review[] } }>(REVIEWS, { id }, w.admin)).commitment;
    expect(c.reviews.map((r) => r.passed)).toEqual([false, true]);
    for (const r of c.reviews) {
      expect(r.signature).toBe('党员sB');
      expect(JSON.stringify(r)).not.toContain('张三');
      expect(r.signoff).toMatchObject({ personId: sB.id, name: '党员sB' });
      expect(r.signoff!.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.signoff!.contentHash).toBe(hashOf(id, r));
      expect(Math.abs(Date.now() - new Date(r.signoff!.signedAt).getTime())).toBeLessThan(120_000);
    }
    // The hash binds the content: the same form with another grade would not carry it.
    const passed = c.reviews[1]!;
    expect(hashOf(id, { ...passed, grade: 'poor' })).not.toBe(passed.signoff!.contentHash);
    // Archived with the registration table (领导点评登记表).
    const rows = await ctx.pg.query(
      `select signer_id, signer_name, content_hash from commitment.leadership_review where commitment_id = $1`,
      [id],
    );
    expect(rows.rows.map((x: { signer_id: string }) => x.signer_id)).toEqual([sB.id, sB.id]);
    // The typed signature is deprecated in the schema, with a Chinese reason.
    const intro = await must<{
      __type: { inputFields: { name: string; deprecationReason: string | null }[] };
    }>(
      `{ __type(name: "LeadershipReviewInputType") { inputFields(includeDeprecated: true) { name deprecationReason } } }`,
      {},
      sB.token,
    );
    const sig = intro.__type.inputFields.find((f) => f.name === 'signature');
    expect(sig?.deprecationReason).toMatch(/^签名改由系统/);
  }, 240_000);

  it('lets a member read their own review and self-evaluation but not a peer’s', async () => {
    const [M, N, sB] = [w.person('M'), w.person('N'), w.person('sB')];
    const { commitmentId: id } = await openOne(w, { kind: 'member', id: M.id }, fastSettings());
    await driveToMutualReview(id, M.token, sB.token);
    await must(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id }, sB.token);
    await must(LEAD, { id, r: GOOD_REVIEW(M.id) }, sB.token);

    const own = (
      await must<{ commitment: { selfEvaluation: string; reviews: Review[] } }>(REVIEWS, { id }, M.token)
    ).commitment;
    expect(own.reviews).toHaveLength(1);
    expect(own.selfEvaluation).toContain('全年认真践行承诺');
    expect((await must(REVIEWS, { id }, sB.token))['commitment']['reviews']).toHaveLength(1);

    const peer = await gql<{ commitment: unknown }>(REVIEWS, { id }, { token: N.token });
    expect(code(peer)).toBe('FORBIDDEN');
    expect(peer.errors![0]!.message).toContain('普通党员只能查看本人的承诺');
    expect(peer.data?.commitment ?? null).toBeNull();
    const list = await must<{ commitments: { items: { id: string }[] } }>(
      `query { commitments(first: 200) { items { id } } }`,
      {},
      N.token,
    );
    expect(list.commitments.items.map((x) => x.id)).not.toContain(id);
    const mine = await must<{ commitments: { items: { id: string }[] } }>(
      `query { commitments(first: 200) { items { id } } }`,
      {},
      M.token,
    );
    expect(mine.commitments.items.map((x) => x.id)).toContain(id);
  }, 240_000);
});
