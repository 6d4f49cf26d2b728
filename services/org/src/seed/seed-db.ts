import type { MikroORM } from '@mikro-orm/postgresql';
import { emSql } from '../bulk/em-sql';
import { applyMembers, memberIdFromHash, planMembers } from '../bulk/members';
import { applyUnits, planUnits, unitId } from '../bulk/units';
import { hashIdNumber } from '../org/id-number';
import { generatePreset, type PresetName } from './generator';

export interface SeedProgress {
  phase: 'generate' | 'units' | 'members' | 'relations';
  done: number;
  total: number;
}

export interface SeedResult {
  preset: PresetName;
  units: { inserted: number; updated: number; unchanged: number };
  members: { inserted: number; updated: number; unchanged: number };
  relations: number;
  rootCode: string;
  ms: number;
}

/**
 * Loads a generated preset through the same plan/apply code as the bulk import (so it is idempotent and
 * writes its events to the outbox). Units and members each commit in one transaction.
 */
export async function seedPreset(
  orm: MikroORM,
  o: { preset: PresetName; seed?: number; pepper: string; onProgress?: (p: SeedProgress) => void },
): Promise<SeedResult> {
  const started = Date.now();
  const progress = o.onProgress ?? (() => undefined);
  progress({ phase: 'generate', done: 0, total: 1 });
  const data = generatePreset(o.preset, o.seed);
  progress({ phase: 'generate', done: 1, total: 1 });
  const root = data.units.find((u) => u.parentCode === null)!;
  const scope = { scopePath: root.code, pepper: o.pepper };

  const unitRows = data.units.map((value, i) => ({ row: i + 2, value }));
  const units = await orm.em.fork().transactional(async (em) => {
    const plan = await planUnits(emSql(em), unitRows, scope);
    if (plan.errors.length)
      throw new Error(`preset units invalid: ${JSON.stringify(plan.errors.slice(0, 5))}`);
    return applyUnits(emSql(em), plan.planned, async (done) =>
      progress({ phase: 'units', done, total: unitRows.length }),
    );
  });

  const memberRows = data.members.map((value, i) => ({ row: i + 2, value }));
  const members = await orm.em.fork().transactional(async (em) => {
    const plan = await planMembers(emSql(em), memberRows, scope);
    if (plan.errors.length)
      throw new Error(`preset members invalid: ${JSON.stringify(plan.errors.slice(0, 5))}`);
    return applyMembers(emSql(em), plan.planned, async (done) =>
      progress({ phase: 'members', done, total: memberRows.length }),
    );
  });

  const memberId = (idNumber: string) => memberIdFromHash(hashIdNumber(idNumber, o.pepper));
  const r = data.relations;
  const relations = await orm.em.fork().transactional(async (em) => {
    const sql = emSql(em);
    const a = await sql.query<{ n: number }>(
      `with ins as (insert into org.cadre_assignment (cadre_id, unit_id, kind)
         select * from unnest($1::uuid[], $2::uuid[], $3::text[]) on conflict do nothing returning 1)
       select count(*)::int as n from ins`,
      [
        r.cadreAssignments.map((c) => memberId(c.cadreIdNumber)),
        r.cadreAssignments.map((c) => unitId(c.unitCode)),
        r.cadreAssignments.map((c) => c.kind),
      ],
    );
    const pairs = r.pairings.map(([x, y]) => [unitId(x), unitId(y)].sort() as [string, string]);
    const p = await sql.query<{ n: number }>(
      `with ins as (insert into org.branch_pairing (unit_a, unit_b)
         select * from unnest($1::uuid[], $2::uuid[]) on conflict do nothing returning 1)
       select count(*)::int as n from ins`,
      [pairs.map((x) => x[0]), pairs.map((x) => x[1])],
    );
    let groups = 0;
    for (const [i, g] of r.inspectionGroups.entries()) {
      const inserted = await sql.query(
        `insert into org.inspection_group (id, name, leader_id, member_ids, scope_unit_ids, owner_path)
         values ($1, $2, $3, $4::uuid[], $5::uuid[], $6::public.ltree) on conflict (id) do nothing returning 1`,
        [
          unitId(`inspection-group:${root.code}:${i}`),
          g.name,
          memberId(g.leaderIdNumber),
          g.memberIdNumbers.map(memberId),
          g.scopeUnitCodes.map(unitId),
          root.code,
        ],
      );
      groups += inserted.length;
    }
    progress({ phase: 'relations', done: 1, total: 1 });
    return (a[0]?.n ?? 0) + (p[0]?.n ?? 0) + groups;
  });

  return {
    preset: o.preset,
    units: { inserted: units.inserted, updated: units.updated, unchanged: units.unchanged },
    members: { inserted: members.inserted, updated: members.updated, unchanged: members.unchanged },
    relations,
    rootCode: root.code,
    ms: Date.now() - started,
  };
}
