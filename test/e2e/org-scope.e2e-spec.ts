import { gql, tokenFor } from './helpers';
import { useOrgRegistry } from './org-fixtures';

type Gql = Awaited<ReturnType<typeof gql>>;
const code = (r: Gql) => r.errors?.[0]?.extensions?.code;

describe('organisation registry through the gateway', () => {
  const { p, ids } = useOrgRegistry();

  describe('scope', () => {
    it('a county admin sees and changes nothing outside their county', async () => {
      const c1 = await tokenFor(['county_admin'], `${p}P.${p}C1`);
      const mine = await gql<{ unit: unknown }>(
        `query($c: String) { unit(code: $c) { id } }`,
        { c: `${p}K` },
        { token: c1 },
      );
      expect(mine.data?.unit).toEqual({ id: ids['K'] });
      for (const c of [`${p}C2`, `${p}B3`, `${p}P`]) {
        const r = await gql<{ unit: unknown }>(
          `query($c: String) { unit(code: $c) { id } }`,
          { c },
          { token: c1 },
        );
        expect(r.data?.unit).toBeNull();
      }
      const tree = await gql<{ unitTree: { unit: { path: string } }[] }>(
        `query { unitTree(depth: 5) { unit { path } } }`,
        {},
        { token: c1 },
      );
      expect(tree.data!.unitTree.length).toBeGreaterThan(0);
      expect(tree.data!.unitTree.every((n) => n.unit.path.startsWith(`${p}P.${p}C1`))).toBe(true);
      const other = await gql<{ members: { totalCount: number } }>(
        `query($u: ID!) { members(input: { unitId: $u }) { totalCount } }`,
        { u: ids['B3'] },
        { token: c1 },
      );
      expect(other.data?.members.totalCount).toBe(0);
      const member = await gql<{ member: unknown }>(
        `query($id: ID!) { member(id: $id) { id } }`,
        { id: ids['sC2'] },
        { token: c1 },
      );
      expect(member.data?.member).toBeNull();
      const search = await gql<{ searchUnits: { items: { path: string }[] } }>(
        `query { searchUnits { items { path } } }`,
        {},
        { token: c1 },
      );
      expect(search.data!.searchUnits.items.every((u) => u.path.startsWith(`${p}P.${p}C1`))).toBe(true);
      const create = await gql(
        `mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }`,
        { i: { code: `${p}X`, name: '越权党委', level: 'committee', field: 'organ', parentId: ids['C2'] } },
        { token: c1 },
      );
      expect(code(create)).toBe('OUT_OF_SCOPE');
      const rev = await gql(
        `query($id: ID!) { reviewerOf(subjectKind: unit, subjectId: $id) { basis } }`,
        { id: ids['B3'] },
        { token: c1 },
      );
      expect(code(rev)).toBe('NOT_FOUND');
      const member2 = await gql(
        `query($id: ID!) { escalationChain(unitId: $id) { level } }`,
        { id: ids['B3'] },
        { token: c1 },
      );
      expect(code(member2)).toBe('NOT_FOUND');
      const asMember = await tokenFor(['member'], `${p}P.${p}C1.${p}K.${p}G.${p}B1`);
      const denied = await gql(
        `mutation($id: ID!) { closeUnit(id: $id, reason: "x") { id } }`,
        { id: ids['B1'] },
        { token: asMember },
      );
      expect(code(denied)).toBe('FORBIDDEN');
    });
  });
});
