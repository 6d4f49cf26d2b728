import type { Identity } from '@pingyi/contracts';
import { mayReadInFull, ownRowsOnly } from './visibility';

const who = (roles: Identity['roles']): Identity => ({ personId: 'm1', roles, orgPath: 'p.c.b' });
const row = (subject_id: string, reviewer_id: string | null) => ({
  subject_kind: 'member',
  subject_id,
  reviewer_id,
});

describe('who sees what', () => {
  it('lets a plain member read in full only their own commitment and those they review', () => {
    expect(mayReadInFull(who(['member']), row('m1', 's1'))).toBe(true);
    expect(mayReadInFull(who(['member']), row('m2', 'm1'))).toBe(true);
    expect(mayReadInFull(who(['member']), row('m2', 's1'))).toBe(false);
    expect(mayReadInFull(who(['member']), { ...row('m1', 's1'), subject_kind: 'unit' })).toBe(false);
  });

  it('leaves secretaries, reviewers and admins to their scope', () => {
    for (const r of ['unit_secretary', 'reviewer', 'county_admin'] as const)
      expect(mayReadInFull(who(['member', r]), row('m2', 's1'))).toBe(true);
    expect(ownRowsOnly(who(['unit_secretary']), () => '$9')).toBeNull();
    const params: unknown[] = [];
    expect(ownRowsOnly(who(['member']), (v) => `$${params.push(v)}`)).toBe(
      "((c.subject_kind = 'member' and c.subject_id = $1) or c.reviewer_id = $1)",
    );
    expect(params).toEqual(['m1']);
  });
});
