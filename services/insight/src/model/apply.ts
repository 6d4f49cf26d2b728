import {
  LifecycleEventType,
  UnitClosed,
  UnitCreated,
  UnitMoved,
  UnitUpdated,
  type EventEnvelope,
} from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';
import { applyLifecycleBatch } from './apply-commitment';

const UNIT_EVENTS = new Set<string>([UnitCreated.type, UnitUpdated.type, UnitMoved.type, UnitClosed.type]);
const LIFECYCLE = new Set<string>(LifecycleEventType.options);

/** Whether the read models use events of this type (others, such as member and audit events, are passed by). */
export const isApplied = (type: string): boolean => UNIT_EVENTS.has(type) || LIFECYCLE.has(type);

/**
 * Applies events to the read models in schema `S`, each once, in the caller's one transaction: the inbox rows
 * (`applied_event`, keyed by the event id) in one statement, then every event whose row was new, in the given order
 * (an id given twice is applied once; lifecycle events set-based per batch, each commitment's in order), then the
 * watermark. A redelivered event changes nothing, and a failed
 * transaction leaves neither rows nor changes. Returns how many events were applied.
 */
export async function applyEvents(sql: SqlClient, S: string, events: EventEnvelope[]): Promise<number> {
  const used = events.filter((e) => isApplied(e.type));
  if (used.length === 0) return 0;
  const inserted = await sql.query<{ event_id: string }>(
    `insert into ${S}.applied_event (event_id, occurred_at)
     select * from unnest($1::uuid[], $2::timestamptz[]) on conflict do nothing returning event_id`,
    [used.map((e) => e.eventId), used.map((e) => e.occurredAt)],
  );
  const fresh = new Set(inserted.map((r) => r.event_id.toLowerCase()));
  // Each id once (the first time it is given), in the given order.
  const todo = used.filter((e) => fresh.delete(e.eventId.toLowerCase()));
  // Runs of unit events one by one (a move rewrites a subtree); runs of lifecycle events set-based (apply-commitment).
  for (let i = 0; i < todo.length;) {
    const unit = UNIT_EVENTS.has(todo[i]!.type);
    let j = i;
    while (j < todo.length && UNIT_EVENTS.has(todo[j]!.type) === unit) j += 1;
    const run = todo.slice(i, j);
    if (unit) for (const e of run) await applyUnit(sql, S, e);
    else await applyLifecycleBatch(sql, S, run);
    i = j;
  }
  let last: string | undefined;
  for (const e of todo) if (!last || Date.parse(e.occurredAt) > Date.parse(last)) last = e.occurredAt;
  const applied = todo.length;
  if (applied > 0)
    await sql.query(
      `update ${S}.watermark set events = events + $1, applied_at = now(),
          last_event_at = greatest(coalesce(last_event_at, $2), $2) where id = 1`,
      [applied, last],
    );
  return applied;
}

/** One event (see applyEvents). Returns false when it had already been applied or is not used. */
export async function applyEvent(sql: SqlClient, S: string, e: EventEnvelope): Promise<boolean> {
  return (await applyEvents(sql, S, [e])) > 0;
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
