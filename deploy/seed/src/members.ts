// Members of the tree's branches: types, ranks, names, ID numbers, dates and contacts.
import {
  type CadreRank,
  type Gender,
  type MemberRow,
  type MemberType,
  type UnitField,
  type UnitLevel,
  idNumberCheckChar,
} from '@pingyi/contracts';
import * as names from './chinese-names';
import { type PresetSpec } from './presets';
import {
  BIRTH_DAYS,
  FIRST_DAY,
  LAST_JOIN_DAY,
  civilFromDays,
  compactDate,
  daysFromCivil,
  isoDate,
  pad,
} from './dates';
import { type Rng, WeightedTable, apportion } from './random';
import { type Tree } from './tree-model';

// Local copies: global lookups are slow inside vm contexts such as jest's.
const { floor, pow, min, max } = Math;

const TYPES: readonly MemberType[] = ['leading_cadre', 'in_service', 'retired', 'mobile', 'rural_no_post'];
// Indexes into TYPES (2 is retired).
export const LEADING = 0;
const IN_SERVICE = 1;
const MOBILE = 3;
const RURAL_NO_POST = 4;
const RANKS: readonly (CadreRank | undefined)[] = [
  undefined,
  'township_section',
  'county_division',
  'prefecture_bureau',
];

/** Type shares per field: leading, in service, retired, mobile, rural without post. */
const TYPE_MIX: Record<UnitField, readonly number[]> = {
  rural: [0, 0.14, 0.04, 0.08, 0.74],
  community: [0, 0.37, 0.58, 0.05, 0],
  organ: [0.18, 0.6, 0.2, 0.02, 0],
  primary_school: [0, 0.76, 0.22, 0.02, 0],
  higher_education: [0, 0.84, 0.13, 0.03, 0],
  medical: [0, 0.77, 0.21, 0.02, 0],
  soe: [0.07, 0.7, 0.2, 0.03, 0],
  two_new: [0, 0.84, 0.04, 0.12, 0],
  mass_org: [0, 0.78, 0.2, 0.02, 0],
};

/** Relative branch size per field. */
const MEMBER_WEIGHT: Record<UnitField, number> = {
  rural: 1.8,
  community: 1.2,
  organ: 0.8,
  primary_school: 0.8,
  higher_education: 1,
  medical: 1,
  soe: 1.1,
  two_new: 0.45,
  mass_org: 0.45,
};

const MALE_SHARE = [0.8, 0.55, 0.6, 0.66, 0.68];

export interface People {
  rows: MemberRow[];
  type: Uint8Array;
  rank: Uint8Array;
  branch: Int32Array;
  /** Members of branch b are [start[b], start[b + 1]). */
  start: Int32Array;
}

