import type { Pool, PoolClient } from 'pg';

/** The few things bulk code needs from a database connection (a pg client inside a transaction). */
export interface SqlClient {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export function pgClient(c: PoolClient | Pool): SqlClient {
  return {
    async query<T>(text: string, params?: unknown[]): Promise<T[]> {
      const r = await c.query(text, params);
      return r.rows as T[];
    },
  };
}

/** Runs `fn` in one transaction on a pooled connection. */
export async function inTransaction<T>(pool: Pool, fn: (sql: SqlClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await fn(pgClient(client));
    await client.query('commit');
    return result;
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
