// Relations: cadres' liaison and oversight units, branch pairings, inspection groups.
import type { DatasetRelations } from '@pingyi/org-service';
import * as names from './chinese-names';
import { type PresetSpec } from './presets';
import { LEADING, type People } from './members';
import { type Rng, apportion } from './random';
import { type Tree } from './tree-model';

// Local copies: global lookups are slow inside vm contexts such as jest's.
const { min, max, round } = Math;

export function buildRelations(spec: PresetSpec, tree: Tree, people: People, rng: Rng): DatasetRelations {
  const { units, branches, counties } = tree;
  const { rows, type, rank, branch } = people;
  const leaders = [...type.keys()].filter((i) => type[i] === LEADING);
  const countyBranches = counties.map(() => [] as number[]);
  branches.forEach((b, i) => countyBranches[b.county]!.push(i));

  const cadreAssignments: DatasetRelations['cadreAssignments'] = [];
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
  const inspectionGroups: DatasetRelations['inspectionGroups'] = [];
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