export function buildMembers(spec: PresetSpec, tree: Tree, rng: Rng): People {
  const { branches, units } = tree;
  const total = spec.members;
  const counts = apportion(
    total,
    branches.map((b) => MEMBER_WEIGHT[b.field] * (0.35 + 1.3 * rng.next() * rng.next() + 0.4 * rng.next())),
    3,
  );
  const start = new Int32Array(branches.length + 1);
  for (let b = 0; b < branches.length; b++) start[b + 1] = start[b]! + counts[b]!;

  const type = new Uint8Array(total);
  const rank = new Uint8Array(total);
  const branchOf = new Int32Array(total);
  const typeTables = new Map<UnitField, WeightedTable<number>>();
  for (const [field, mix] of Object.entries(TYPE_MIX) as [UnitField, readonly number[]][])
    typeTables.set(field, new WeightedTable([0, 1, 2, 3, 4], mix));
  const rankTable = new WeightedTable([1, 2, 3], [0.8, 0.175, 0.025]);
  for (let b = 0; b < branches.length; b++) {
    const table = typeTables.get(branches[b]!.field)!;
    for (let i = start[b]!; i < start[b + 1]!; i++) {
      branchOf[i] = b;
      type[i] = table.pick(rng);
      if (type[i] === LEADING) rank[i] = rankTable.pick(rng);
    }
  }
  const fieldOf = (i: number) => branches[branchOf[i]!]!.field;

  // Enough leading cadres for secretaries and inspection groups (matters for tiny presets).
  const wantLeading = spec.inspectionGroups * 5 + spec.counties.length + 1;
  let leading = type.reduce((n, t) => n + (t === LEADING ? 1 : 0), 0);
  if (leading < wantLeading) {
    const pool = rng.shuffle(
      [...type.keys()].filter((i) => type[i] === IN_SERVICE && ['organ', 'soe'].includes(fieldOf(i))),
    );
    for (const i of pool) {
      if (leading >= wantLeading) break;
      type[i] = LEADING;
      rank[i] = rankTable.pick(rng);
      leading++;
    }
  }

  // Secretaries: every branch from its own members, then the others top-down from their subtree.
  const secretaryOf = new Int32Array(total).fill(-1);
  const pick = (from: number, to: number, score: (i: number) => number): number => {
    let best = 1e9;
    for (let i = from; i < to; i++) if (secretaryOf[i]! < 0) best = min(best, score(i));
    let chosen = -1;
    let seen = 0;
    for (let i = from; i < to; i++)
      if (secretaryOf[i]! < 0 && score(i) === best && rng.next() * ++seen < 1) chosen = i;
    return chosen;
  };
  const branchScore = (i: number) => [0, 0, 2, 3, 1][type[i]!]!;
  for (let b = 0; b < branches.length; b++) {
    const i = pick(start[b]!, start[b + 1]!, branchScore);
    secretaryOf[i] = branches[b]!.unit;
    if (type[i] === MOBILE || (type[i] === RURAL_NO_POST && branches[b]!.field === 'rural'))
      type[i] = IN_SERVICE;
  }
  const scoreFor = (level: UnitLevel) => (i: number) => {
    const t = type[i]!;
    if (t !== LEADING) return 10 + [0, 0, 1, 3, 2][t]!;
    if (level === 'prefecture') return 3 - rank[i]!;
    if (level === 'county') return rank[i]! >= 2 ? 0 : 1;
    return level === 'committee' ? 0 : 10;
  };
  units.forEach((u, ui) => {
    if (u.row.level === 'branch') return;
    let chosen = -1;
    for (let a = ui; chosen < 0 && a >= 0; a = units[a]!.parent) {
      const scope = units[a]!;
      chosen = pick(start[scope.firstBranch]!, start[scope.endBranch]!, scoreFor(u.row.level));
    }
    if (chosen < 0) throw new Error(`no secretary available for ${u.row.code}`);
    secretaryOf[chosen] = ui;
    if (type[chosen] === LEADING) {
      if (u.row.level === 'prefecture') rank[chosen] = 3;
      if (u.row.level === 'county') rank[chosen] = max(rank[chosen]!, 2);
    } else if (type[chosen] === MOBILE) type[chosen] = IN_SERVICE;
  });

  if (spec.mobileMembers !== undefined) fixMobileCount(spec.mobileMembers, type, secretaryOf, fieldOf, rng);

  const rows = new Array<MemberRow>(total);
  const details = new MemberDetails(spec, rng);
  for (let i = 0; i < total; i++) {
    const b = branches[branchOf[i]!]!;
    const row = details.make(TYPES[type[i]!]!, RANKS[rank[i]!], b.field, b.county, b.code);
    if (secretaryOf[i]! >= 0) row.secretaryOfUnitCode = units[secretaryOf[i]!]!.row.code;
    rows[i] = row;
  }
  return { rows, type, rank, branch: branchOf, start };
}

