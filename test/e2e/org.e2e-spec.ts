import { randomUUID } from 'node:crypto';
import { gql } from './helpers';
import { idNumber, useOrgRegistry } from './org-fixtures';

type Gql = Awaited<ReturnType<typeof gql>>;
const code = (r: Gql) => r.errors?.[0]?.extensions?.code;

const UNIT = 'id code name level levelLabel path parentId status secretary { id name } memberCount';
const MEMBER = 'id name type typeLabel branchId branchPath phone status idNumberMasked';

describe('organisation registry through the gateway', () => {
  const org = useOrgRegistry();
  const { p, ids, events, mutate, createUnit, addMember, reviewerOf } = org;
  describe('who reviews whom, for each level and member type', () => {
    it.each([
      ['C1', 'sP', 'superior_secretary'],
      ['K', 'sC1', 'superior_secretary'],
      ['G', 'sK', 'superior_secretary'],
      ['B1', 'sG', 'superior_secretary'],
      ['B2', 'sK', 'superior_secretary'],
      ['B3', 'sC2', 'superior_secretary'],
    ])('unit %s is reviewed by %s (%s)', async (unit, reviewer, basis) => {
      const r = await reviewerOf('unit', unit);
      expect(r.reviewer?.memberId).toBe(ids[reviewer]);
      expect(r.basis).toBe(basis);
      expect(r.basisLabel).toBe('上级党组织书记');
    });

    it('the prefecture has no reviewer inside the system', async () => {
      expect(await reviewerOf('unit', 'P')).toMatchObject({ reviewer: null, basis: null });
    });

    it('whoever liaises reviews, when the campaign prefers liaison leaders (谁联系谁点评)', async () => {
      await mutate(`mutation($i: CadreAssignmentInput!) { assignCadre(input: $i) }`, {
        i: { cadreId: ids['L'], unitId: ids['K'], kind: 'liaison' },
      });
      expect(await reviewerOf('unit', 'K', 'liaison_leader')).toMatchObject({
        reviewer: { memberId: ids['L'] },
        basis: 'liaison',
      });
      expect(await reviewerOf('unit', 'K', 'superior_secretary')).toMatchObject({
        reviewer: { memberId: ids['sC1'] },
      });
      // No liaison for G: the preference falls back to the superior secretary.
      expect(await reviewerOf('unit', 'G', 'liaison_leader')).toMatchObject({
        reviewer: { memberId: ids['sK'] },
      });
    });

    it.each(['in_service', 'retired', 'mobile', 'rural_no_post', 'L'])(
      'member %s is reviewed by the branch secretary',
      async (m) => {
        expect(await reviewerOf('member', m)).toMatchObject({
          reviewer: { memberId: ids['sB1'] },
          basis: 'branch_secretary',
        });
      },
    );

    it('a secretary is reviewed by the superior unit’s secretary', async () => {
      expect(await reviewerOf('member', 'sB1')).toMatchObject({
        reviewer: { memberId: ids['sG'] },
        basis: 'superior_secretary',
      });
      expect(await reviewerOf('member', 'sK')).toMatchObject({
        reviewer: { memberId: ids['sC1'] },
        basis: 'superior_secretary',
      });
    });

    it('the escalation chain runs from the unit up to the prefecture with each responsible person', async () => {
      const d = await mutate<{
        escalationChain: { level: number; unitId: string; responsible: { memberId: string } | null }[];
      }>(
        `query($u: ID!) { escalationChain(unitId: $u) { level unitId unitLevel responsible { memberId name } } }`,
        { u: ids['B1'] },
      );
      expect(d.escalationChain.map((s) => [s.level, s.unitId, s.responsible?.memberId])).toEqual([
        [0, ids['B1'], ids['sB1']],
        [1, ids['G'], ids['sG']],
        [2, ids['K'], ids['sK']],
        [3, ids['C1'], ids['sC1']],
        [4, ids['P'], ids['sP']],
      ]);
    });

    it('a member transferred mid-way is reviewed in the new branch (nearest secretary when it has none), with history kept', async () => {
      await addMember('mover', 'B1');
      expect(await reviewerOf('member', 'mover')).toMatchObject({ reviewer: { memberId: ids['sB1'] } });
      const t = await mutate<{ transferMember: { branchId: string; transfers: { reason: string }[] } }>(
        `mutation($id: ID!, $to: ID!) { transferMember(id: $id, toBranchId: $to, reason: "工作调动") { branchId transfers { fromBranchId toBranchId reason } } }`,
        { id: ids['mover'], to: ids['B2'] },
      );
      expect(t.transferMember.branchId).toBe(ids['B2']);
      expect(t.transferMember.transfers).toEqual([
        { fromBranchId: ids['B1'], toBranchId: ids['B2'], reason: '工作调动' },
      ]);
      expect(await reviewerOf('member', 'mover')).toMatchObject({
        reviewer: { memberId: ids['sK'] },
        basis: 'ancestor_secretary',
      });
    });
  });

  describe('queries and mutations', () => {
    it('reads the tree, pages of units and members, counts', async () => {
      const tree = await mutate<{ unitTree: { depth: number; unit: { code: string } }[] }>(
        `query { unitTree(depth: 2) { depth childCount unit { code } } }`,
        {},
      );
      expect(tree.unitTree.map((n) => [n.depth, n.unit.code])).toEqual([
        [0, `${p}P`],
        [1, `${p}C1`],
        [2, `${p}K`],
        [1, `${p}C2`],
        [2, `${p}B3`],
      ]);
      const page1 = await mutate<{
        searchUnits: { items: { code: string }[]; totalCount: number; nextCursor: string };
      }>(
        `query { searchUnits(input: { level: branch, first: 2 }) { items { code } totalCount nextCursor } }`,
        {},
      );
      expect(page1.searchUnits.totalCount).toBe(3);
      expect(page1.searchUnits.items).toHaveLength(2);
      const page2 = await mutate<{ searchUnits: { items: { code: string }[]; nextCursor: string | null } }>(
        `query($a: String) { searchUnits(input: { level: branch, first: 2, after: $a }) { items { code } nextCursor } }`,
        { a: page1.searchUnits.nextCursor },
      );
      expect(page2.searchUnits.items).toHaveLength(1);
      const byName = await mutate<{ searchUnits: { items: { code: string }[] } }>(
        `query { searchUnits(input: { name: "社区" }) { items { code } } }`,
        {},
      );
      expect(byName.searchUnits.items.map((u) => u.code)).toEqual([`${p}B3`]);
      const members = await mutate<{ members: { totalCount: number; items: { name: string }[] } }>(
        `query($u: ID!) { members(input: { unitId: $u, type: retired }) { totalCount items { name typeLabel } } }`,
        { u: ids['P'] },
      );
      expect(members.members).toMatchObject({ totalCount: 1, items: [{ name: '党员retired' }] });
      const unit = await mutate<{ unit: { memberCount: number; secretary: { id: string } } }>(
        `query($c: String) { unit(code: $c) { ${UNIT} } }`,
        { c: `${p}K` },
      );
      expect(unit.unit).toMatchObject({ memberCount: 11, secretary: { id: ids['sK'] }, levelLabel: '党委' });
    });

    it('updates, moves and closes units, updates and removes members', async () => {
      await createUnit('B4', 'branch', 'community', 'C2', '测试临时支部');
      const up = await mutate<{ updateUnit: { name: string } }>(
        `mutation($id: ID!) { updateUnit(id: $id, input: { name: "测试临时支部（更名）" }) { name } }`,
        { id: ids['B4'] },
      );
      expect(up.updateUnit.name).toBe('测试临时支部（更名）');
      await addMember('tmp', 'B4', 'in_service');
      const moved = await mutate<{ moveUnit: { path: string; parentId: string } }>(
        `mutation($id: ID!, $to: ID!) { moveUnit(id: $id, newParentId: $to) { path parentId } }`,
        { id: ids['B4'], to: ids['K'] },
      );
      expect(moved.moveUnit).toEqual({ path: `${p}P.${p}C1.${p}K.${p}B4`, parentId: ids['K'] });
      const m = await mutate<{ member: { branchPath: string } }>(
        `query($id: ID!) { member(id: $id) { ${MEMBER} } }`,
        { id: ids['tmp'] },
      );
      expect(m.member.branchPath).toBe(`${p}P.${p}C1.${p}K.${p}B4`);
      const upd = await mutate<{ updateMember: { name: string; phone: string } }>(
        `mutation($id: ID!, $ph: String) { updateMember(id: $id, input: { name: "党员改名", phone: $ph }) { name phone } }`,
        { id: ids['tmp'], ph: '19900000001' },
      );
      expect(upd.updateMember).toEqual({ name: '党员改名', phone: '19900000001' });
      const busy = await gql(
        `mutation($id: ID!) { closeUnit(id: $id, reason: "撤并") { id } }`,
        { id: ids['B4'] },
        { token: org.admin },
      );
      expect(code(busy)).toBe('BAD_INPUT');
      expect(busy.errors?.[0]?.message).toContain('还有未撤销的下级组织或在册党员');
      const removed = await mutate<{ removeMember: { status: string } }>(
        `mutation($id: ID!) { removeMember(id: $id, reason: "转出本系统") { status leftReason } }`,
        { id: ids['tmp'] },
      );
      expect(removed.removeMember.status).toBe('left');
      const closed = await mutate<{ closeUnit: { status: string; closedReason: string } }>(
        `mutation($id: ID!) { closeUnit(id: $id, reason: "撤并") { status closedReason } }`,
        { id: ids['B4'] },
      );
      expect(closed.closeUnit).toEqual({ status: 'closed', closedReason: '撤并' });
      await mutate(`mutation($a: ID!, $b: ID!) { pairBranches(a: $a, b: $b) }`, {
        a: ids['B1'],
        b: ids['B3'],
      });
      const g = await mutate<{ saveInspectionGroup: string }>(
        `mutation($i: InspectionGroupInput!) { saveInspectionGroup(input: $i) }`,
        {
          i: {
            name: '第一指导检查组',
            leaderId: ids['L'],
            memberIds: [ids['sP']],
            scopeUnitIds: [ids['C1']],
          },
        },
      );
      const groups = await mutate<{ inspectionGroups: { id: string; name: string }[] }>(
        `query { inspectionGroups { id name scopeUnitIds } }`,
        {},
      );
      expect(groups.inspectionGroups.map((x) => x.id)).toContain(g.saveInspectionGroup);
      const rel = await mutate<{ unit: { pairings: unknown[]; cadreAssignments: unknown[] } }>(
        `query($id: ID!) { unit(id: $id) { pairings { unitA unitB } cadreAssignments { cadreId kind } } }`,
        { id: ids['K'] },
      );
      expect(rel.unit.cadreAssignments).toEqual([{ cadreId: ids['L'], kind: 'liaison' }]);
    });

    const ADD = `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`;
    const memberInput = (o: Record<string, unknown> = {}) => ({
      name: '某党员',
      gender: 'female',
      idNumber: idNumber('19900505', 'female'),
      joinedAt: '2015-07-01',
      type: 'in_service',
      branchId: ids['B2'],
      ...o,
    });
    const cases: [string, () => Promise<[string, Record<string, unknown>]>, string, string][] = [
      [
        'an unknown parent',
        async () => [
          `mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }`,
          {
            i: { code: `${p}u1`, name: '某党委', level: 'committee', field: 'rural', parentId: randomUUID() },
          },
        ],
        'BAD_INPUT',
        '上级组织',
      ],
      [
        'a branch directly under the prefecture',
        async () => [
          `mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }`,
          { i: { code: `${p}u2`, name: '某支部', level: 'branch', field: 'rural', parentId: ids['P'] } },
        ],
        'BAD_INPUT',
        '党支部不能设在市（盟）之下',
      ],
      [
        'a malformed unit code',
        async () => [
          `mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }`,
          { i: { code: `${p}-坏`, name: '某支部', level: 'branch', field: 'rural', parentId: ids['K'] } },
        ],
        'BAD_INPUT',
        '组织编码只能包含字母、数字和下划线',
      ],
      [
        'a cycle',
        async () => [
          `mutation($id: ID!, $to: ID!) { moveUnit(id: $id, newParentId: $to) { id } }`,
          { id: ids['K'], to: ids['B2'] },
        ],
        'BAD_INPUT',
        '不能把组织移到它自己或其下级组织之下',
      ],
      [
        'a member under a non-branch unit',
        async () => [ADD, { i: memberInput({ branchId: ids['K'] }) }],
        'BAD_INPUT',
        '不是党支部',
      ],
      [
        'a duplicate ID number',
        async () => {
          const dup = idNumber('19850303');
          await addMember('dupOwner', 'B2', 'in_service', { idNumber: dup });
          return [ADD, { i: memberInput({ idNumber: dup }) }];
        },
        'CONFLICT',
        '该身份证号已登记为党员',
      ],
      [
        'a malformed phone',
        async () => [ADD, { i: memberInput({ phone: '12345' }) }],
        'BAD_INPUT',
        '手机号码格式不正确',
      ],
      [
        'a bad ID number',
        async () => [ADD, { i: memberInput({ idNumber: '150203198001011230' }) }],
        'BAD_INPUT',
        '身份证号不正确',
      ],
      [
        'a cadre without rank',
        async () => [ADD, { i: memberInput({ type: 'leading_cadre' }) }],
        'BAD_INPUT',
        '党员领导干部必须填写职级',
      ],
      [
        'an unknown member type',
        async () => [ADD, { i: memberInput({ type: 'party_leader' }) }],
        'BAD_USER_INPUT',
        '',
      ],
    ];
    it.each(cases)(
      'refuses %s with a stable code and a Chinese message, writing nothing',
      async (_, build, expected, text) => {
        const [query, variables] = await build();
        const count = async () =>
          (
            await org.pg.query(
              `select (select count(*) from org.unit) + (select count(*) from org.member) as n`,
            )
          ).rows[0].n as string;
        const before = await count();
        const r = await gql(query, variables, { token: org.admin });
        expect(code(r)).toBe(expected);
        if (text) expect(r.errors?.[0]?.message).toContain(text);
        expect(await count()).toBe(before);
      },
    );
  });

  it('every change arrives on Kafka as an event, read by a real consumer group', async () => {
    const want = [
      'org.unit.created',
      'org.unit.updated',
      'org.unit.moved',
      'org.unit.closed',
      'org.member.joined',
      'org.member.updated',
      'org.member.transferred',
      'org.member.left',
      'org.relation.changed',
    ];
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !want.every((t) => events.some((e) => e.type === t))) {
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(want.filter((t) => !events.some((e) => e.type === t))).toEqual([]);
    const movedEvent = events.find((e) => e.type === 'org.unit.moved' && e.aggregateId === ids['B4']);
    expect(movedEvent?.payload).toMatchObject({
      fromPath: `${p}P.${p}C2.${p}B4`,
      path: `${p}P.${p}C1.${p}K.${p}B4`,
    });
    const transferred = events.find(
      (e) => e.type === 'org.member.transferred' && e.aggregateId === ids['mover'],
    );
    expect(transferred?.payload).toMatchObject({
      fromBranchId: ids['B1'],
      branchId: ids['B2'],
      reason: '工作调动',
    });
    const secretaries = events.filter(
      (e) => e.type === 'org.relation.changed' && e.payload['kind'] === 'secretary',
    );
    expect(secretaries.length).toBeGreaterThanOrEqual(6);
  });
});
