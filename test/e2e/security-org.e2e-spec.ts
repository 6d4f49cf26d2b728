import ExcelJS from 'exceljs';
import { Client as PgClient } from 'pg';
import { signForwardedIdentity } from '@pingyi/auth';
import { IDENTITY_HEADER, type Identity, type Role } from '@pingyi/contracts';
import { gql, tokenFor } from './helpers';
import { csvBytes, idNumber, importJobEnded, phone, runPrefix, type ImportJobView } from './org-fixtures';

type Gql = Awaited<ReturnType<typeof gql>>;
const code = (r: Gql) => r.errors?.[0]?.extensions?.code;

/**
 * Issue 12, the org service's findings, on the real stack: secretary lookups in unit imports (3), cadres and
 * transfers across counties (4), import files kept in clear and zip bombs (8), field resolvers and entity lookups
 * outside the caller's subtree (10). Each test failed before the fix.
 */
describe('org service security (issue 12)', () => {
  const p = runPrefix();
  const path: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const idNumbers: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  let pg: PgClient;

  const as =
    (who: string) =>
    (query: string, variables: Record<string, unknown> = {}) =>
      gql(query, variables, { token: tokens[who] });
  const ok = async <T = Record<string, any>>(
    who: string,
    query: string,
    variables: Record<string, unknown>,
  ) => {
    const r = await as(who)(query, variables);
    if (r.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(r.errors)}`);
    return r.data as T;
  };
  const createUnit = async (key: string, level: string, parent?: string) => {
    const d = await ok<{ createUnit: { id: string; path: string } }>(
      'pref',
      `mutation($i: CreateUnitInput!) { createUnit(input: $i) { id path } }`,
      {
        i: {
          code: `${p}${key}`,
          name: `安全${key}组织`,
          level,
          field: level === 'branch' ? 'rural' : 'organ',
          parentId: parent ? ids[parent] : null,
        },
      },
    );
    ids[key] = d.createUnit.id;
    path[key] = d.createUnit.path;
  };
  const addMember = async (key: string, branch: string, type = 'in_service') => {
    idNumbers[key] = idNumber();
    const d = await ok<{ addMember: { id: string } }>(
      'pref',
      `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`,
      {
        i: {
          name: `党员${key}`,
          gender: 'male',
          idNumber: idNumbers[key],
          joinedAt: '2005-07-01',
          type,
          branchId: ids[branch],
          phone: phone(),
          ...(type === 'leading_cadre' ? { cadreRank: 'county_division' } : {}),
        },
      },
    );
    ids[key] = d.addMember.id;
  };
  const startImport = (who: string, kind: string, fileName: string, bytes: Buffer, dryRun: boolean) =>
    as(who)(`mutation($i: StartImportInput!) { startOrgImport(input: $i) { id status } }`, {
      i: { kind, fileName, contentBase64: bytes.toString('base64'), dryRun },
    }) as Promise<GqlStart>;
  type GqlStart = Gql & { data?: { startOrgImport: { id: string } } };
  const runImport = async (
    who: string,
    kind: string,
    bytes: Buffer,
    dryRun: boolean,
  ): Promise<ImportJobView> => {
    const r = await startImport(who, kind, `${kind}.csv`, bytes, dryRun);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return importJobEnded(as(who), r.data!.startOrgImport.id);
  };
  const branchOf = async (member: string) =>
    (await pg.query<{ branch_id: string }>(`select branch_id from org.member where id = $1`, [ids[member]]))
      .rows[0]!.branch_id;

  beforeAll(async () => {
    pg = new PgClient({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
    tokens['pref'] = await tokenFor(['prefecture_admin'], `${p}P`);
    // P → C1 (B1, B1b), C2 (B2)
    await createUnit('P', 'prefecture');
    await createUnit('C1', 'county', 'P');
    await createUnit('C2', 'county', 'P');
    await createUnit('B1', 'branch', 'C1');
    await createUnit('B1b', 'branch', 'C1');
    await createUnit('B2', 'branch', 'C2');
    for (const [key, branch] of [
      ['m1', 'B1'],
      ['m1b', 'B1b'],
      ['m2', 'B2'],
      ['mover', 'B1'],
      ['stray', 'B1'],
    ] as const)
      await addMember(key, branch);
    await addMember('L1', 'B1', 'leading_cadre');
    await addMember('L2', 'B2', 'leading_cadre');
    const token = (roles: Role[], at: string) => tokenFor(roles, path[at]!, `e2e-${roles[0]}-${at}-${p}`);
    tokens['county1'] = await token(['county_admin'], 'C1');
    tokens['sec1'] = await token(['unit_secretary'], 'B1');
    tokens['prefSec'] = await token(['unit_secretary'], 'P');
  });
  afterAll(async () => pg.end());

  describe('finding 3: a unit import sets only a secretary of that unit, and its errors are no oracle', () => {
    const unitsFile = (unit: string, parent: string, secretaryId: string) =>
      csvBytes([
        ['组织编码', '组织名称', '上级组织编码', '组织层级', '组织领域', '书记身份证号'],
        [`${p}${unit}`, `安全${unit}组织`, `${p}${parent}`, '党支部', '农村', secretaryId],
      ]);

    it('refuses another county’s member, an unknown number and a member outside the unit with one text', async () => {
      const causes = [idNumbers['m2']!, idNumber(), idNumbers['m1b']!];
      const jobs = [];
      for (const id of causes)
        jobs.push(await runImport('county1', 'units', unitsFile('B1', 'C1', id), true));
      for (const job of jobs) {
        expect(job.status).toBe('failed');
        expect(job.errors).toHaveLength(1);
        expect(job.errors[0]!.column).toBe('书记身份证号');
      }
      expect(new Set(jobs.map((j) => j.errors[0]!.message)).size).toBe(1);
      expect(jobs[0]!.errors[0]!.message).toContain('书记身份证号无效');

      const real = await runImport('county1', 'units', unitsFile('B1', 'C1', idNumbers['m2']!), false);
      expect(real.status).toBe('failed');
      const unit = await ok<{ unit: { secretary: unknown } }>(
        'pref',
        `query($id: ID!) { unit(id: $id) { secretary { id } } }`,
        {
          id: ids['B1'],
        },
      );
      expect(unit.unit.secretary).toBeNull();
    });

    it('still sets a member of the unit’s own subtree as its secretary', async () => {
      const job = await runImport('county1', 'units', unitsFile('B1', 'C1', idNumbers['m1']!), false);
      expect(job).toMatchObject({ status: 'succeeded', errorCount: 0 });
      const unit = await ok<{ unit: { secretary: { id: string } } }>(
        'county1',
        `query($id: ID!) { unit(id: $id) { secretary { id name } } }`,
        { id: ids['B1'] },
      );
      expect(unit.unit.secretary.id).toBe(ids['m1']);
    });
  });

  describe('finding 4: cadres and transfers stay within the caller’s scope', () => {
    const ASSIGN = `mutation($i: CadreAssignmentInput!) { assignCadre(input: $i) }`;
    const TRANSFER = `mutation($id: ID!, $to: ID!) { transferMember(id: $id, toBranchId: $to, reason: "工作调动") { id } }`;

    it('a county admin cannot make another county’s cadre liaise with their unit', async () => {
      const r = await as('county1')(ASSIGN, {
        i: { cadreId: ids['L2'], unitId: ids['B1'], kind: 'liaison' },
      });
      expect(code(r)).toBe('OUT_OF_SCOPE');
      expect(r.errors![0]!.message).toMatch(/[\u4e00-\u9fa5]/);
      const rows = await pg.query(`select 1 from org.cadre_assignment where cadre_id = $1`, [ids['L2']]);
      expect(rows.rowCount).toBe(0);
      expect(
        (await as('county1')(ASSIGN, { i: { cadreId: ids['L1'], unitId: ids['B1'], kind: 'liaison' } })).data,
      ).toEqual({
        assignCadre: true,
      });
    });

    it('a unit secretary or county admin cannot move a member into a branch outside their scope', async () => {
      for (const who of ['sec1', 'county1']) {
        const r = await as(who)(TRANSFER, { id: ids['mover'], to: ids['B2'] });
        expect(code(r)).toBe('OUT_OF_SCOPE');
        expect(await branchOf('mover')).toBe(ids['B1']);
      }
    });

    it('only a prefecture admin moves a member across counties', async () => {
      const r = await as('prefSec')(TRANSFER, { id: ids['mover'], to: ids['B2'] });
      expect(code(r)).toBe('FORBIDDEN');
      expect(r.errors![0]!.message).toContain('跨旗县区');
      expect(await branchOf('mover')).toBe(ids['B1']);
      await ok('prefSec', TRANSFER, { id: ids['mover'], to: ids['B1b'] }); // within the county: allowed
      await ok('pref', TRANSFER, { id: ids['mover'], to: ids['B2'] });
      expect(await branchOf('mover')).toBe(ids['B2']);
    });
  });

  describe('finding 8: import files are not kept, and unzipped size is limited', () => {
    const contentOf = async (jobId: string) =>
      (
        await pg.query<{ content: Buffer | null }>(`select content from org.import_job where id = $1`, [
          jobId,
        ])
      ).rows[0]!.content;

    it('keeps an uploaded file only sealed while its job runs, and nothing once it has ended', async () => {
      const secret = idNumber();
      const bytes = csvBytes([
        ['姓名', '性别', '身份证号', '入党日期', '党员类别', '所在支部编码'],
        ['赵保密', '男', secret, '2001-07-01', '在职党员', `${p}B1`],
      ]);
      const started = await startImport('pref', 'members', '党员.csv', bytes, true);
      const jobId = started.data!.startOrgImport.id;
      const during = await contentOf(jobId);
      if (during) {
        expect(during.includes(Buffer.from(secret))).toBe(false);
        expect(during.subarray(0, 4).toString()).toBe('PYS1');
      }
      expect((await importJobEnded(as('pref'), jobId)).status).toBe('succeeded');
      expect(await contentOf(jobId)).toBeNull();
      const held = await pg.query(`select 1 from org.import_job where position($1::bytea in content) > 0`, [
        Buffer.from(secret),
      ]);
      expect(held.rowCount).toBe(0);
    });

    it('the table itself clears the file of any job that ends', async () => {
      const r = await pg.query<{ content: Buffer | null }>(
        `insert into org.import_job (id, kind, format, file_name, content, dry_run, scope_path, created_by, status)
         values (gen_random_uuid(), 'members', 'csv', 'x.csv', '\\x41'::bytea, true, $1::ltree, 'e2e', 'failed')
         returning content`,
        [path['P']],
      );
      expect(r.rows[0]!.content).toBeNull();
    });

    it('refuses an XLSX that unzips beyond the limit (a zip bomb) with a Chinese error, storing nothing', async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('党员').addRow(['填'.repeat(8 * 1024 * 1024)]); // 24 MB of UTF-8 in one cell
      const bomb = Buffer.from(await wb.xlsx.writeBuffer());
      expect(bomb.length).toBeLessThan(1_000_000);
      const before = (await pg.query(`select count(*)::int as n from org.import_job`)).rows[0].n as number;
      const r = await startImport('pref', 'members', '党员.xlsx', bomb, true);
      expect(code(r)).toBe('BAD_INPUT');
      expect(r.errors![0]!.message).toContain('解压后超过');
      expect((await pg.query(`select count(*)::int as n from org.import_job`)).rows[0].n).toBe(before);
    });
  });

  describe('finding 10: field resolvers and entity lookups re-check the caller’s scope', () => {
    beforeAll(async () => {
      // Rows as the old import and a stale reference could leave them: a secretary from another county, and a
      // member whose branch reference points outside the path it is filed under.
      await pg.query(`update org.unit set secretary_id = $1 where id = $2`, [ids['m2'], ids['B1b']]);
      await pg.query(`update org.member set branch_id = $1 where id = $2`, [ids['B2'], ids['stray']]);
    });

    it('Unit.secretary, Unit.parent and Member.branch answer null outside the subtree', async () => {
      const d = await ok<{
        b: { secretary: unknown };
        c: { parent: unknown };
        m: { branch: unknown };
      }>(
        'county1',
        `query($b: ID!, $c: ID!, $m: ID!) {
           b: unit(id: $b) { id secretary { id name phone email birthDate } }
           c: unit(id: $c) { id parent { id } }
           m: member(id: $m) { id branch { id name } }
         }`,
        { b: ids['B1b'], c: ids['C1'], m: ids['stray'] },
      );
      expect(d.b.secretary).toBeNull();
      expect(d.c.parent).toBeNull();
      expect(d.m.branch).toBeNull();
    });

    it('federation entity references resolve only inside the subtree', async () => {
      const identity: Identity = { personId: `e2e-${p}`, roles: ['county_admin'], orgPath: path['C1']! };
      const signed = await signForwardedIdentity(
        identity,
        process.env['INTERNAL_IDENTITY_SECRET'] ?? 'pingyi-dev-internal-secret-change-me-in-production',
      );
      const r = await gql<{ _entities: ({ id: string } | null)[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Unit { id name } ... on Member { id name } } }`,
        {
          r: [
            { __typename: 'Unit', id: ids['B2'] },
            { __typename: 'Member', id: ids['m2'] },
            { __typename: 'Unit', id: ids['B1'] },
            { __typename: 'Member', id: ids['m1'] },
          ],
        },
        {
          url: `http://127.0.0.1:${process.env['ORG_PORT']}/graphql`,
          headers: { [IDENTITY_HEADER]: signed },
        },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!._entities.map((e) => e?.id ?? null)).toEqual([null, null, ids['B1'], ids['m1']]);
    });
  });
});
