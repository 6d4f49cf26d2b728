import {
  UnitCreated,
  UnitLevelLabel,
  UnitMoved,
  UnitUpdated,
  type UnitField,
  type UnitLevel,
  type UnitRow,
} from '@pingyi/contracts';
import { levelAllowed } from '../../shared/level-rules';
import { hashIdNumber } from '../../shared/id-number';
import { inScope, scopeOf, subtreeSql } from '../../scope/scope';
import { unitId } from '../../shared/ids';
import { moveSubtree } from '../../shared/move-subtree';
import { OutboxBatch } from '../../shared/outbox-sql';
import { chunks, type SqlClient } from '../../shared/sql';

export interface PlanError {
  row: number;
  column?: string;
  message: string;
}

export interface UnitState {
  id: string;
  code: string;
  name: string;
  level: UnitLevel;
  field: UnitField;
  parent_id: string | null;
  path: string;
  secretary_id: string | null;
  status: 'active' | 'closed';
}

export interface PlannedUnit {
  row: number;
  value: UnitRow;
  id: string;
  parentId: string | null;
  path: string;
  secretaryId: string | null;
  existing: UnitState | undefined;
}

/**
 * The one refusal of a unit row's 书记身份证号, whatever the cause — no active member with that number, a member
 * outside the importer's scope, or one outside the unit's own subtree — so an import (or a dry run) never tells
 * whether an ID number belongs to a member anywhere else.
 */
export const SECRETARY_REJECTED =
  '书记身份证号无效：书记须是本组织（含下级组织）在您管理范围内的在册党员；新设组织的书记请在党员表“任书记组织编码”中填写';

const UNIT_COLUMNS = 'id, code, name, level, field, parent_id, path::text as path, secretary_id, status';

export async function loadUnitsByCode(sql: SqlClient, codes: string[]): Promise<Map<string, UnitState>> {
  const out = new Map<string, UnitState>();
  for (const part of chunks([...new Set(codes)], 20_000)) {
    const rows = await sql.query<UnitState>(
      `select ${UNIT_COLUMNS} from org.unit where code = any($1::text[])`,
      [part],
    );
    for (const r of rows) out.set(r.code, r);
  }
  return out;
}

/**
 * Checks unit rows against each other and the database (parents, levels, cycles, scope, secretaries) and
 * orders them parents first. Nothing is written.
 */
