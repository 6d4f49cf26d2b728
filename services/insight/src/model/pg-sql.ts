import type { Pool, PoolClient } from 'pg';
import type { SqlClient } from '@pingyi/persistence';
import { SWAP_LOCK } from './swap';

/** A pg connection as the appliers' SqlClient (parameters as node-pg takes them: arrays as arrays). */
export const sqlOf = (db: PoolClient): SqlClient => ({
  query: async <T>(text: string, params: unknown[] = []) => (await db.query(text, params)).rows as T[],
});

/**
 * Runs `fn` in one transaction on a connection of `pool` that holds the swap lock shared (a rebuild takes it
 * exclusively while it swaps its tables in). A connection that broke is discarded, not given back to the pool.
 */
export async function inSwapTransaction<T>(pool: Pool, fn: (sql: SqlClient) => Promise<T>): Promise<T> {
  const db = await pool.connect();
  let broken: Error | undefined;
  const onError = (e: Error) => (broken = e);
  db.on('error', onError);
  try {
    await db.query('begin');
    try {
      await db.query(`select pg_advisory_xact_lock_shared(hashtext($1))`, [SWAP_LOCK]);
      const out = await fn(sqlOf(db));
      await db.query('commit');
      return out;
    } catch (e) {
      await db.query('rollback').catch((r: Error) => (broken ??= r));
      throw e;
    }
  } finally {
    db.off('error', onError);
    db.release(broken);
  }
}
