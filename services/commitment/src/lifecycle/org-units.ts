import {
  UnitClosed,
  UnitCreated,
  UnitMoved,
  UnitUpdated,
  type EventEnvelope,
  type SubjectRef,
} from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';

/**
 * The organisation units as users name them (`commitment.org_unit`), kept from the org service's unit events so that
 * reports and notices name every level by its Chinese name, never by its code. Written in the transaction of the
 * event's inbox row (once per event).
 */
export function unitNamesChange(e: EventEnvelope): ((sql: SqlClient) => Promise<void>) | null {
  switch (e.type) {
    case UnitCreated.type:
    case UnitUpdated.type:
      return (sql) => upsertUnit(sql, UnitCreated.payload.parse(e.payload), 'active');
    case UnitClosed.type:
      return (sql) => upsertUnit(sql, UnitClosed.payload.parse(e.payload), 'closed');
    case UnitMoved.type: {
      const p = UnitMoved.payload.parse(e.payload);
      return async (sql) => {
        // The unit's subtree moves with it.
        await sql.query(
          `update commitment.org_unit set path = $2 || substr(path, length($1) + 1), updated_at = now()
            where starts_with(path, $1 || '.')`,
          [p.fromPath, p.path],
        );
        await upsertUnit(sql, p, 'active');
      };
    }
    default:
      return null;
  }
}

async function upsertUnit(
  sql: SqlClient,
  u: { unitId: string; code: string; name: string; level: string; path: string },
  status: 'active' | 'closed',
): Promise<void> {
  await sql.query(
    `insert into commitment.org_unit (unit_id, code, name, level, path, status, updated_at)
     values ($1, $2, $3, $4, $5, $6, now())
     on conflict (unit_id) do update
       set code = excluded.code, name = excluded.name, level = excluded.level, path = excluded.path,
           status = excluded.status, updated_at = now()`,
    [u.unitId, u.code, u.name, u.level, u.path, status],
  );
}

/**
 * Units a campaign opened commitments for (from the org service's `listSubjects`) are remembered too, so a campaign
 * launched over a tree created before this service listened still has its names. Never overwrites a newer event.
 */
export async function rememberSubjectUnits(sql: SqlClient, subjects: SubjectRef[]): Promise<void> {
  const units = subjects.filter((s) => s.kind === 'unit' && s.unitLevel);
  if (units.length === 0) return;
  await sql.query(
    `insert into commitment.org_unit (unit_id, code, name, level, path)
     select u.id::uuid, split_part(u.path, '.', array_length(string_to_array(u.path, '.'), 1)), u.name, u.level, u.path
       from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as u(id, name, level, path)
     on conflict (unit_id) do nothing`,
    [
      units.map((u) => u.id),
      units.map((u) => u.name),
      units.map((u) => u.unitLevel),
      units.map((u) => u.orgPath),
    ],
  );
}
