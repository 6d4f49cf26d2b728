import type { MikroORM } from '@mikro-orm/postgresql';
import type { MemberRow, UnitRow } from '@pingyi/contracts';
import { emSql } from '../shared/em-sql';
import { hashIdNumber } from '../shared/id-number';
import { memberIdFromHash, unitId } from '../shared/ids';
import { applyMembers, planMembers } from './bulk/members';
import { applyUnits, planUnits, type ApplyCounts, type PlanError } from './bulk/units';
import type { SqlClient } from '../shared/sql';

export interface DatasetRelations {
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

/** A whole organisation to load at once (the seed's presets): one root unit, its subtree, members, relations. */
export interface OrgDataset {
  units: UnitRow[];
  members: MemberRow[];
  relations: DatasetRelations;
}

export interface LoadProgress {
  phase: 'units' | 'members' | 'relations';
  done: number;
  total: number;
}

export interface LoadResult {
  units: ApplyCounts;
  members: ApplyCounts;
  relations: number;
  rootCode: string;
}

/**
 * Loads a dataset through the same plan/apply code as the bulk import (so it is idempotent and writes its events to
 * the outbox). Units and members each commit in one transaction.
 */
export async function loadOrgDataset(
  orm: MikroORM,
  data: OrgDataset,
  o: { pepper: string; onProgress?: (p: LoadProgress) => void },
): Promise<LoadResult> {
  const progress = o.onProgress ?? (() => undefined);
  const root = data.units.find((u) => u.parentCode === null)!;
  const scope = { scopePath: root.code, pepper: o.pepper };

  /** Plans and applies one kind of row in its own transaction, as the bulk import does; a preset must plan clean. */
  const load = <V, P>(
    phase: 'units' | 'members',
    values: V[],
    plan: (
      sql: SqlClient,
      rows: { row: number; value: V }[],
      o: typeof scope,
    ) => Promise<{ errors: PlanError[]; planned: P[] }>,
    apply: (
      sql: SqlClient,
      planned: P[],
      onProgress: (done: number) => Promise<void>,
    ) => Promise<ApplyCounts>,
  ): Promise<ApplyCounts> => {
    const rows = values.map((value, i) => ({ row: i + 2, value }));
    return orm.em.fork().transactional(async (em) => {
      const planned = await plan(emSql(em), rows, scope);
      if (planned.errors.length)
        throw new Error(`preset ${phase} invalid: ${JSON.stringify(planned.errors.slice(0, 5))}`);
      return apply(emSql(em), planned.planned, async (done) => progress({ phase, done, total: rows.length }));
    });
  };
  const units = await load('units', data.units, planUnits, applyUnits);
  const members = await load('members', data.members, planMembers, applyMembers);

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

  return { units, members, relations, rootCode: root.code };
}
