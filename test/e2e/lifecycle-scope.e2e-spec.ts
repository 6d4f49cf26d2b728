import { gql, tokenFor } from './helpers';
import { code, fastSettings, openOne, useWorld } from './lifecycle-fixtures';

const PUBLIC = { 'x-pingyi-channel': 'public' };

describe('commitment lifecycle through GraphQL on the real stack', () => {
  const ctx = useWorld();
  const w = ctx.w;

  it('keeps callers in their subtree and refuses the anonymous channel everything but its two steps', async () => {
    const { commitmentId: id } = await openOne(w, { kind: 'member', id: w.person('Y').id }, fastSettings());
    const other = await tokenFor(['county_admin'], 'zz_elsewhere');
    expect(
      (await gql(`query($id: ID!) { commitment(id: $id) { id } }`, { id }, { token: other })).data?.[
        'commitment'
      ],
    ).toBeNull();
    const b2 = w.person('sB2');
    expect(
      code(
        await gql(
          `mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`,
          { id },
          { token: b2.token },
        ),
      ),
    ).toBe('NOT_FOUND');
    const anon = await gql(`query($id: ID!) { commitment(id: $id) { id } }`, { id }, { headers: PUBLIC });
    expect(code(anon)).toBe('FORBIDDEN');
    const noChannel = await gql(`query($id: ID!) { commitment(id: $id) { id } }`, { id });
    expect(noChannel.status).toBe(401);
  }, 120_000);
});
