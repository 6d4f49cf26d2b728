// Committee plans of a county: which committees, their kinds, names and branch counts.
import { type UnitField } from '@pingyi/contracts';
import * as names from './chinese-names';
import { type FixedCommittee, type LandmarkSpec } from './presets';
import { CountyNames } from './county-names';
import { type Rng, WeightedTable, apportion } from './random';
import {
  type AgencyEntry,
  type CommitteeKind,
  type CommitteePlan,
  KIND_WEIGHT,
  type Slot,
} from './tree-model';

// Local copies: global lookups are slow inside vm contexts such as jest's.
const { floor, min, max } = Math;

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
  /** A landmark (a group, a university): its own direct branches, and a committee of `subKind` per sub-unit. */
  const landmarkPlan = (subKind: CommitteeKind, direct: readonly string[], field: UnitField) => {
    const lm = opts.landmark!;
    const subs = lm.subs.slice(0, opts.subCount ?? lm.subs.length);
    const subPlans = subs.map((s) => makePlan(subKind, ctx, { landmark: lm, sub: s }));
    return plan(`${lm.name}党委`, lm.name, listSlot(lm.short, direct, field), subPlans);
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
      const direct = ['机关第一', '机关第二', '机关第三', '离退休职工第一', '离退休职工第二', '后勤服务'];
      return landmarkPlan('soe_plant', direct, 'soe');
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
      const direct = ['机关第一', '机关第二', '机关第三', '图书馆', '后勤服务', '离退休'];
      return landmarkPlan('college', direct, 'higher_education');
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
export function planCommittees(ctx: CountyNames, budget: number): CommitteePlan[] {
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

export function fixedPlans(ctx: CountyNames, fixed: readonly FixedCommittee[]): CommitteePlan[] {
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
export function allocateBranches(
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
