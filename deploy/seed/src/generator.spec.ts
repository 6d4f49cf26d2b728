import {
  MemberType,
  MobilePhone,
  UnitCode,
  UnitField,
  UnitLevel,
  UnitLevelRank,
  isValidIdNumber,
  type MemberRow,
  type UnitRow,
} from '@pingyi/contracts';
import { PRESET_NAMES, generatePreset, type GeneratedOrg, type PresetName } from './generator';

const SIZES: Record<
  PresetName,
  { levels: Record<UnitLevel, number>; members: number; mobile?: number; inspectionGroups: number }
> = {
  baotou: {
    levels: { prefecture: 1, county: 9, committee: 446, general_branch: 300, branch: 6779 },
    members: 167_000,
    inspectionGroups: 10,
  },
  fogang: {
    levels: { prefecture: 1, county: 1, committee: 8, general_branch: 11, branch: 325 },
    members: 12_444,
    mobile: 333,
    inspectionGroups: 2,
  },
  dongwu: {
    levels: { prefecture: 1, county: 1, committee: 5, general_branch: 0, branch: 239 },
    members: 3_600,
    inspectionGroups: 2,
  },
  tiny: {
    levels: { prefecture: 1, county: 2, committee: 3, general_branch: 2, branch: 12 },
    members: 120,
    mobile: 6,
    inspectionGroups: 1,
  },
};

const generated = new Map<PresetName, GeneratedOrg>();
let baotouMs = 0;

function org(preset: PresetName): GeneratedOrg {
  let g = generated.get(preset);
  if (!g) {
    const started = performance.now();
    g = generatePreset(preset);
    if (preset === 'baotou') baotouMs = performance.now() - started;
    generated.set(preset, g);
  }
  return g;
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of items) out[key(t)] = (out[key(t)] ?? 0) + 1;
  return out;
}

function addYears(isoDate: string, years: number): string {
  return String(Number(isoDate.slice(0, 4)) + years) + isoDate.slice(4);
}

/** The unit and its ancestors' codes, for every unit. */
function ancestry(units: readonly UnitRow[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const u of units) out.set(u.code, [u.code, ...(u.parentCode ? out.get(u.parentCode)! : [])]);
  return out;
}

jest.setTimeout(60_000);

describe('generatePreset: baotou timing', () => {
  it('generates Baotou (7,535 units, 167,000 members) in under 10 s', () => {
    org('baotou');
    console.log(`generatePreset('baotou') took ${Math.round(baotouMs)} ms`);
    expect(baotouMs).toBeLessThan(10_000);
  });
});

