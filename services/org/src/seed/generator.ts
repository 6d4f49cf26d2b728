import {
  type CadreRank,
  type Gender,
  type MemberRow,
  type MemberType,
  type UnitField,
  type UnitLevel,
  type UnitRow,
  idNumberCheckChar,
} from '@pingyi/contracts';
import * as names from './chinese-names';
import { PRESETS, type CountySpec, type FixedCommittee, type LandmarkSpec, type PresetSpec } from './presets';

// Local copies: global lookups are slow inside vm contexts such as jest's.
const { floor, imul, pow, min, max, round } = Math;

export type PresetName = 'baotou' | 'fogang' | 'dongwu' | 'tiny';
export const PRESET_NAMES: readonly PresetName[] = ['baotou', 'fogang', 'dongwu', 'tiny'];
export const DEFAULT_SEED = 20261127;

export interface Relations {
  /** leading cadre (by idNumber) liaises with (联系点) or oversees (分管) a unit (by code) */
  cadreAssignments: { cadreIdNumber: string; unitCode: string; kind: 'liaison' | 'oversight' }[];
  /** pairs of branch codes (结对), each branch in at most one pair, codeA < codeB */
  pairings: [string, string][];
  /** inspection groups (指导检查组): name, leader + members (idNumbers of leading cadres), scope = unit codes */
  inspectionGroups: {
    name: string;
    leaderIdNumber: string;
    memberIdNumbers: string[];
    scopeUnitCodes: string[];
  }[];
}

export interface GeneratedOrg {
  preset: PresetName;
  units: UnitRow[];
  members: MemberRow[];
  relations: Relations;
}

/** Generates a preset's units, members and relations; the same preset and seed always give the same rows. */
export function generatePreset(preset: PresetName, seed: number = DEFAULT_SEED): GeneratedOrg {
  const spec: PresetSpec = PRESETS[preset];
  const tree = buildTree(spec, new Rng(deriveSeed(seed, 'tree')));
  const people = buildMembers(spec, tree, new Rng(deriveSeed(seed, 'members')));
  const relations = buildRelations(spec, tree, people, new Rng(deriveSeed(seed, 'relations')));
  return { preset, units: tree.units.map((u) => u.row), members: people.rows, relations };
}

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: small, fast, good enough for demo data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[floor(this.next() * items.length)]!;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = floor(this.next() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }
}