function fixMobileCount(
  target: number,
  type: Uint8Array,
  secretaryOf: Int32Array,
  fieldOf: (i: number) => UnitField,
  rng: Rng,
) {
  const free = (i: number) => secretaryOf[i]! < 0;
  const mobiles = [...type.keys()].filter((i) => type[i] === MOBILE);
  if (mobiles.length > target) {
    const drop = rng.shuffle(mobiles.filter(free)).slice(0, mobiles.length - target);
    for (const i of drop) type[i] = fieldOf(i) === 'rural' ? RURAL_NO_POST : IN_SERVICE;
  } else if (mobiles.length < target) {
    const need = target - mobiles.length;
    const eligible = (i: number) => free(i) && (type[i] === IN_SERVICE || type[i] === RURAL_NO_POST);
    const isPreferred = (i: number) => fieldOf(i) === 'rural' || fieldOf(i) === 'two_new';
    let pool = rng.shuffle([...type.keys()].filter((i) => eligible(i) && isPreferred(i)));
    if (pool.length < need)
      pool = [...pool, ...rng.shuffle([...type.keys()].filter((i) => eligible(i) && !isPreferred(i)))];
    for (const i of pool.slice(0, need)) type[i] = MOBILE;
  }
}

/** Everything about one member that does not depend on the tree: name, dates, ID number, contacts. */
class MemberDetails {
  /** Per (region, birth day, gender): ID numbers issued so far and where their sequence numbers start. */
  private readonly issued: Uint16Array;
  private readonly firstSequence: Uint16Array;
  /** Phone numbers are an affine permutation of a counter over all prefixes, so they never repeat. */
  private phonesIssued = 0;
  private readonly phoneStep: number;
  private readonly phoneOffset: number;
  /** Each preset draws from its own prefixes, so presets loaded side by side never share a phone. */
  private readonly phonePrefixes: readonly string[];
  private readonly phoneSpace: number;
  private readonly surnames: WeightedTable<string>;
  private readonly regions: string[];
  private readonly otherRegions: number;

  constructor(
    private readonly spec: PresetSpec,
    private readonly rng: Rng,
  ) {
    const boost = names.SURNAME_BOOST[spec.region];
    this.surnames = new WeightedTable(
      names.SURNAMES.map(([s]) => s),
      names.SURNAMES.map(([s, w]) => w * (boost[s] ?? 1)),
    );
    this.regions = [...spec.counties.map((c) => c.regionCode), ...spec.otherRegionCodes];
    this.otherRegions = this.regions.length;
    this.issued = new Uint16Array(this.regions.length * BIRTH_DAYS * 2);
    this.firstSequence = new Uint16Array(this.issued.length);
    const group = PHONE_PREFIX_GROUP[spec.code] ?? 0;
    this.phonePrefixes = PHONE_PREFIXES.filter((_, i) => i % PHONE_PREFIX_GROUPS === group);
    this.phoneSpace = this.phonePrefixes.length * 100_000_000;
    let step = rng.int(100_000_000, this.phoneSpace - 1);
    while (gcd(step, this.phoneSpace) !== 1) step++;
    this.phoneStep = step;
    this.phoneOffset = rng.int(0, this.phoneSpace - 1);
  }

  make(
    type: MemberType,
    rank: CadreRank | undefined,
    field: UnitField,
    countyIndex: number,
    branchCode: string,
  ): MemberRow {
    const r = this.rng;
    const t = TYPES.indexOf(type);
    const gender: Gender = r.chance(MALE_SHARE[t]!) ? 'male' : 'female';
    const [fromYear, toYear] = birthYears(type, field, r);
    const birth =
      daysFromCivil(fromYear, 1, 1) + r.int(0, daysFromCivil(toYear, 12, 31) - daysFromCivil(fromYear, 1, 1));
    const [by, bm, bd] = civilFromDays(birth);
    const adult = daysFromCivil(by + 18, bm, bd);
    const maxAge = type === 'retired' ? 40 : type === 'leading_cadre' ? 35 : 45;
    const span = min(LAST_JOIN_DAY - adult, (maxAge - 18) * 365);
    const joined = adult + floor(pow(r.next(), 1.6) * (span + 1));
    const row: MemberRow = {
      name: this.name(gender, by),
      gender,
      idNumber: this.idNumber(countyIndex, birth, gender),
      birthDate: isoDate(birth),
      joinedAt: isoDate(joined),
      type,
      branchCode,
    };
    if (rank) row.cadreRank = rank;
    if (type === 'mobile') row.mobileLocation = r.pick(this.spec.mobileDestinations);
    if (r.chance(0.9)) row.phone = this.phone();
    if (r.chance(0.15)) row.email = this.email();
    return row;
  }

