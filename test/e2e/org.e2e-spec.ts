import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { Topic } from '@pingyi/contracts';
import { gql, tokenFor } from './helpers';
import { idNumber, phone, runPrefix } from './org-fixtures';

type Gql = Awaited<ReturnType<typeof gql>>;
const code = (r: Gql) => r.errors?.[0]?.extensions?.code;

const UNIT = 'id code name level levelLabel path parentId status secretary { id name } memberCount';
const MEMBER = 'id name type typeLabel branchId branchPath phone status idNumberMasked';

describe('organisation registry through the gateway', () => {
  const p = runPrefix();
  let admin: string; // prefecture admin of this run's own prefecture
  let pg: PgClient;
  let consumer: Consumer;
  const events: { type: string; aggregateId: string; payload: Record<string, unknown> }[] = [];
  const ids: Record<string, string> = {};

  const mutate = async <T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown>,
    token = admin,
  ) => {
    const r = await gql<T>(query, variables, { token });
    if (r.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(r.errors)}`);
    return r.data!;
  };
  const createUnit = async (key: string, level: string, field: string, parent?: string, name?: string) => {
    const d = await mutate<{ createUnit: { id: string } }>(
      `mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }`,
      {
        i: {
          code: `${p}${key}`,
          name: name ?? `测试${key}组织`,
          level,
          field,
          parentId: parent ? ids[parent] : null,
        },
      },
    );
    ids[key] = d.createUnit.id;
  };
  const addMember = async (
    key: string,
    branch: string,
    type = 'in_service',
    extra: Record<string, unknown> = {},
  ) => {
    const d = await mutate<{ addMember: { id: string } }>(
      `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`,
      {
        i: {
          name: `党员${key}`,
          gender: 'male',
          idNumber: idNumber(),
          joinedAt: '2005-07-01',
          type,
          branchId: ids[branch],
          phone: phone(),
          ...(type === 'leading_cadre' ? { cadreRank: 'county_division' } : {}),
          ...(type === 'mobile' ? { mobileLocation: '北京市朝阳区' } : {}),
          ...extra,
        },
      },
    );
    ids[key] = d.addMember.id;
  };
  const setSecretary = (unit: string, member: string) =>
    mutate(`mutation($u: ID!, $m: ID) { setSecretary(unitId: $u, memberId: $m) { id } }`, {
      u: ids[unit],
      m: ids[member],
    });
  const reviewerOf = async (kind: 'unit' | 'member', key: string, preference?: string) =>
    (
      await mutate<{
        reviewerOf: {
          reviewer: { memberId: string } | null;
          basis: string | null;
          basisLabel: string | null;
        };
      }>(
        `query($k: SubjectKind!, $id: ID!, $p: ReviewerPreference) {
           reviewerOf(subjectKind: $k, subjectId: $id, preference: $p) { reviewer { memberId name } basis basisLabel }
         }`,
        { k: kind, id: ids[key], p: preference ?? null },
      )
    ).reviewerOf;

  beforeAll(async () => {
    admin = await tokenFor(['prefecture_admin'], `${p}P`);
    pg = new PgClient({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
    const kafka = new Kafka({
      clientId: 'e2e-org',
      brokers: process.env['KAFKA_BROKERS']!.split(','),
      logLevel: logLevel.NOTHING,
    });
    consumer = kafka.consumer({ groupId: `e2e-org-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: Topic.org, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const e = JSON.parse(message.value!.toString()) as {
          type: string;
          aggregate: { id: string };
          orgPath: string;
          payload: Record<string, unknown>;
        };
        if (e.orgPath === `${p}P` || e.orgPath.startsWith(`${p}P.`))
          events.push({ type: e.type, aggregateId: e.aggregate.id, payload: e.payload });
      },
    });

    // P (prefecture) → C1, C2 (counties) → K (committee) → G (general branch) → B1 (rural branch); K → B2; C2 → B3
    await createUnit('P', 'prefecture', 'organ', undefined, '测试市委');
    await createUnit('C1', 'county', 'organ', 'P', '测试一区委');
    await createUnit('C2', 'county', 'organ', 'P', '测试二区委');
    await createUnit('K', 'committee', 'rural', 'C1', '测试镇党委');
    await createUnit('G', 'general_branch', 'rural', 'K');
    await createUnit('B1', 'branch', 'rural', 'G', '测试一村党支部');
    await createUnit('B2', 'branch', 'rural', 'K', '测试二村党支部');
    await createUnit('B3', 'branch', 'community', 'C2', '测试社区党支部');
    for (const t of ['in_service', 'retired', 'mobile', 'rural_no_post']) await addMember(t, 'B1', t);
    await addMember('L', 'B1', 'leading_cadre');
    for (const s of ['sP', 'sC1', 'sK', 'sG', 'sB1']) await addMember(s, 'B1');
    await addMember('sC2', 'B3');
    for (const [u, m] of [
      ['P', 'sP'],
      ['C1', 'sC1'],
      ['K', 'sK'],
      ['G', 'sG'],
      ['B1', 'sB1'],
      ['C2', 'sC2'],
    ] as const) {
      await setSecretary(u, m);
    }
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await pg?.end();
  });

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
        { token: admin },
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
          (await pg.query(`select (select count(*) from org.unit) + (select count(*) from org.member) as n`))
            .rows[0].n as string;
        const before = await count();
        const r = await gql(query, variables, { token: admin });
        expect(code(r)).toBe(expected);
        if (text) expect(r.errors?.[0]?.message).toContain(text);
        expect(await count()).toBe(before);
      },
    );
  });

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
