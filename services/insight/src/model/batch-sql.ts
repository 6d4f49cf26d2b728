import type { EventEnvelope, LifecyclePayload, LifecycleEventType } from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';

/** A lifecycle event of a batch, parsed once: its payload, its type's `data`, its commitment and its time. */
export interface Item {
  e: EventEnvelope;
  p: LifecyclePayload;
  type: LifecycleEventType;
  d: Record<string, unknown>;
  cid: string | null;
  at: string;
}

/** A set-based step: the wave's events of one type (one per commitment), applied with a few multi-row statements. */
export type BatchStep = (sql: SqlClient, S: string, items: Item[]) => Promise<unknown>;

export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Rows as one `jsonb` parameter, for `jsonb_to_recordset($n::jsonb) as r(...)`. */
export const rowsOf = (rows: object[]): string => JSON.stringify(rows);

/**
 * `update <S>.<table> x set <assignments> from jsonb_to_recordset(rows) as r(<columns>) where x.id = r.id`: one
 * statement for many rows (`columns` declares `id` and the values the assignments use, as `r.<name>`).
 */
export const updateMany = (
  sql: SqlClient,
  S: string,
  table: string,
  columns: string,
  assignments: string,
  rows: object[],
) =>
  rows.length === 0
    ? Promise.resolve([])
    : sql.query(
        `update ${S}.${table} x set ${assignments}
           from jsonb_to_recordset($1::jsonb) as r(${columns}) where x.id = r.id`,
        [rowsOf(rows)],
      );

/** `insert into <S>.<table> (<names>) select <names> from jsonb_to_recordset(rows) as r(<columns>)`. */
export const insertMany = (
  sql: SqlClient,
  S: string,
  table: string,
  columns: string,
  rows: object[],
  onConflict = 'on conflict do nothing',
) => {
  if (rows.length === 0) return Promise.resolve([]);
  const names = columns
    .split(',')
    .map((c) => c.trim().split(/\s+/)[0])
    .join(', ');
  return sql.query(
    `insert into ${S}.${table} (${names})
     select ${names} from jsonb_to_recordset($1::jsonb) as r(${columns}) ${onConflict}`,
    [rowsOf(rows)],
  );
};