export async function planUnits(
  sql: SqlClient,
  rows: { row: number; value: UnitRow }[],
  o: { scopePath: string; pepper: string },
): Promise<{ errors: PlanError[]; planned: PlannedUnit[] }> {
  const errors: PlanError[] = [];
  const byCode = new Map(rows.map((r) => [r.value.code, r]));
  const existing = await loadUnitsByCode(sql, [
    ...rows.map((r) => r.value.code),
    ...rows.flatMap((r) => (r.value.parentCode ? [r.value.parentCode] : [])),
  ]);
  const secretaryHashes = [
    ...new Set(
      rows.flatMap((r) =>
        r.value.secretaryIdNumber ? [hashIdNumber(r.value.secretaryIdNumber, o.pepper)] : [],
      ),
    ),
  ];
  // Secretaries are looked up only inside the importer's scope: members elsewhere are never read.
  const secretaries = new Map<string, { id: string; branchPath: string }>();
  if (secretaryHashes.length > 0) {
    const found = await sql.query<{ id: string; id_number_hash: string; branch_path: string }>(
      `select id, id_number_hash, branch_path::text as branch_path from org.member
       where id_number_hash = any($1::text[]) and status = 'active' and ${subtreeSql('branch_path', 2)}`,
      [secretaryHashes, o.scopePath],
    );
    for (const f of found) secretaries.set(f.id_number_hash, { id: f.id, branchPath: f.branch_path });
  }
  const scope = scopeOf(o.scopePath);
  const childCounts = new Map<string, number>();
  const existingIds = [...existing.values()].map((u) => u.id);
  if (existingIds.length > 0) {
    const counts = await sql.query<{ parent_id: string; n: number }>(
      `select parent_id, count(*)::int as n from org.unit where parent_id = any($1::uuid[]) group by parent_id`,
      [existingIds],
    );
    for (const c of counts) childCounts.set(c.parent_id, c.n);
  }

  const planned = new Map<string, PlannedUnit>();
  const visiting = new Set<string>();
  const failed = new Set<string>();

  const resolve = (code: string): PlannedUnit | undefined => {
    const done = planned.get(code);
    if (done) return done;
    if (failed.has(code)) return undefined;
    const r = byCode.get(code)!;
    const v = r.value;
    const fail = (column: string, message: string): undefined => {
      errors.push({ row: r.row, column, message });
      failed.add(code);
      return undefined;
    };
    if (visiting.has(code)) return fail('上级组织编码', `组织“${code}”的上级关系形成循环`);
    visiting.add(code);
    try {
      let parent: { id: string; path: string; level: UnitLevel; status: string } | undefined;
      if (v.parentCode) {
        if (byCode.has(v.parentCode)) {
          const p = resolve(v.parentCode);
          if (!p) return fail('上级组织编码', `上级组织“${v.parentCode}”本身有错误，请先改正该行`);
          parent = { id: p.id, path: p.path, level: p.value.level, status: 'active' };
        } else {
          const p = existing.get(v.parentCode);
          if (!p) return fail('上级组织编码', `上级组织“${v.parentCode}”不存在（文件和系统中均未找到）`);
          parent = p;
        }
        if (parent.status === 'closed') return fail('上级组织编码', `上级组织“${v.parentCode}”已撤销`);
      }
      if (!levelAllowed(v.level, parent?.level ?? null)) {
        return fail(
          '组织层级',
          parent
            ? `${UnitLevelLabel[v.level]}不能设在${UnitLevelLabel[parent.level]}之下`
            : `${UnitLevelLabel[v.level]}必须填写上级组织编码`,
        );
      }
      const path = parent ? `${parent.path}.${v.code}` : v.code;
      const old = existing.get(v.code);
      if (old) {
        if (!inScope(scope, old.path)) return fail('组织编码', `组织“${v.code}”不在您的管理范围内`);
        if (old.status === 'closed') return fail('组织编码', `组织“${v.code}”已撤销，不能再导入`);
        if (old.path !== path && inScope(scopeOf(old.path), path)) {
          return fail('上级组织编码', '不能把组织移到它自己的下级组织之下');
        }
        if (old.level !== v.level && (childCounts.get(old.id) ?? 0) > 0) {
          return fail('组织层级', '已有下级组织的单位不能更改组织层级');
        }
      }
      if (!inScope(scope, path)) return fail('上级组织编码', `组织“${v.code}”不在您的管理范围内`);
      let secretaryId: string | null = null;
      if (v.secretaryIdNumber) {
        // A unit's secretary is a member of that organisation (DOMAIN.md): their branch lies in the unit's
        // subtree — as it is now, or where the file puts it (a moved unit takes its members along).
        const s = secretaries.get(hashIdNumber(v.secretaryIdNumber, o.pepper));
        const member =
          s && (inScope(scopeOf(path), s.branchPath) || (old && inScope(scopeOf(old.path), s.branchPath)));
        if (!s || !member) return fail('书记身份证号', SECRETARY_REJECTED);
        secretaryId = s.id;
      }
      const p: PlannedUnit = {
        row: r.row,
        value: v,
        id: unitId(v.code),
        parentId: parent?.id ?? null,
        path,
        secretaryId,
        existing: old,
      };
      planned.set(code, p);
      return p;
    } finally {
      visiting.delete(code);
    }
  };
  for (const r of rows) resolve(r.value.code);
  const ordered = [...planned.values()].sort((a, b) => a.path.split('.').length - b.path.split('.').length);
  return { errors: errors.sort((a, b) => a.row - b.row), planned: ordered };
}

interface UpsertedUnit {
  id: string;
  inserted: boolean;
}

