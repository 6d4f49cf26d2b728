import { gql, tokenFor } from './helpers';
import * as L from './lifecycle-fixtures';
import type { OrgWorld } from './lifecycle-fixtures';

/**
 * Issue 15, rule 3: mutual review (互评) follows the pairing (结对) of the org registry. A branch paired with the
 * subject in another committee reviews it; an unpaired branch cannot (NOT_FOUND, nothing told), a committee's
 * secretary above it cannot (FORBIDDEN), the subject's own secretary cannot, in either mode; unpaired, no longer.
 */
const MUTUAL = `mutation($id: ID!, $m: MutualReviewMode!, $o: String!) { submitMutualReview(commitmentId: $id, mode: $m, opinion: $o) { ok } }`;

/** A member of `branch` with a token at the branch, made its secretary when asked. */
async function personIn(w: OrgWorld, key: string, branch: string, secretary: boolean): Promise<string> {
  const p = await w.addMember(key, branch);
  if (secretary) await w.setSecretary(branch, key);
  p.token = await tokenFor([secretary ? 'unit_secretary' : 'member'], w.unit[branch]!.path, p.id);
  return p.token;
}

describe('mutual review follows the pairing (issue 15, rule 3)', () => {
  const ctx = L.useWorld();

  it('a paired branch in another committee reviews its pair; an unpaired one, a committee above and the subject cannot', async () => {
    const w = ctx.w;
    // A second committee under the county, with a branch paired with B and one that is not.
    await w.addUnit('K2', 'committee', 'C');
    await w.addUnit('B3', 'branch', 'K2');
    await w.addUnit('B4', 'branch', 'K2');
    const sB3 = await personIn(w, 'sB3', 'B3', true);
    const mB3 = await personIn(w, 'mB3', 'B3', false);
    const sB4 = await personIn(w, 'sB4', 'B4', true);
    const PAIR = (op: string) => `mutation($a: ID!, $b: ID!) { ${op}(a: $a, b: $b) }`;
    await L.must(PAIR('pairBranches'), { a: w.unit['B']!.id, b: w.unit['B3']!.id }, w.admin);

    const { commitmentId: id } = await L.openOne(w, { kind: 'unit', id: w.unit['B']!.id }, L.fastSettings());
    const reviewerId = await L.eventually(
      'the reviewer',
      async () => (await L.getCommitment(w.admin, id))['reviewerId'],
    );
    const reviewer = Object.values(w.people).find((p) => p.id === reviewerId)!;
    await L.driveToMutualReview(id, w.person('sB').token, reviewer.token);
    await L.eventually(
      'mutual review',
      async () => (await L.getCommitment(w.admin, id))['stage'] === 'mutual_review',
    );

    const review = (token: string, m: string, o = '结对支部互评：组织生活规范，帮带作用明显') =>
      gql(MUTUAL, { id, m, o }, { token });
    // The paired branch's secretary (another committee): face to face, named; its member: back to back.
    await L.eventually('the pairing reaches the commitment service', async () => {
      const r = await review(sB3, 'face_to_face');
      return r.errors ? undefined : true;
    });
    expect((await review(mB3, 'anonymous')).errors).toBeUndefined();
    // Unpaired branch of the other committee: nothing there for it. The committee above B: not a pair. The subject's
    // own secretary: not in either mode.
    expect(L.code(await review(sB4, 'face_to_face'))).toBe('NOT_FOUND');
    expect(L.code(await review(sB4, 'anonymous'))).toBe('NOT_FOUND');
    expect(L.code(await review(w.person('sK').token, 'face_to_face'))).toBe('FORBIDDEN');
    expect(L.code(await review(w.person('sB').token, 'anonymous'))).toBe('FORBIDDEN');
    const rows = await ctx.pg.query(
      `select mode, reviewer_id from commitment.mutual_review where commitment_id = $1 order by mode`,
      [id],
    );
    expect(rows.rows).toEqual([
      { mode: 'anonymous', reviewer_id: null },
      { mode: 'face_to_face', reviewer_id: w.person('sB3').id },
    ]);

    // Unpaired in the registry: the other committee's branch may no longer review.
    await L.must(PAIR('unpairBranches'), { a: w.unit['B']!.id, b: w.unit['B3']!.id }, w.admin);
    await L.eventually('the unpairing reaches the commitment service', async () => {
      const left = await ctx.pg.query(`select 1 from commitment.branch_pairing where unit_a = any($1)`, [
        [w.unit['B']!.id, w.unit['B3']!.id],
      ]);
      return left.rows.length === 0 ? true : undefined;
    });
    expect(L.code(await review(mB3, 'face_to_face'))).toBe('NOT_FOUND');
  }, 180_000);
});
