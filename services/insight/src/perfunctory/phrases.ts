import type { SqlClient } from '@pingyi/persistence';
import { SCHEMA } from '../model/ddl';
import { normalise } from './minhash';
import { STOCK_PHRASES, StockPhrases } from './stock-phrases';

/** The administrators' stock phrases live in the live schema only (a rebuild neither copies nor clears them). */
const T = `${SCHEMA}.perf_phrase`;

let cached: { key: string; matcher: StockPhrases } = { key: '', matcher: new StockPhrases() };

/**
 * The matcher for the documented list plus the administrators' additions as they are now (read on every text scored:
 * a phrase added counts for every text scored from then on; the matcher is rebuilt only when the list changed).
 */
export async function stockPhrases(sql: SqlClient): Promise<StockPhrases> {
  const rows = await sql.query<{ phrase: string }>(`select phrase from ${T} order by phrase`);
  const key = rows.map((r) => r.phrase).join('\n');
  if (key !== cached.key)
    cached = {
      key,
      matcher: new StockPhrases(rows.map((r) => r.phrase)),
    };
  return cached.matcher;
}

export interface PhraseRow {
  phrase: string;
  builtIn: boolean;
  addedBy: string | null;
  addedByName: string | null;
  addedAt: string | null;
}

/** The documented phrases first, then the administrators' in the order added. */
export async function listPhrases(sql: SqlClient): Promise<PhraseRow[]> {
  const rows = await sql.query<{
    phrase: string;
    added_by: string;
    added_by_name: string | null;
    added_at: Date;
  }>(`select phrase, added_by, added_by_name, added_at from ${T} order by added_at, phrase`);
  return [
    ...STOCK_PHRASES.map((phrase) => ({
      phrase,
      builtIn: true,
      addedBy: null,
      addedByName: null,
      addedAt: null,
    })),
    ...rows.map((r) => ({
      phrase: r.phrase,
      builtIn: false,
      addedBy: r.added_by,
      addedByName: r.added_by_name,
      addedAt: new Date(r.added_at).toISOString(),
    })),
  ];
}

/** Why a phrase cannot be added, in Chinese; null when it can. */
export function phraseProblem(phrase: string, existing: readonly string[]): string | null {
  const norm = normalise(phrase);
  if (norm.length < 2) return '套话至少 2 个字（不计标点和空格）';
  if (phrase.trim().length > 40) return '套话不能超过 40 个字';
  if (existing.some((p) => normalise(p) === norm)) return '该套话已在列表中';
  return null;
}

/** Adds or removes an administrator's phrase and records who did it, in one transaction. */
export async function changePhrase(
  sql: SqlClient,
  action: 'add' | 'remove',
  phrase: string,
  actor: { id: string; name: string | null },
): Promise<boolean> {
  const changed =
    action === 'add'
      ? await sql.query(
          `insert into ${T} (phrase, added_by, added_by_name) values ($1, $2, $3)
           on conflict do nothing returning phrase`,
          [phrase, actor.id, actor.name],
        )
      : await sql.query(`delete from ${T} where phrase = $1 returning phrase`, [phrase]);
  if (changed.length === 0) return false;
  await sql.query(
    `insert into ${SCHEMA}.perf_phrase_audit (actor_id, actor_name, action, phrase) values ($1, $2, $3, $4)`,
    [actor.id, actor.name, action, phrase],
  );
  return true;
}
