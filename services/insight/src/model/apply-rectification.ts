import type { LifecycleEventType } from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';
import { insertMany, updateMany, type Item } from './batch-sql';

/** Whether the event is about a rectification or an accountability record. */
export const isRectification = (type: string): boolean =>
  type.startsWith('rectification.') || type === 'accountability.cause_filled';

const rid = (it: Item) => it.p.rectificationId;
const item = (it: Item) => (it.d['item'] ?? {}) as Record<string, unknown>;

/** `update rectification_fact` for a wave's events of one type, by rectification id (`r.v` as `type`). */
const setRect =
  (assignments: string, type = 'text', value: (it: Item) => unknown = () => null) =>
  (sql: SqlClient, S: string, items: Item[]) =>
    updateMany(
      sql,
      S,
      'rectification_fact',
      `id text, at timestamptz, v ${type}, deadline timestamptz`,
      assignments,
      items
        .filter((it) => rid(it))
        .map((it) => ({ id: rid(it), at: it.at, v: value(it), deadline: it.d['deadline'] ?? null })),
    );

const RECTIFICATION_STEPS: Partial<
  Record<LifecycleEventType, (sql: SqlClient, S: string, items: Item[]) => Promise<unknown>>
> = {
  'rectification.opened': (sql, S, items) =>
    insertMany(
      sql,
      S,
      'rectification_fact',
      `id text, commitment_id uuid, source text, target text, listed boolean, status text, escalation_level int,
       deadline timestamptz, round int, opened_at timestamptz, updated_at timestamptz, measures text, owner_id text`,
      items.map((it) => ({
        id: rid(it),
        commitment_id: it.cid,
        source: it.d['source'],
        target: item(it)['target'],
        listed: item(it)['listed'] === true,
        status: 'open',
        escalation_level: 0,
        deadline: it.d['deadline'],
        round: 1,
        opened_at: it.at,
        updated_at: it.at,
        measures: item(it)['measures'],
        owner_id: item(it)['ownerId'],
      })),
    ),
  'rectification.escalated': (sql, S, items) =>
    insertMany(
      sql,
      S,
      'accountability_fact',
      'id uuid, rectification_id text, commitment_id uuid, level int, unit_name text, created_at timestamptz',
      items.map((it) => ({
        id: it.e.eventId,
        rectification_id: rid(it),
        commitment_id: it.cid,
        level: it.d['level'],
        unit_name: it.d['unitName'],
        created_at: it.at,
      })),
    ),
  'accountability.cause_filled': (sql, S, items) =>
    sql.query(`update ${S}.accountability_fact set cause_filled = true where id = any($1::uuid[])`, [
      items.map((it) => it.d['accountabilityId']),
    ]),
  'rectification.completed': setRect('result = r.v', 'text', (it) => it.d['note']),
  'rectification.struck_off': setRect('struck_off_at = r.at'),
  'rectification.reopened': setRect(
    'round = r.v, deadline = r.deadline, struck_off_at = null',
    'int',
    (it) => it.d['round'],
  ),
  'rectification.settled': setRect('settled_at = r.at'),
};

/**
 * Rectifications (整改) and accountability (问责) of a wave (one event per commitment): each fact carries the
 * rectification's status and escalation level after it; opening, reopening, striking off and settling set the dates
 * and round the figures count.
 */
export async function applyRectifications(sql: SqlClient, S: string, items: Item[]): Promise<void> {
  const byType = new Map<LifecycleEventType, Item[]>();
  for (const it of items) byType.set(it.type, [...(byType.get(it.type) ?? []), it]);
  for (const [type, of] of byType) await RECTIFICATION_STEPS[type]?.(sql, S, of);
  await updateMany(
    sql,
    S,
    'rectification_fact',
    'id text, status text, level int, at timestamptz',
    'status = r.status, escalation_level = coalesce(r.level, x.escalation_level), updated_at = r.at',
    items
      .filter((it) => rid(it) && typeof it.d['status'] === 'string')
      .map((it) => ({
        id: rid(it),
        status: it.d['status'],
        level: typeof it.d['level'] === 'number' ? it.d['level'] : null,
        at: it.at,
      })),
  );
}
