import type { PoolClient } from 'pg';
import { READ_MODEL_TABLES, SCHEMA } from './ddl';

/** Taken shared by every live apply (per transaction), exclusively while a rebuild swaps its tables in. */
export const SWAP_LOCK = 'pingyi-insight-swap';
/** Where a rebuild replays the topics. */
export const REBUILD_SCHEMA = 'insight_rebuild';

/** Tables the apply updates row by row: room left in each page for their updates (heap-only tuples). */
export const FILLFACTOR: Record<string, number> = { commitment_fact: 70, rectification_fact: 80 };

/** Fresh, empty tables shaped exactly as the live ones (whatever migrations they have had). */
export async function createRebuildTables(db: PoolClient): Promise<void> {
  await db.query(`drop schema if exists ${REBUILD_SCHEMA} cascade`);
  await db.query(`create schema ${REBUILD_SCHEMA}`);
  for (const t of READ_MODEL_TABLES)
    await db.query(`create table ${REBUILD_SCHEMA}.${t} (like ${SCHEMA}.${t} including all)`);
  for (const [t, percent] of Object.entries(FILLFACTOR))
    await db.query(`alter table ${REBUILD_SCHEMA}.${t} set (fillfactor = ${percent})`);
  await db.query(`insert into ${REBUILD_SCHEMA}.watermark (id, events) values (1, 0)`);
}

/**
 * Puts the rebuilt rows in place of the live ones, in one transaction on `db`, which must hold the swap lock (live
 * applies wait meanwhile; the rebuilt inbox then skips what the rebuild already applied). The copy, not a rename, keeps
 * the live tables' identity (migrations, grants); at Baotou size it takes seconds.
 */
export async function swapIn(db: PoolClient): Promise<void> {
  await db.query('begin');
  try {
    await db.query(`truncate ${READ_MODEL_TABLES.map((t) => `${SCHEMA}.${t}`).join(', ')}`);
    for (const t of READ_MODEL_TABLES)
      await db.query(`insert into ${SCHEMA}.${t} select * from ${REBUILD_SCHEMA}.${t}`);
    await db.query('commit');
  } catch (e) {
    await db.query('rollback');
    throw e;
  }
  await db.query(`drop schema ${REBUILD_SCHEMA} cascade`);
}