export interface ApplyCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  events: number;
}

/**
 * The rows of a chunk the upsert wrote, each with whether it was inserted (else updated), counted into `counts`; a row
 * the upsert left alone (nothing differed) is counted unchanged and not returned.
 */
export function writtenRows<P extends { id: string }>(
  part: P[],
  upserted: { id: string; inserted: boolean }[],
  counts: ApplyCounts,
): { p: P; inserted: boolean }[] {
  const changed = new Map(upserted.map((u) => [u.id, u.inserted]));
  const written: { p: P; inserted: boolean }[] = [];
  for (const p of part) {
    const inserted = changed.get(p.id);
    if (inserted === undefined) counts.unchanged++;
    else {
      if (inserted) counts.inserted++;
      else counts.updated++;
      written.push({ p, inserted });
    }
  }
  return written;
}

/** Writes planned units (parents first) with their events, in the caller's transaction. */
export async function applyUnits(
  sql: SqlClient,
  planned: PlannedUnit[],
  onProgress: (done: number) => Promise<void> = async () => undefined,
): Promise<ApplyCounts> {
  const counts: ApplyCounts = { inserted: 0, updated: 0, unchanged: 0, events: 0 };
  const outbox = new OutboxBatch();
  let done = 0;
  // Depth layers keep parents ahead of children; each layer is written in chunks.
  for (const part of chunks(planned, 2000)) {
    const upserted = await sql.query<UpsertedUnit>(
      `with input as (
         select * from jsonb_to_recordset($1::jsonb)
           as t(id uuid, code text, name text, level text, field text, parent_id uuid, path text, secretary_id uuid)
       )
       insert into org.unit as u (id, code, name, level, field, parent_id, path, secretary_id)
       select id, code, name, level, field, parent_id, path::public.ltree, secretary_id from input
       on conflict (id) do update set
         name = excluded.name, level = excluded.level, field = excluded.field, parent_id = excluded.parent_id,
         path = excluded.path, secretary_id = coalesce(excluded.secretary_id, u.secretary_id),
         updated_at = now(), version = u.version + 1
       where (u.name, u.level, u.field, u.parent_id, u.path, u.secretary_id)
         is distinct from (excluded.name, excluded.level, excluded.field, excluded.parent_id, excluded.path,
                           coalesce(excluded.secretary_id, u.secretary_id))
       returning u.id, (xmax = 0) as inserted`,
      [
        JSON.stringify(
          part.map((p) => ({
            id: p.id,
            code: p.value.code,
            name: p.value.name,
            level: p.value.level,
            field: p.value.field,
            parent_id: p.parentId,
            path: p.path,
            secretary_id: p.secretaryId,
          })),
        ),
      ],
    );
    for (const { p, inserted } of writtenRows(part, upserted, counts)) {
      const snapshot = {
        unitId: p.id,
        code: p.value.code,
        name: p.value.name,
        level: p.value.level,
        field: p.value.field,
        parentId: p.parentId,
        path: p.path,
        secretaryId: p.secretaryId ?? p.existing?.secretary_id ?? null,
      };
      if (inserted) {
        outbox.add(UnitCreated, p.id, p.path, snapshot);
        continue;
      }
      const old = p.existing!;
      if (old.path !== p.path) {
        const moved = await moveSubtree(sql, p.id, old.path, p.path);
        outbox.add(UnitMoved, p.id, p.path, {
          ...snapshot,
          fromParentId: old.parent_id,
          fromPath: old.path,
          movedUnits: moved,
        });
      } else {
        const changedFields: string[] = (['name', 'level', 'field'] as const).filter(
          (k) => old[k] !== p.value[k],
        );
        if (p.secretaryId && p.secretaryId !== old.secretary_id) changedFields.push('secretaryId');
        outbox.add(UnitUpdated, p.id, p.path, { ...snapshot, changed: changedFields });
      }
    }
    done += part.length;
    await onProgress(done);
  }
  counts.events = await outbox.flush(sql, 'org');
  return counts;
}
