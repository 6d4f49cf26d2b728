import { gql, tokenFor } from './helpers';
import {
  code,
  driveToMutualReview,
  eventually,
  fastSettings,
  getCommitment,
  must,
  openOne,
  useWorld,
  type OrgWorld,
} from './lifecycle-fixtures';
import { idNumber, phone } from './org-fixtures';

/**
 * Issue 15, rule 3: mutual review (互评) follows the pairing (结对) of the org registry. A branch paired with the
 * subject in another committee reviews it; an unpaired branch cannot (NOT_FOUND, nothing told), a committee's
 * secretary above it cannot (FORBIDDEN), the subject's own secretary cannot, in either mode; unpaired, no longer.
 */
const MUTUAL = `mutation($id: ID!, $m: MutualReviewMode!, $o: String!) { submitMutualReview(commitmentId: $id, mode: $m, opinion: $o) { ok } }`;

async function unitUnder(w: OrgWorld, key: string, level: string, parent: string): Promise<void> {
  const d = await must<{ createUnit: { id: string; path: string } }>(
    `mutation($i: CreateUnitInput!) { createUnit(input: $i) { id path } }`,
    {
      i: {
        code: `${w.p}${key}`,
        name: `评议测试${key}`,
        level,
        field: 'rural',
        parentId: w.unit[parent]!.id,
      },
    },
    w.admin,
  );
  w.unit[key] = d.createUnit;
}

/** A member of `branch` with a token of `role` at the branch; made its secretary when asked. */
async function personIn(w: OrgWorld, key: string, branch: string, secretary: boolean): Promise<string> {
  const d = await must<{ addMember: { id: string } }>(
    `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`,
    {
      i: {
        name: `党员${key}`,
        gender: 'male',
        idNumber: idNumber(),
        joinedAt: '2005-07-01',
        type: 'in_service',
        branchId: w.unit[branch]!.id,
        phone: phone(),
      },
    },
    w.admin,
  );
  const id = d.addMember.id;
  if (secretary)
    await must(
      `mutation($u: ID!, $m: ID) { setSecretary(unitId: $u, memberId: $m) { id } }`,
      { u: w.unit[branch]!.id, m: id },
      w.admin,
    );
  const token = await tokenFor([secretary ? 'unit_secretary' : 'member'], w.unit[branch]!.path, id);
  w.people[key] = { id, key, token };
  return token;
}

describe('mutual review follows the pairing (issue 15, rule 3)', () => {
  const ctx = useWorld();

  it('a paired branch in another committee reviews its pair; an unpaired one, a committee above and the subject cannot', async () => {
    const w = ctx.w;
    // A second committee under the county, with a branch paired with B and one that is not.
    await unitUnder(w, 'K2', 'committee', 'C');
    await unitUnder(w, 'B3', 'branch', 'K2');
    await unitUnder(w, 'B4', 'branch', 'K2');
    const sB3 = await personIn(w, 'sB3', 'B3', true);
    const mB3 = await personIn(w, 'mB3', 'B3', false);
    const sB4 = await personIn(w, 'sB4', 'B4', true);
    const PAIR = (op: string) => `mutation($a: ID!, $b: ID!) { ${op}(a: $a, b: $b) }`;
    await must(PAIR('pairBranches'), { a: w.unit['B']!.id, b: w.unit['B3']!.id }, w.admin);

    const { commitmentId: id } = await openOne(w, { kind: 'unit', id: w.unit['B']!.id }, fastSettings());
    const reviewerId = await eventually(
      'the reviewer',
      async () => (await getCommitment(w.admin, id))['reviewerId'],
    );
    const reviewer = Object.values(w.people).find((p) => p.id === reviewerId)!;
    await driveToMutualReview(id, w.person('sB').token, reviewer.token);
    await eventually(
      'mutual review',
      async () => (await getCommitment(w.admin, id))['stage'] === 'mutual_review',
    );

    const review = (token: string, m: string, o = '结对支部互评：组织生活规范，帮带作用明显') =>
      gql(MUTUAL, { id, m, o }, { token });
    // The paired branch's secretary (another committee): face to face, named; its member: back to back.
    await eventually('the pairing reaches the commitment service', async () => {
      const r = await review(sB3, 'face_to_face');
      return r.errors ? undefined : true;
    });
    expect((await review(mB3, 'anonymous')).errors).toBeUndefined();
    // Unpaired branch of the other committee: nothing there for it. The committee above B: not a pair. The subject's
    // own secretary: not in either mode.
    expect(code(await review(sB4, 'face_to_face'))).toBe('NOT_FOUND');
    expect(code(await review(sB4, 'anonymous'))).toBe('NOT_FOUND');
    expect(code(await review(w.person('sK').token, 'face_to_face'))).toBe('FORBIDDEN');
    expect(code(await review(w.person('sB').token, 'anonymous'))).toBe('FORBIDDEN');
    const rows = await ctx.pg.query(
      `select mode, reviewer_id from commitment.mutual_review where commitment_id = $1 order by mode`,
      [id],
    );
    expect(rows.rows).toEqual([
      { mode: 'anonymous', reviewer_id: null },
      { mode: 'face_to_face', reviewer_id: w.person('sB3').id },
    ]);

    // Unpaired in the registry: the other committee's branch may no longer review.
    await must(PAIR('unpairBranches'), { a: w.unit['B']!.id, b: w.unit['B3']!.id }, w.admin);
    await eventually('the unpairing reaches the commitment service', async () => {
      const left = await ctx.pg.query(`select 1 from commitment.branch_pairing where unit_a = any($1)`, [
        [w.unit['B']!.id, w.unit['B3']!.id],
      ]);
      return left.rows.length === 0 ? true : undefined;
    });
    expect(code(await review(mB3, 'face_to_face'))).toBe('NOT_FOUND');
  }, 180_000);
});