function deriveSeed(seed: number, salt: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < salt.length; i++) h = imul(h ^ salt.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

class WeightedTable<T> {
  private readonly cumulative: number[] = [];
  private total = 0;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    for (const w of weights) this.cumulative.push((this.total += w));
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** Splits `total` into integers proportional to `weights`, each at least `minEach` (largest remainders). */
function apportion(total: number, weights: readonly number[], minEach = 0): number[] {
  const n = weights.length;
  const rest = total - minEach * n;
  if (n === 0 || rest < 0) throw new Error(`cannot split ${total} into ${n} parts of at least ${minEach}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum > 0 ? (rest * w) / sum : rest / n));
  const out = raw.map((r) => minEach + floor(r));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw
    .map((_, i) => i)
    .sort((a, b) => raw[b]! - floor(raw[b]!) - (raw[a]! - floor(raw[a]!)) || a - b);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) out[order[k]!]! += 1;
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The organisation tree

type CommitteeKind =
  | 'town'
  | 'street'
  | 'organ_works'
  | 'agency'
  | 'education'
  | 'school'
  | 'health'
  | 'hospital'
  | 'soe'
  | 'soe_company'
  | 'soe_group'
  | 'soe_plant'
  | 'two_new'
  | 'enterprise'
  | 'university'
  | 'college'
  | 'mass';

/** Share of a county's branches a committee of each kind holds directly (before jitter). */
const KIND_WEIGHT: Record<CommitteeKind, number> = {
  town: 38,
  street: 14,
  organ_works: 28,
  agency: 5,
  education: 24,
  school: 6,
  health: 12,
  hospital: 7,
  soe: 10,
  soe_company: 5,
  soe_group: 3,
  soe_plant: 9,
  two_new: 22,
  enterprise: 4,
  university: 3,
  college: 6,
  mass: 2,
};

const KIND_FIELD: Record<CommitteeKind, UnitField> = {
  town: 'rural',
  street: 'community',
  organ_works: 'organ',
  agency: 'organ',
  education: 'primary_school',
  school: 'primary_school',
  health: 'medical',
  hospital: 'medical',
  soe: 'soe',
  soe_company: 'soe',
  soe_group: 'soe',
  soe_plant: 'soe',
  two_new: 'two_new',
  enterprise: 'two_new',
  university: 'higher_education',
  college: 'higher_education',
  mass: 'mass_org',
};

/** A child of a committee: a branch, or a general branch when chosen so. */
interface Slot {
  stem: string;
  field: UnitField;
}

interface CommitteePlan {
  kind: CommitteeKind;
  name: string;
  /** Registered name stem, also the base of numbered fallback names. */
  stem: string;
  weight: number;
  subs: CommitteePlan[];
  /** Proposes child i of n; the caller retries when the stem is taken. */
  slot: (i: number, n: number) => Slot;
  branches: number;
  generalBranchSizes: number[];
}

interface UnitNode {
  row: UnitRow;
  county: number;
  parent: number;
  /** Branches of the subtree: [firstBranch, endBranch) in emission order. */
  firstBranch: number;
  endBranch: number;
}

interface BranchInfo {
  unit: number;
  code: string;
  field: UnitField;
  county: number;
}

interface Tree {
  units: UnitNode[];
  branches: BranchInfo[];
  /** Per county: its unit index and its committees' unit indices. */
  counties: { unit: number; committees: number[]; topCommittees: number[] }[];
}

interface AgencyEntry {
  name: string;
  big?: boolean;
  leadingGroup?: boolean;
}

/** Per-county naming state: pools of real-sounding names; used stems are shared by the preset. */
class CountyNames {
  readonly used: Set<string>;
  readonly county: string;
  readonly agencies: AgencyEntry[];
  readonly institutions: string[];
  readonly massOrgs: string[];
  readonly soes: string[];
  readonly hospitals: string[];
  readonly healthOrgs: string[];
  private middleSchools = 0;
  private primarySchools = 0;
  private kindergartens = 0;
  private singleSchools: string[];

  constructor(
    readonly preset: PresetSpec,
    readonly spec: CountySpec,
    readonly rng: Rng,
    readonly shared: { cityMiddleSchools: number; used: Set<string> },
  ) {
    this.used = shared.used;
    const c = spec.name;
    this.county = c;
    const im = preset.region === 'im';
    this.agencies = rng.shuffle(
      names.AGENCIES.map((a) => ({
        ...a,
        name: a.name === '公安局' && c.endsWith('区') ? '公安分局' : a.name,
      })).map((a) => ({
        ...a,
        name: im ? a.name : a.name.replace('农牧局', '农业农村局').replace('林业和草原局', '林业局'),
      })),
    );
    this.institutions = rng.shuffle(names.INSTITUTIONS.map((x) => c + x));
    this.massOrgs = rng.shuffle(names.MASS_ORGS.map((x) => x.replace('{c}', c)));
    this.soes = rng.shuffle(names.LOCAL_SOES.map((x) => c + x));
    this.hospitals = [
      `${c}人民医院`,
      im ? `${c}蒙医中医医院` : `${c}中医院`,
      `${c}第二人民医院`,
      `${c}精神卫生中心`,
    ];
    this.healthOrgs = [
      `${c}妇幼保健计划生育服务中心`,
      `${c}疾病预防控制中心`,
      `${c}急救中心`,
      `${c}卫生健康综合行政执法大队`,
    ];
    this.singleSchools = [
      `${c}实验小学`,
      `${c}实验中学`,
      `${c}职业教育中心`,
      `${c}特殊教育学校`,
      ...(im ? [`${c}蒙古族学校`] : [`${c}华侨中学`]),
    ];
  }

  /** Returns the first candidate whose stem is free (and registers it), else a numbered fallback. */
  claim(propose: () => string, fallbackBase: string): string {
    for (let t = 0; t < 24; t++) {
      const s = propose();
      if (!this.used.has(s)) {
        this.used.add(s);
        return s;
      }
    }
    return this.numbered(fallbackBase);
  }

  numbered(base: string): string {
    for (let k = 1; ; k++) {
      const s = `${base}第${names.chineseNumber(k)}`;
      if (!this.used.has(s)) {
        this.used.add(s);
        return s;
      }
    }
  }

  village(town: string): string {
    const r = this.rng;
    if (town.endsWith('苏木') || r.chance(this.spec.gachaShare))
      return r.pick(names.GACHA_HEADS) + r.pick(names.GACHA_TAILS) + '嘎查';
    const parts = names.VILLAGE_PARTS[this.preset.region];
    return r.pick(parts.head) + r.pick(parts.tail) + '村';
  }

  community(): string {
    return this.rng.pick(names.COMMUNITY_WORDS) + this.rng.pick(names.COMMUNITY_SUFFIXES) + '社区';
  }

  company(group = false): string {
    const r = this.rng;
    const base =
      r.pick(this.preset.enterprisePrefixes) + r.pick(names.BRAND_WORDS) + r.pick(names.INDUSTRIES);
    return base + (group ? '集团有限公司' : r.pick(names.COMPANY_SUFFIXES));
  }

  socialOrg(): string {
    const r = this.rng;
    switch (r.int(0, 4)) {
      case 0:
        return `${this.county}${r.pick(names.TRADES)}协会`;
      case 1:
        return `${r.pick(this.preset.enterprisePrefixes)}${r.pick(names.BRAND_WORDS)}律师事务所`;
      case 2:
        return `${this.county}${r.pick(names.TRADES)}商会`;
      case 3:
        return `${r.pick(this.preset.enterprisePrefixes)}${r.pick(names.BRAND_WORDS)}会计师事务所`;
      default:
        return `${this.county}${r.pick(names.TRADES)}行业联合`;
    }
  }

  twoNew(): string {
    return this.rng.chance(0.65) ? this.company() : this.socialOrg();
  }

  school(bigOnly = false): string {
    const r = this.rng;
    const c = this.county;
    if (!bigOnly && this.singleSchools.length > 0 && r.chance(0.08)) return this.singleSchools.shift()!;
    const x = bigOnly ? 0 : r.next();
    if (x < 0.3) {
      if (this.spec.urban && r.chance(0.4))
        return `${this.preset.name}第${names.chineseNumber(++this.shared.cityMiddleSchools)}中学`;
      return `${c}第${names.chineseNumber(++this.middleSchools)}中学`;
    }
    if (x < 0.55) return `${c}第${names.chineseNumber(++this.primarySchools)}小学`;
    if (x < 0.75) return `${c}${r.pick(names.COMMUNITY_WORDS)}小学`;
    if (x < 0.85) return `${c}${r.pick(names.COMMUNITY_WORDS)}学校`;
    if (x < 0.93) return `${c}第${names.chineseNumber(++this.kindergartens)}幼儿园`;
    return `${c}${r.pick(names.COMMUNITY_WORDS)}幼儿园`;
  }

  /** An agency of the county (`big` ones only when asked), else an institution, else null. */
  agency(bigOnly: boolean): AgencyEntry | null {
    const i = this.agencies.findIndex((a) => !bigOnly || a.big);
    if (i >= 0) return this.agencies.splice(i, 1)[0]!;
    if (bigOnly) return null;
    const inst = this.institutions.shift();
    return inst ? { name: inst.slice(this.county.length) } : null;
  }

  /** Drops a place's suffix: 少先路街道 → 少先路, 萨拉齐镇 → 萨拉齐. */
  static placeShort(place: string): string {
    return place.replace(/(街道|镇|乡|苏木)$/, '');
  }
}

function listSlot(stem: string, items: readonly string[], field: UnitField) {
  return (i: number): Slot => ({
    stem: stem + (items[i] ?? `第${names.chineseNumber(i - items.length + 1)}`),
    field,
  });
}

/** Builds one committee plan; registers its stem. */
function makePlan(
  kind: CommitteeKind,
  ctx: CountyNames,
  opts: {
    place?: string;
    landmark?: LandmarkSpec;
    sub?: string;
    subCount?: number;
    agency?: AgencyEntry;
    mixed?: boolean;
  } = {},
): CommitteePlan {
  const r = ctx.rng;
  const c = ctx.county;
  const plan = (name: string, stem: string, slot: CommitteePlan['slot'], subs: CommitteePlan[] = []) => {
    ctx.used.add(stem);
    return {
      kind,
      name,
      stem,
      weight: KIND_WEIGHT[kind] * (0.6 + 0.8 * r.next()),
      subs,
      slot,
      branches: 0,
      generalBranchSizes: [],
    };
  };
  switch (kind) {
    case 'town': {
      const place = opts.place!;
      const isSeat = place === ctx.spec.towns[0] && !ctx.spec.urban;
      const communityShare = isSeat ? 0.3 : ctx.spec.urban ? 0.1 : 0.04;
      const p = plan(`${c}${place}党委`, `${c}${place}`, (i, n) => {
        if (i === 0) return { stem: `${place}机关`, field: 'organ' };
        if (i === 1 && n >= 6) return { stem: `${place}中心学校`, field: 'primary_school' };
        if (i === 2 && n >= 9) return { stem: `${place}卫生院`, field: 'medical' };
        const x = r.next();
        if (x < communityShare) return { stem: ctx.community(), field: 'community' };
        if (x < communityShare + 0.03) return { stem: ctx.company(), field: 'two_new' };
        return { stem: ctx.village(place), field: 'rural' };
      });
      if (ctx.spec.urban) p.weight *= 0.6;
      return p;
    }
    case 'street': {
      const place = opts.place!;
      return plan(`${c}${place}党工委`, `${c}${place}`, (i, n) => {
        if (i === 0) return { stem: `${place}机关`, field: 'organ' };
        if (i === 1 && n >= 8) return { stem: `${place}社区卫生服务中心`, field: 'medical' };
        if (r.chance(0.08)) return { stem: ctx.twoNew(), field: 'two_new' };
        return { stem: ctx.community(), field: 'community' };
      });
    }
    case 'organ_works': {
      const head: (() => Slot)[] = opts.mixed
        ? [
            () => organSlot(ctx),
            () => ({ stem: ctx.school(true), field: 'primary_school' }),
            () => ({ stem: ctx.hospitals.shift() ?? `${c}人民医院`, field: 'medical' }),
            () => ({ stem: ctx.soes.shift() ?? `${c}国有资本投资运营有限公司`, field: 'soe' }),
            () => ({ stem: `${c}个体私营企业协会`, field: 'two_new' }),
            () => ({ stem: `${ctx.massOrgs.shift() ?? `${c}总工会`}机关`, field: 'mass_org' }),
            ...(ctx.spec.college
              ? [() => ({ stem: ctx.spec.college!, field: 'higher_education' as const })]
              : []),
          ]
        : [];
      return plan(`${c}直属机关党工委`, `${c}直属机关`, (i) => {
        const h = head[i];
        if (h) return h();
        const x = r.next();
        if (x < 0.08 && ctx.massOrgs.length > 0)
          return { stem: `${ctx.massOrgs.shift()!}机关`, field: 'mass_org' };
        if (opts.mixed) {
          if (x < 0.16)
            return { stem: ctx.healthOrgs.shift() ?? `${ctx.community()}卫生服务站`, field: 'medical' };
          if (x < 0.24) return { stem: ctx.school(), field: 'primary_school' };
          if (x < 0.3) {
            const soe = ctx.soes.shift();
            return soe ? { stem: soe, field: 'soe' } : { stem: ctx.company(), field: 'two_new' };
          }
          if (x < 0.42) return { stem: ctx.twoNew(), field: 'two_new' };
        }
        return organSlot(ctx);
      });
    }
    case 'agency': {
      const agency = opts.agency!;
      const stem = c + agency.name;
      const subs = agency.name.startsWith('公安')
        ? [
            '机关',
            ...r.shuffle(
              [...ctx.spec.streets, ...ctx.spec.towns].map((p) => CountyNames.placeShort(p) + '派出所'),
            ),
            ...names.POLICE_SUBUNITS.slice(1),
          ]
        : agency.name === '人民法院'
          ? [...names.COURT_SUBUNITS, ...ctx.spec.towns.map((p) => CountyNames.placeShort(p) + '人民法庭')]
          : agency.name === '人民检察院'
            ? names.PROCURATORATE_SUBUNITS
            : names.AGENCY_SUBUNITS;
      return plan(`${stem}${agency.leadingGroup ? '党组' : '党委'}`, stem, listSlot(stem, subs, 'organ'));
    }
    case 'education':
      return plan(`${c}教育系统党委`, `${c}教育系统`, () => ({
        stem: ctx.school(),
        field: 'primary_school',
      }));
    case 'school': {
      const stem = ctx.claim(() => ctx.school(true), `${c}中学`);
      return plan(`${stem}党委`, stem, listSlot(stem, names.SCHOOL_SECTIONS, 'primary_school'));
    }
    case 'health':
      return plan(`${c}卫生健康系统党委`, `${c}卫生健康系统`, () => {
        const known = ctx.healthOrgs.shift() ?? (r.chance(0.3) ? ctx.hospitals.shift() : undefined);
        if (known) return { stem: known, field: 'medical' };
        if (!ctx.spec.urban && ctx.spec.towns.length > 0)
          return { stem: `${r.pick(ctx.spec.towns)}卫生院`, field: 'medical' };
        return { stem: `${ctx.community()}卫生服务中心`, field: 'medical' };
      });
    case 'hospital': {
      const stem = ctx.hospitals.shift() ?? ctx.numbered(`${c}人民医院`);
      return plan(`${stem}党委`, stem, listSlot(stem, names.HOSPITAL_DEPARTMENTS, 'medical'));
    }
    case 'soe':
      return plan(`${c}国资系统党委`, `${c}国资系统`, () => ({
        stem: ctx.soes.shift() ?? `${c}${r.pick(names.LOCAL_SOES)}${r.pick(names.ENTERPRISE_DEPARTMENTS)}`,
        field: 'soe',
      }));
    case 'soe_company': {
      const stem = ctx.soes.shift() ?? ctx.numbered(`${c}国有资本投资运营有限公司`);
      return plan(`${stem}党委`, stem, listSlot(stem, names.ENTERPRISE_DEPARTMENTS, 'soe'));
    }
    case 'soe_group': {
      const lm = opts.landmark!;
      const subs = lm.subs.slice(0, opts.subCount ?? lm.subs.length);
      const subPlans = subs.map((s) => makePlan('soe_plant', ctx, { landmark: lm, sub: s }));
      const direct = ['机关第一', '机关第二', '机关第三', '离退休职工第一', '离退休职工第二', '后勤服务'];
      return plan(`${lm.name}党委`, lm.name, listSlot(lm.short, direct, 'soe'), subPlans);
    }
    case 'soe_plant': {
      const stem = opts.landmark!.short + opts.sub!;
      return plan(`${stem}党委`, stem, listSlot(stem, names.PLANT_TEAMS, 'soe'));
    }
    case 'two_new':
      return plan(`${c}非公有制经济组织和社会组织综合党委`, `${c}非公有制经济组织和社会组织`, () => ({
        stem: ctx.twoNew(),
        field: 'two_new',
      }));
    case 'enterprise': {
      const stem = ctx.claim(() => ctx.company(true), `${c}集团有限公司`);
      return plan(`${stem}党委`, stem, listSlot(stem, names.ENTERPRISE_DEPARTMENTS, 'two_new'));
    }
    case 'university': {
      const lm = opts.landmark!;
      const subs = lm.subs.slice(0, opts.subCount ?? lm.subs.length);
      const subPlans = subs.map((s) => makePlan('college', ctx, { landmark: lm, sub: s }));
      const direct = ['机关第一', '机关第二', '机关第三', '图书馆', '后勤服务', '离退休'];
      return plan(`${lm.name}党委`, lm.name, listSlot(lm.short, direct, 'higher_education'), subPlans);
    }
    case 'college': {
      const stem = opts.landmark!.short + opts.sub!;
      return plan(`${stem}党委`, stem, (i) => ({
        stem: `${stem}${i % 2 === 0 ? '教工' : '学生'}第${names.chineseNumber(floor(i / 2) + 1)}`,
        field: 'higher_education',
      }));
    }
    case 'mass': {
      const stem = ctx.massOrgs.shift() ?? `${c}总工会`;
      return plan(`${stem}党组`, stem, listSlot(stem, ['机关', '直属单位', '离退休干部'], 'mass_org'));
    }
  }
}

function organSlot(ctx: CountyNames): Slot {
  const a = ctx.agency(false);
  if (a) return { stem: ctx.county + a.name, field: 'organ' };
  const base = ctx.rng.pick(names.AGENCIES).name;
  return { stem: `${ctx.county}${base}${ctx.rng.pick(names.AGENCY_SUBUNITS)}`, field: 'organ' };
}

/** Committees of one county, `budget` of them counting second-level committees. */
function planCommittees(ctx: CountyNames, budget: number): CommitteePlan[] {
  const spec = ctx.spec;
  const plans: CommitteePlan[] = [];
  let left = budget;
  const add = (p: CommitteePlan) => {
    plans.push(p);
    left -= 1 + p.subs.length;
  };
  const mixed = budget < 12;
  if (left >= 2) {
    const organs = makePlan('organ_works', ctx, { mixed });
    if (mixed) organs.weight *= 3; // it holds all the county's organs and institutions
    add(organs);
  }
  for (const lm of spec.landmarks ?? []) {
    if (left < 2) break;
    const subs = min(lm.subs.length, left - 1);
    add(makePlan(lm.kind, ctx, { landmark: lm, subCount: subs }));
  }
  const places: [CommitteeKind, string][] = [
    ...spec.streets.map((p): [CommitteeKind, string] => ['street', p]),
    ...spec.towns.map((p): [CommitteeKind, string] => ['town', p]),
  ];
  if (!spec.urban) places.reverse();
  for (const [kind, place] of places) if (left > 0) add(makePlan(kind, ctx, { place }));
  for (const kind of ['education', 'health', 'two_new', 'soe', 'mass'] as const)
    if (left > 0) add(makePlan(kind, ctx));
  const fill = new WeightedTable<CommitteeKind>(
    ['agency', 'school', 'hospital', 'enterprise', 'soe_company', 'mass'],
    [40, 12, 6, 18, 6, 3],
  );
  while (left > 0) {
    const kind = fill.pick(ctx.rng);
    if (kind === 'agency') {
      const agency = ctx.agency(true);
      if (agency) add(makePlan('agency', ctx, { agency }));
    } else if (kind === 'hospital' && ctx.hospitals.length === 0) continue;
    else if (kind === 'soe_company' && ctx.soes.length === 0) continue;
    else if (kind === 'mass' && ctx.massOrgs.length === 0) continue;
    else add(makePlan(kind, ctx));
  }
  if (left < 0) throw new Error(`committee budget overrun in ${spec.name}`);
  return plans;
}

function fixedPlans(ctx: CountyNames, fixed: readonly FixedCommittee[]): CommitteePlan[] {
  return fixed.map((f) => {
    const p = makePlan(f.kind, ctx, { place: f.place, mixed: true });
    p.branches = f.branches;
    p.generalBranchSizes = [...f.generalBranchSizes];
    return p;
  });
}

function flatten(plans: readonly CommitteePlan[]): CommitteePlan[] {
  return plans.flatMap((p) => [p, ...flatten(p.subs)]);
}

/** Gives each committee its branches and general branches (each committee ends with at least one child). */
function allocateBranches(
  plans: readonly CommitteePlan[],
  branches: number,
  generalBranches: number,
  rng: Rng,
) {
  const all = flatten(plans);
  const quotas = apportion(
    branches - all.filter((p) => p.subs.length === 0).length,
    all.map((p) => p.weight),
  );
  all.forEach((p, i) => (p.branches = quotas[i]! + (p.subs.length === 0 ? 1 : 0)));
  const remaining = all.map((p) => p.branches);
  for (let g = 0; g < generalBranches; g++) {
    let candidates = all.map((_, i) => i).filter((i) => remaining[i]! >= 3 && all[i]!.kind !== 'mass');
    if (candidates.length === 0) candidates = all.map((_, i) => i).filter((i) => remaining[i]! >= 1);
    const i = new WeightedTable(
      candidates,
      candidates.map((k) => remaining[k]!),
    ).pick(rng);
    const size = max(1, min(rng.int(2, 5), remaining[i]! - 1));
    all[i]!.generalBranchSizes.push(size);
    remaining[i]! -= size;
  }
}

const ORDINAL_END = /第[一二三四五六七八九十]+$/;

function buildTree(spec: PresetSpec, rng: Rng): Tree {
  const units: UnitNode[] = [];
  const branches: BranchInfo[] = [];
  const counties: Tree['counties'] = [];
  const root: UnitNode = {
    row: { code: spec.code, name: spec.fullName, parentCode: null, level: 'prefecture', field: 'organ' },
    county: -1,
    parent: -1,
    firstBranch: 0,
    endBranch: 0,
  };
  units.push(root);

  const jitter = spec.counties.map((c) => c.weight * (0.9 + 0.2 * rng.next()));
  const committeesPer = apportion(
    spec.committees,
    jitter.map((w) => pow(w, 0.8)),
    min(5, floor(spec.committees / spec.counties.length)),
  );
  const branchesPer = apportion(spec.branches, jitter, 1);
  const generalPer = apportion(spec.generalBranches, branchesPer);
  const shared = { cityMiddleSchools: 0, used: new Set<string>() };

  spec.counties.forEach((cs, k) => {
    const ctx = new CountyNames(spec, cs, rng, shared);
    let plans: CommitteePlan[];
    if (cs.fixed) plans = fixedPlans(ctx, cs.fixed);
    else {
      plans = planCommittees(ctx, committeesPer[k]!);
      allocateBranches(plans, branchesPer[k]!, generalPer[k]!, rng);
    }
    const countyIndex = units.length;
    units.push({
      row: { code: cs.code, name: cs.fullName, parentCode: spec.code, level: 'county', field: 'organ' },
      county: k,
      parent: 0,
      firstBranch: branches.length,
      endBranch: 0,
    });
    const entry = { unit: countyIndex, committees: [] as number[], topCommittees: [] as number[] };
    counties.push(entry);
    const counters = { c: 0, g: 0, b: 0 };
    const code = (letter: 'c' | 'g' | 'b', width: number) =>
      `${cs.code}${letter}${pad(++counters[letter], width)}`;

    const addUnit = (
      parent: number,
      name: string,
      level: UnitLevel,
      field: UnitField,
      letter: 'c' | 'g' | 'b',
    ): number => {
      const i = units.length;
      units.push({
        row: {
          code: code(letter, letter === 'b' ? 4 : 3),
          name,
          parentCode: units[parent]!.row.code,
          level,
          field,
        },
        county: k,
        parent,
        firstBranch: branches.length,
        endBranch: branches.length,
      });
      if (level === 'branch') {
        branches.push({ unit: i, code: units[i]!.row.code, field, county: k });
        units[i]!.endBranch = branches.length;
      }
      return i;
    };

    const emit = (plan: CommitteePlan, parent: number) => {
      const me = addUnit(parent, plan.name, 'committee', KIND_FIELD[plan.kind], 'c');
      entry.committees.push(me);
      if (parent === countyIndex) entry.topCommittees.push(me);
      const gbs = plan.generalBranchSizes;
      const slots = plan.branches - gbs.reduce((a, b) => a + b, 0) + gbs.length;
      for (let i = 0; i < slots; i++) {
        let s = plan.slot(i, slots);
        for (let t = 0; t < 24 && ctx.used.has(s.stem); t++) s = plan.slot(i, slots);
        if (ctx.used.has(s.stem) && !s.stem.startsWith(ctx.county)) s = { ...s, stem: ctx.county + s.stem };
        if (ctx.used.has(s.stem)) s = { stem: ctx.numbered(plan.stem), field: KIND_FIELD[plan.kind] };
        ctx.used.add(s.stem);
        let stem = s.stem;
        const gbIndex = i - (slots - gbs.length);
        if (gbIndex < 0) {
          addUnit(me, `${stem}党支部`, 'branch', s.field, 'b');
          continue;
        }
        const plain = stem.replace(ORDINAL_END, '');
        if (plain !== stem && !ctx.used.has(plain)) {
          ctx.used.add(plain);
          stem = plain;
        }
        const gb = addUnit(me, `${stem}党总支`, 'general_branch', s.field, 'g');
        const childBase = ORDINAL_END.test(stem) ? `${stem}党总支` : stem;
        for (let j = 0; j < gbs[gbIndex]!; j++)
          addUnit(gb, `${ctx.numbered(childBase)}党支部`, 'branch', s.field, 'b');
        units[gb]!.endBranch = branches.length;
      }
      for (const sub of plan.subs) emit(sub, me);
      units[me]!.endBranch = branches.length;
    };
    for (const p of plans) emit(p, countyIndex);
    units[countyIndex]!.endBranch = branches.length;
  });
  root.endBranch = branches.length;
  return { units, branches, counties };
}

// ---------------------------------------------------------------------------------------------------------
// Members

const TYPES: readonly MemberType[] = ['leading_cadre', 'in_service', 'retired', 'mobile', 'rural_no_post'];
// Indexes into TYPES (2 is retired).
const LEADING = 0;
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

interface People {
  rows: MemberRow[];
  type: Uint8Array;
  rank: Uint8Array;
  branch: Int32Array;
  /** Members of branch b are [start[b], start[b + 1]). */
  start: Int32Array;
}

const LAST_JOIN_DAY = daysFromCivil(2026, 6, 30);

function buildMembers(spec: PresetSpec, tree: Tree, rng: Rng): People {
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

// ---------------------------------------------------------------------------------------------------------
// Relations

function buildRelations(spec: PresetSpec, tree: Tree, people: People, rng: Rng): Relations {
  const { units, branches, counties } = tree;
  const { rows, type, rank, branch } = people;
  const leaders = [...type.keys()].filter((i) => type[i] === LEADING);
  const countyBranches = counties.map(() => [] as number[]);
  branches.forEach((b, i) => countyBranches[b.county]!.push(i));

  const cadreAssignments: Relations['cadreAssignments'] = [];
  for (const i of leaders) {
    const own = branch[i]!;
    const c = branches[own]!.county;
    const done = new Set<string>();
    const assign = (unitCode: string, kind: 'liaison' | 'oversight') => {
      if (done.has(kind + unitCode)) return;
      done.add(kind + unitCode);
      cadreAssignments.push({ cadreIdNumber: rows[i]!.idNumber, unitCode, kind });
    };
    const myBranches = countyBranches[c]!;
    const myCommittees = counties[c]!.committees;
    for (let k = rng.int(1, 2); k > 0; k--) {
      const useCommittee = rng.chance(0.3) || myBranches.length < 2;
      const k0 = rng.int(0, myBranches.length - 1);
      const b = myBranches[k0] === own ? myBranches[(k0 + 1) % myBranches.length]! : myBranches[k0]!;
      assign(useCommittee ? units[rng.pick(myCommittees)]!.row.code : branches[b]!.code, 'liaison');
    }
    const oversee = rank[i]! >= 2 ? rng.int(1, 3) : rng.chance(0.15) ? 1 : 0;
    for (let k = 0; k < oversee; k++) assign(units[rng.pick(myCommittees)]!.row.code, 'oversight');
  }

  // Pairings: about 60% of branches, same county and field first, then same county.
  const targetPairs = round(branches.length * 0.3);
  const groups = new Map<string, number[]>();
  for (const b of rng.shuffle(branches.map((_, i) => i))) {
    const key = `${branches[b]!.county}|${branches[b]!.field}`;
    const g = groups.get(key);
    if (g) g.push(b);
    else groups.set(key, [b]);
  }
  const candidates: [number, number][] = [];
  for (const g of groups.values())
    for (let k = 0; k + 1 < g.length; k += 2) candidates.push([g[k]!, g[k + 1]!]);
  const chosen = rng.shuffle(candidates).slice(0, targetPairs);
  const isPaired = new Uint8Array(branches.length);
  for (const [a, b] of chosen) isPaired[a] = isPaired[b] = 1;
  for (const list of countyBranches) {
    const single = rng.shuffle(list.filter((b) => !isPaired[b]));
    for (let k = 0; k + 1 < single.length && chosen.length < targetPairs; k += 2)
      chosen.push([single[k]!, single[k + 1]!]);
  }
  const pairings = chosen.map(([a, b]): [string, string] => {
    const x = branches[a]!.code;
    const y = branches[b]!.code;
    return x < y ? [x, y] : [y, x];
  });

  // Inspection groups: leaders by rank, 2–4 members each; scope = counties, else big committees.
  const cadres = rng.shuffle([...leaders]).sort((a, b) => rank[b]! - rank[a]!);
  const leaderPool = cadres.slice(0, spec.inspectionGroups);
  const memberPool = rng.shuffle(cadres.slice(spec.inspectionGroups));
  const countyCodes = counties.map((c) => units[c.unit]!.row.code);
  const bigCommittees = counties
    .flatMap((c) => c.topCommittees)
    .sort(
      (a, b) => units[b]!.endBranch - units[b]!.firstBranch - (units[a]!.endBranch - units[a]!.firstBranch),
    );
  const scopes: string[][] = [];
  if (countyCodes.length >= 2) {
    const groupsForCounties = min(spec.inspectionGroups, countyCodes.length);
    const sizes = apportion(countyCodes.length, new Array<number>(groupsForCounties).fill(1), 1);
    let next = 0;
    for (const s of sizes) {
      scopes.push(countyCodes.slice(next, next + min(s, 3)));
      next += s;
    }
  }
  let nextCommittee = 0;
  while (scopes.length < spec.inspectionGroups) {
    const n = min(rng.int(1, 3), max(1, bigCommittees.length - nextCommittee));
    const scope: string[] = [];
    for (let k = 0; k < n; k++)
      scope.push(units[bigCommittees[nextCommittee++ % bigCommittees.length]!]!.row.code);
    scopes.push([...new Set(scope)]);
  }
  const inspectionGroups: Relations['inspectionGroups'] = [];
  for (let g = 0; g < spec.inspectionGroups; g++) {
    const leader = leaderPool[g];
    if (leader === undefined) break;
    const members = memberPool.splice(0, rng.int(2, 4));
    inspectionGroups.push({
      name: `${spec.name}创先争优活动第${names.chineseNumber(g + 1)}指导检查组`,
      leaderIdNumber: rows[leader]!.idNumber,
      memberIdNumbers: members.map((i) => rows[i]!.idNumber),
      scopeUnitCodes: scopes[g]!,
    });
  }
  return { cadreAssignments, pairings, inspectionGroups };
}

// ---------------------------------------------------------------------------------------------------------
// Dates (days since 1970-01-01, proleptic Gregorian; H. Hinnant's algorithms)

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = floor(y / 400);
  const yoe = y - era * 400;
  const doy = floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + floor(yoe / 4) - floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = floor((doe - floor(doe / 1460) + floor(doe / 36524) - floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100));
  const mp = floor((5 * doy + 2) / 153);
  const d = doy - floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const FIRST_DAY = daysFromCivil(1940, 1, 1);
const BIRTH_DAYS = daysFromCivil(2005, 1, 1) - FIRST_DAY;
const isoCache = new Array<string>(LAST_JOIN_DAY - FIRST_DAY + 1).fill('');
const compactCache = new Array<string>(LAST_JOIN_DAY - FIRST_DAY + 1).fill('');

/** YYYY-MM-DD; cached per day, so 167,000 members share some 30,000 date strings. */
function isoDate(days: number): string {
  const k = days - FIRST_DAY;
  if (isoCache[k] === '') {
    const [y, m, d] = civilFromDays(days);
    isoCache[k] = `${y}-${pad(m, 2)}-${pad(d, 2)}`;
    compactCache[k] = `${y}${pad(m, 2)}${pad(d, 2)}`;
  }
  return isoCache[k]!;
}

/** YYYYMMDD, as in an ID number. */
function compactDate(days: number): string {
  isoDate(days);
  return compactCache[days - FIRST_DAY]!;
}

function pad(n: number, width: number): string {
  return `${n}`.padStart(width, '0');
}
