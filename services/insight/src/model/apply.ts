import {
  LifecycleEventType,
  UnitClosed,
  UnitCreated,
  UnitMoved,
  UnitUpdated,
  type EventEnvelope,
} from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';
import { applyPerfunctory } from '../perfunctory/apply-perfunctory';
import { applyLifecycle } from './apply-commitment';

const UNIT_EVENTS = new Set<string>([UnitCreated.type, UnitUpdated.type, UnitMoved.type, UnitClosed.type]);
const LIFECYCLE = new Set<string>(LifecycleEventType.options);

/** Whether the read models use events of this type (others, such as member and audit events, are passed by). */
export const isApplied = (type: string): boolean => UNIT_EVENTS.has(type) || LIFECYCLE.has(type);

/**
 * Applies one event to the read models in schema `S`, once: the inbox row (`applied_event`, keyed by the event id)
 * and the change are written by the caller's one transaction, so a redelivered event changes nothing and a failed
 * one leaves no row. Returns false when the event had already been applied or is not used.
 */
export async function applyEvent(sql: SqlClient, S: string, e: EventEnvelope): Promise<boolean> {
  if (!isApplied(e.type)) return false;
  const fresh = await sql.query(
    `insert into ${S}.applied_event (event_id, occurred_at) values ($1, $2) on conflict do nothing
     returning event_id`,
    [e.eventId, e.occurredAt],
  );
  if (fresh.length === 0) return false;
  if (UNIT_EVENTS.has(e.type)) await applyUnit(sql, S, e);
  else {
    await applyLifecycle(sql, S, e);
    await applyPerfunctory(sql, S, e);
  }
  await sql.query(
    `update ${S}.watermark set events = events + 1, applied_at = now(),
        last_event_at = greatest(coalesce(last_event_at, $1), $1) where id = 1`,
    [e.occurredAt],
  );
  return true;
}

/** Units, for names and for the units under a node (ranking): created, renamed, moved (with their subtree), closed. */
async function applyUnit(sql: SqlClient, S: string, e: EventEnvelope): Promise<void> {
  if (e.type === UnitMoved.type) {
    const p = UnitMoved.payload.parse(e.payload);
    await sql.query(
      `update ${S}.unit set path = $2 || substr(path, length($1) + 1)
        where path = $1 or starts_with(path, $1 || '.')`,
      [p.fromPath, p.path],
    );
  }
  const p = UnitCreated.payload.parse(e.payload);
  await sql.query(
    `insert into ${S}.unit (id, path, name, level, closed) values ($1, $2, $3, $4, $5)
     on conflict (id) do update set path = $2, name = $3, level = $4, closed = $5`,
    [p.unitId, p.path, p.name, p.level, e.type === UnitClosed.type],
  );
}