  private name(gender: Gender, birthYear: number): string {
    const r = this.rng;
    const male = gender === 'male';
    if (this.spec.region === 'im' && r.chance(this.spec.mongolianShare))
      return r.pick(male ? names.MONGOLIAN_NAMES_MALE : names.MONGOLIAN_NAMES_FEMALE);
    const surname = this.surnames.pick(r);
    if (birthYear < 1966 && r.chance(0.3))
      return surname + r.pick(male ? names.ERA_NAMES_MALE : names.ERA_NAMES_FEMALE);
    const chars = male ? names.MALE_NAME_CHARS : names.FEMALE_NAME_CHARS;
    const first = r.chance(0.25) ? r.pick(names.NEUTRAL_NAME_CHARS) : r.pick(chars);
    return r.chance(0.3) ? surname + r.pick(chars) : surname + first + r.pick(chars);
  }

  /** Sequence numbers (顺序码) of one region, day and gender are distinct by construction: odd for men. */
  private idNumber(county: number, birthDay: number, gender: Gender): string {
    const r = this.rng;
    const male = gender === 'male' ? 1 : 0;
    let region = r.chance(0.8) ? county : r.int(0, this.otherRegions - 1);
    for (;;) {
      const slot = (region * BIRTH_DAYS + birthDay - FIRST_DAY) * 2 + male;
      const n = this.issued[slot]!;
      if (n < SEQUENCES) {
        if (n === 0) this.firstSequence[slot] = r.int(0, SEQUENCES - 1);
        this.issued[slot] = n + 1;
        const k = (this.firstSequence[slot]! + n * 37) % SEQUENCES;
        const first17 = this.regions[region]! + compactDate(birthDay) + SEQUENCE_TEXT[k * 2 + 2 - male]!;
        return first17 + idNumberCheckChar(first17);
      }
      region = (region + 1) % this.otherRegions;
    }
  }

  private phone(): string {
    const x = (this.phoneStep * this.phonesIssued++ + this.phoneOffset) % this.phoneSpace;
    return this.phonePrefixes[floor(x / 100_000_000)]! + pad(x % 100_000_000, 8);
  }

  private email(): string {
    const r = this.rng;
    const domain = r.pick(names.EMAIL_DOMAINS);
    if (domain === 'qq.com') return `${r.int(10_000, 3_999_999_999)}@qq.com`;
    let local = '';
    for (let k = r.int(3, 7); k > 0; k--) local += r.pick(EMAIL_LETTERS);
    return `${local}${r.int(1, 9999)}@${domain}`;
  }
}

const EMAIL_LETTERS = [...names.EMAIL_LETTERS];
const PHONE_PREFIXES = names.PHONE_PREFIXES;
const PHONE_PREFIX_GROUPS = 4;
const PHONE_PREFIX_GROUP: Record<string, number> = { bt: 0, qy: 1, xl: 2, wh: 3 };
/** 499 is prime: with step 37, n = 0…498 give distinct sequence numbers 001…998. */
const SEQUENCES = 499;
const SEQUENCE_TEXT = Array.from({ length: 1000 }, (_, i) => pad(i, 3));

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function birthYears(type: MemberType, field: UnitField, r: Rng): [number, number] {
  switch (type) {
    case 'leading_cadre':
      return [1966, 1992];
    case 'retired':
      return [1940, 1966];
    case 'mobile':
      return [1972, 2003];
    case 'rural_no_post':
      return r.chance(0.45) ? [1940, 1962] : [1955, 2003];
    case 'in_service':
      if (field === 'higher_education' && r.chance(0.4)) return [1999, 2004];
      return [1966, 2003];
  }
}
