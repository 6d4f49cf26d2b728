import { randomUUID } from 'node:crypto';
import { gql, tokenFor } from './helpers';
import {
  GOOD_REVIEW,
  code,
  driveToMassEvaluation,
  eventually,
  fastSettings,
  must,
  useWorld,
} from './lifecycle-fixtures';
import { memberInput } from './org-fixtures';

const SEARCH = `query($i: SearchCommitmentsInput!) {
  searchCommitments(input: $i) { items { id subjectId subjectName memberType } nextCursor } }`;

interface Hit {
  id: string;
  subjectId: string;
  subjectName: string;
  memberType: string | null;
}

describe('search commitments by name, title and text, within scope (issue 15, reaching people)', () => {
  const ctx = useWorld();
  const w = ctx.w;
  let campaignId = '';
  const ids: Record<string, string> = {};
  let zhang = { id: '', token: '' };

  const search = async (token: string, i: Record<string, unknown>): Promise<Hit[]> =>
    (await must<{ searchCommitments: { items: Hit[] } }>(SEARCH, { i: { campaignId, ...i } }, token))
      .searchCommitments.items;
  const names = (hits: Hit[]) => hits.map((h) => h.subjectName).sort();

  beforeAll(async () => {
    // 张三 works away (流动党员): a 2-character name, below pg_trgm's trigram.
    const z = await must<{ addMember: { id: string } }>(
      `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`,
      {
        i: {
          ...memberInput('Z', w.unit['B']!.id, 'mobile'),
          name: '张三',
          mobileLocation: '广东省深圳市',
        },
      },
      w.admin,
    );
    zhang = { id: z.addMember.id, token: await tokenFor(['member'], w.unit['B']!.path, z.addMember.id) };
    campaignId = `${w.p}-${randomUUID().slice(0, 6)}`;
    const subjects = [
      { kind: 'member', id: zhang.id },
      ...['M', 'N', 'X'].map((k) => ({ kind: 'member', id: w.person(k).id })),
      { kind: 'unit', id: w.unit['B2']!.id },
    ];
    await must(
      `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId } }`,
      {
        i: {
          id: campaignId,
          name: '2026年度承诺践诺',
          year: 2026,
          scopePath: w.unit['P']!.path,
          settingsJson: JSON.stringify(fastSettings()),
          subjects,
        },
      },
      w.admin,
    );
    await eventually('five commitments', async () => {
      const hits = await search(w.admin, { first: 50 });
      for (const h of hits) ids[h.subjectId] = h.id;
      return hits.length === 5;
    });
    await must(
      `mutation($id: ID!, $items: [CommitmentItemInputType!]!) { submitCommitment(commitmentId: $id, items: $items) { ok } }`,
      {
        id: ids[zhang.id],
        items: [{ content: '结对帮扶两名留守儿童', target: '每月视频家访一次', dueDate: '2026-12-31' }],
      },
      zhang.token,
    );
    // M's commitment reaches the leadership review (mode 谈心谈话 'talk').
    await driveToMassEvaluation(
      ids[w.person('M').id]!,
      w.person('M').token,
      w.person('sB').token,
      GOOD_REVIEW(w.person('M').id),
    );
  }, 240_000);

  it('finds a 2-character name, a title and text of 3+ characters, every word required', async () => {
    await eventually(
      'items projected',
      async () => (await search(w.admin, { text: '留守儿童' })).length === 1,
    );
    expect(names(await search(w.admin, { text: '张三' }))).toEqual(['张三']);
    expect(names(await search(w.admin, { text: '张' }))).toEqual(['张三']);
    expect(names(await search(w.admin, { text: '留守儿童' }))).toEqual(['张三']);
    expect(names(await search(w.admin, { text: '视频家访' }))).toEqual(['张三']);
    expect(names(await search(w.admin, { text: '走访困难群众' }))).toEqual(['党员M']);
    expect(names(await search(w.admin, { text: '党员' }))).toEqual(['党员M', '党员N', '党员X']);
    expect(names(await search(w.admin, { text: '评议测试B2' }))).toEqual(['评议测试B2']);
    expect(names(await search(w.admin, { text: '张三 留守' }))).toEqual(['张三']);
    expect(await search(w.admin, { text: '张三 道路' })).toEqual([]);
    // LIKE's wildcards are taken literally.
    expect(await search(w.admin, { text: '%' })).toEqual([]);
    expect(await search(w.admin, { text: '_' })).toEqual([]);
    // Paged by cursor.
    const page = await must<{ searchCommitments: { items: Hit[]; nextCursor: string } }>(
      SEARCH,
      { i: { campaignId, text: '党员', first: 2 } },
      w.admin,
    );
    expect(page.searchCommitments.items).toHaveLength(2);
    const rest = await search(w.admin, { text: '党员', first: 2, after: page.searchCommitments.nextCursor });
    expect(rest).toHaveLength(1);
  });

  it('filters by member type (from the org registry, kept current by its events) and by review mode', async () => {
    expect(names(await search(w.admin, { memberType: 'mobile' }))).toEqual(['张三']);
    expect(names(await search(w.admin, { memberType: 'in_service' }))).toEqual(['党员M', '党员N', '党员X']);
    expect(names(await search(w.admin, { text: '张三', memberType: 'in_service' }))).toEqual([]);
    const hit = (await search(w.admin, { memberType: 'mobile' }))[0]!;
    expect(hit.memberType).toBe('mobile');
    // X becomes a retired member in the registry: the search follows the org service's event.
    await must(
      `mutation($id: ID!, $i: UpdateMemberInput!) { updateMember(id: $id, input: $i) { id } }`,
      { id: w.person('X').id, i: { type: 'retired' } },
      w.admin,
    );
    await eventually('member type updated', async () =>
      names(await search(w.admin, { memberType: 'retired' })).includes('党员X'),
    );
    expect(names(await search(w.admin, { memberType: 'in_service' }))).toEqual(['党员M', '党员N']);
    // Review mode: M's leadership review was a talk (谈心谈话).
    expect(names(await search(w.admin, { reviewMode: 'talk' }))).toEqual(['党员M']);
    expect(await search(w.admin, { reviewMode: 'meeting' })).toEqual([]);
    // An unknown member type is refused in Chinese by the schema.
    const bad = await gql(SEARCH, { i: { campaignId, memberType: 'alien' } }, { token: w.admin });
    expect(bad.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('respects scope: another branch, another county and a peer member find nothing of it', async () => {
    const sB2 = w.person('sB2');
    expect(await search(sB2.token, { text: '张三' })).toEqual([]);
    expect(names(await search(sB2.token, {}))).toEqual(['评议测试B2']);
    // The branch secretary and the county find it.
    expect(names(await search(w.person('sB').token, { text: '张三' }))).toEqual(['张三']);
    const county = await tokenFor(['county_admin'], w.unit['C']!.path, `${w.p}-admin-C`);
    expect(names(await search(county, { text: '留守' }))).toEqual(['张三']);
    // Another county: nothing, and asking for this county's path is refused.
    await w.addUnit('C3', 'county', 'P');
    const other = await tokenFor(['county_admin'], w.unit['C3']!.path, `${w.p}-admin-C3`);
    expect(await search(other, { text: '张三' })).toEqual([]);
    const outside = await gql(SEARCH, { i: { campaignId, orgPath: w.unit['B']!.path } }, { token: other });
    expect(code(outside)).toBe('OUT_OF_SCOPE');
    // A plain member finds only their own commitment (and those they review), never a peer's.
    expect(await search(w.person('N').token, { text: '张三' })).toEqual([]);
    expect(names(await search(w.person('N').token, { text: '党员' }))).toEqual(['党员N']);
    expect(names(await search(zhang.token, { text: '张三' }))).toEqual(['张三']);
  });

  it('refuses too many or too long words in Chinese', async () => {
    const r = await gql(SEARCH, { i: { campaignId, text: '一 二 三 四 五 六' } }, { token: w.admin });
    expect(code(r)).toBe('BAD_INPUT');
    expect(r.errors![0]!.message).toContain('搜索词最多 5 个');
  });
});
