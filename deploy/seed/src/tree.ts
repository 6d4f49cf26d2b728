// Builds the organisation tree of a preset.
import { type UnitField, type UnitLevel } from '@pingyi/contracts';
import { type PresetSpec } from './presets';
import { allocateBranches, fixedPlans, planCommittees } from './committees';
import { CountyNames } from './county-names';
import { pad } from './dates';
import { type Rng, apportion } from './random';
import { type BranchInfo, type CommitteePlan, KIND_FIELD, type Tree, type UnitNode } from './tree-model';

// Local copies: global lookups are slow inside vm contexts such as jest's.
const { floor, pow, min } = Math;

const ORDINAL_END = /第[一二三四五六七八九十]+$/;

export function buildTree(spec: PresetSpec, rng: Rng): Tree {
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