describe.each(PRESET_NAMES)('generatePreset(%s)', (preset) => {
  const expected = SIZES[preset];
  let units: UnitRow[];
  let members: MemberRow[];
  let byCode: Map<string, UnitRow>;

  beforeAll(() => {
    const g = org(preset);
    units = g.units;
    members = g.members;
    byCode = new Map(units.map((u) => [u.code, u]));
  });

  it('has the exact sizes', () => {
    expect(countBy(units, (u) => u.level)).toEqual(
      Object.fromEntries(Object.entries(expected.levels).filter(([, n]) => n > 0)),
    );
    expect(members).toHaveLength(expected.members);
    if (expected.mobile !== undefined)
      expect(members.filter((m) => m.type === 'mobile')).toHaveLength(expected.mobile);
  });

  it('has valid, unique codes; one root; parents before children; levels strictly descending', () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const u of units) {
      if (!UnitCode.safeParse(u.code).success) problems.push(`bad code ${u.code}`);
      if (seen.has(u.code)) problems.push(`duplicate ${u.code}`);
      if (u.parentCode !== null) {
        if (!seen.has(u.parentCode)) problems.push(`${u.code} before its parent ${u.parentCode}`);
        else {
          const parentLevel = byCode.get(u.parentCode)!.level;
          const nested = parentLevel === 'committee' && u.level === 'committee';
          if (!nested && UnitLevelRank[parentLevel] >= UnitLevelRank[u.level])
            problems.push(`${u.code} (${u.level}) under ${u.parentCode}`);
        }
      }
      if (!UnitField.safeParse(u.field).success || !u.name) problems.push(`bad row ${u.code}`);
      seen.add(u.code);
    }
    expect(problems).toEqual([]);
    expect(units.filter((u) => u.parentCode === null).map((u) => u.level)).toEqual(['prefecture']);
    expect(units[0]!.parentCode).toBeNull();
    const parentLevel = (u: UnitRow) => byCode.get(u.parentCode!)!.level;
    expect(units.filter((u) => u.level === 'county' && parentLevel(u) !== 'prefecture')).toEqual([]);
    expect(units.filter((u) => u.level === 'general_branch' && parentLevel(u) !== 'committee')).toEqual([]);
  });

  it('gives every committee a child and every general branch a branch', () => {
    const children = countBy(
      units.filter((u) => u.parentCode !== null),
      (u) => u.parentCode!,
    );
    const branchChildren = countBy(
      units.filter((u) => u.level === 'branch'),
      (u) => u.parentCode!,
    );
    const childless = units.filter((u) => ['county', 'committee'].includes(u.level) && !children[u.code]);
    expect(childless).toEqual([]);
    expect(units.filter((u) => u.level === 'general_branch' && !branchChildren[u.code])).toEqual([]);
  });

  it('puts members only under branches, at least 3 each, rural_no_post only in rural branches', () => {
    const perBranch = countBy(members, (m) => m.branchCode);
    const problems: string[] = [];
    for (const m of members) {
      const b = byCode.get(m.branchCode);
      if (!b || b.level !== 'branch') problems.push(`${m.idNumber} in ${m.branchCode}`);
      else if (m.type === 'rural_no_post' && b.field !== 'rural')
        problems.push(`${m.idNumber} rural_no_post in ${b.field}`);
    }
    expect(problems).toEqual([]);
    expect(units.filter((u) => u.level === 'branch' && (perBranch[u.code] ?? 0) < 3)).toEqual([]);
  });

  it('has valid, unique ID numbers matching birth date and gender; sane join dates', () => {
    const ids = new Set<string>();
    const problems: string[] = [];
    for (const m of members) {
      if (!isValidIdNumber(m.idNumber)) problems.push(`invalid ${m.idNumber}`);
      if (ids.has(m.idNumber)) problems.push(`duplicate ${m.idNumber}`);
      ids.add(m.idNumber);
      if (m.idNumber.slice(6, 14) !== m.birthDate.replace(/-/g, '')) problems.push(`birth ${m.idNumber}`);
      if (Number(m.idNumber[16]) % 2 !== (m.gender === 'male' ? 1 : 0)) problems.push(`gender ${m.idNumber}`);
      if (m.birthDate < '1940-01-01' || m.birthDate > '2004-12-31') problems.push(`born ${m.birthDate}`);
      if (m.joinedAt < addYears(m.birthDate, 18) || m.joinedAt > '2026-06-30')
        problems.push(`joined ${m.joinedAt} born ${m.birthDate}`);
      if (!MemberType.safeParse(m.type).success || !m.name) problems.push(`bad row ${m.idNumber}`);
      if ((m.type === 'leading_cadre') !== (m.cadreRank !== undefined)) problems.push(`rank ${m.idNumber}`);
      if ((m.type === 'mobile') !== (m.mobileLocation !== undefined)) problems.push(`location ${m.idNumber}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('has valid, unique phones for about 90% of members', () => {
    const phones = members.flatMap((m) => (m.phone ? [m.phone] : []));
    expect(new Set(phones).size).toBe(phones.length);
    expect(phones.filter((p) => !MobilePhone.safeParse(p).success)).toEqual([]);
    if (members.length >= 1000) {
      expect(phones.length / members.length).toBeGreaterThan(0.85);
      expect(phones.length / members.length).toBeLessThan(0.95);
    }
  });

  it('gives every unit exactly one secretary, from its own subtree', () => {
    const lineage = ancestry(units);
    const secretaries = members.filter((m) => m.secretaryOfUnitCode !== undefined);
    expect(secretaries).toHaveLength(units.length);
    expect(new Set(secretaries.map((m) => m.secretaryOfUnitCode)).size).toBe(units.length);
    const outside = secretaries.filter((m) => !lineage.get(m.branchCode)!.includes(m.secretaryOfUnitCode!));
    expect(outside).toEqual([]);
    const branchSecretaries = secretaries.filter(
      (m) => byCode.get(m.secretaryOfUnitCode!)!.level === 'branch',
    );
    expect(branchSecretaries.filter((m) => m.secretaryOfUnitCode !== m.branchCode)).toEqual([]);
    expect(units.filter((u) => u.secretaryIdNumber !== undefined)).toEqual([]);
  });

  it('has consistent relations', () => {
    const { cadreAssignments, pairings, inspectionGroups } = org(preset).relations;
    const cadres = new Map(members.filter((m) => m.type === 'leading_cadre').map((m) => [m.idNumber, m]));
    const lineage = ancestry(units);
    const countyOf = (code: string) => lineage.get(code)!.at(-2)!;

    const problems: string[] = [];
    for (const a of cadreAssignments) {
      const cadre = cadres.get(a.cadreIdNumber);
      if (!cadre || !byCode.has(a.unitCode)) problems.push(`unknown ${a.cadreIdNumber} → ${a.unitCode}`);
      else if (countyOf(a.unitCode) !== countyOf(cadre.branchCode))
        problems.push(`other county ${a.unitCode}`);
      else if (a.kind === 'oversight' && byCode.get(a.unitCode)!.level !== 'committee')
        problems.push(`oversees ${a.unitCode}`);
    }
    const liaisons = countBy(
      cadreAssignments.filter((a) => a.kind === 'liaison'),
      (a) => a.cadreIdNumber,
    );
    for (const id of cadres.keys())
      if (![1, 2].includes(liaisons[id] ?? 0)) problems.push(`liaisons of ${id}`);

    const branches = units.filter((u) => u.level === 'branch');
    const paired = pairings.flat();
    expect(new Set(paired).size).toBe(paired.length);
    for (const [a, b] of pairings) {
      if (!(a < b)) problems.push(`order ${a} ${b}`);
      if (byCode.get(a)?.level !== 'branch' || byCode.get(b)?.level !== 'branch')
        problems.push(`pair ${a} ${b}`);
      else if (countyOf(a) !== countyOf(b)) problems.push(`pair across counties ${a} ${b}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(paired.length / branches.length).toBeGreaterThan(0.5);
    expect(paired.length / branches.length).toBeLessThan(0.7);

    expect(inspectionGroups).toHaveLength(expected.inspectionGroups);
    for (const g of inspectionGroups) {
      expect(g.name).toMatch(/指导检查组$/);
      expect(cadres.has(g.leaderIdNumber)).toBe(true);
      expect(g.memberIdNumbers.length).toBeGreaterThanOrEqual(2);
      expect(g.memberIdNumbers.length).toBeLessThanOrEqual(4);
      for (const id of g.memberIdNumbers) expect(cadres.has(id)).toBe(true);
      expect(g.memberIdNumbers).not.toContain(g.leaderIdNumber);
      expect(g.scopeUnitCodes.length).toBeGreaterThanOrEqual(1);
      expect(g.scopeUnitCodes.length).toBeLessThanOrEqual(3);
      for (const code of g.scopeUnitCodes) expect(['county', 'committee']).toContain(byCode.get(code)!.level);
    }
  });
});

describe('preset contents', () => {
  it('tiny covers every level, field and member type', () => {
    const { units, members } = org('tiny');
    expect(new Set(units.map((u) => u.level))).toEqual(new Set(UnitLevel.options));
    expect(new Set(units.map((u) => u.field))).toEqual(new Set(UnitField.options));
    expect(new Set(members.map((m) => m.type))).toEqual(new Set(MemberType.options));
    expect(members.some((m) => m.type === 'leading_cadre' && m.cadreRank)).toBe(true);
  });

  it('baotou has the real nine county-level units and about 4% leading cadres', () => {
    const { units, members } = org('baotou');
    expect(units[0]).toMatchObject({ code: 'bt', name: '中共包头市委员会', level: 'prefecture' });
    const counties = units.filter((u) => u.level === 'county').map((u) => u.name);
    for (const name of [
      '昆都仑区',
      '青山区',
      '东河区',
      '九原区',
      '石拐区',
      '白云鄂博矿区',
      '土默特右旗',
      '固阳县',
      '达尔罕茂明安联合旗',
    ])
      expect(counties.some((c) => c.includes(name))).toBe(true);
    expect(units.some((u) => u.name === '包头钢铁（集团）有限责任公司党委')).toBe(true);
    const share = (type: string) => members.filter((m) => m.type === type).length / members.length;
    expect(share('leading_cadre')).toBeGreaterThan(0.025);
    expect(share('leading_cadre')).toBeLessThan(0.06);
    expect(share('retired')).toBeGreaterThan(0.15);
    expect(share('mobile')).toBeGreaterThan(0.03);
    expect(members.filter((m) => /^1502/.test(m.idNumber)).length / members.length).toBeGreaterThan(0.75);
  });

  it('fogang has 333 mobile members working away and Qingyuan ID numbers', () => {
    const { units, members } = org('fogang');
    expect(units[0]).toMatchObject({ code: 'qy', level: 'prefecture' });
    expect(units[1]!.name).toContain('佛冈县');
    const mobile = members.filter((m) => m.type === 'mobile');
    expect(mobile).toHaveLength(333);
    for (const m of mobile) expect(m.mobileLocation).toMatch(/^\S+(市|区|镇)/);
    expect(members.filter((m) => m.idNumber.startsWith('4418')).length / members.length).toBeGreaterThan(
      0.75,
    );
  });

  it('dongwu sits under Xilingol and has some Mongolian names', () => {
    const { units, members } = org('dongwu');
    expect(units[0]).toMatchObject({ code: 'xl', level: 'prefecture' });
    expect(units[1]!.name).toContain('东乌珠穆沁旗');
    expect(members.filter((m) => m.idNumber.startsWith('1525')).length / members.length).toBeGreaterThan(
      0.75,
    );
    expect(
      members.filter((m) => /^(巴特尔|额尔敦|乌云其其格|其木格|萨仁|图雅|苏和)$/.test(m.name)).length,
    ).toBeGreaterThan(0);
  });
});

describe('determinism', () => {
  it('gives identical output for the same preset and seed', () => {
    expect(generatePreset('tiny', 7)).toEqual(generatePreset('tiny', 7));
    expect(generatePreset('fogang')).toEqual(org('fogang'));
  });

  it('gives different names and ID numbers for another seed', () => {
    const a = org('tiny');
    const b = generatePreset('tiny', 12345);
    expect(b.members.map((m) => m.idNumber)).not.toEqual(a.members.map((m) => m.idNumber));
    expect(b.members.map((m) => m.name)).not.toEqual(a.members.map((m) => m.name));
  });
});
