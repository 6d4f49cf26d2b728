import type { SqlClient } from '@pingyi/persistence';
import { rowsOf, type Item } from '../model/batch-sql';
import { reviewFeatures, selfEvaluationFeatures, templateLength } from './features';
import { bandKeys, toArray } from './minhash';
import { recount, rescore, type TextKind } from './rescore';
import { nearDuplicates, reviewContent, textContext } from './text-context';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** `commitment.opened` keeps its campaign's settings (thresholds, templates): the last opening of a campaign wins. */
export async function perfCampaigns(sql: SqlClient, S: string, opened: Item[]): Promise<void> {
  const settings = new Map<unknown, unknown>();
  for (const it of opened) settings.set(it.d['campaignId'], it.d['settings'] ?? {});
  await sql.query(
    `insert into ${S}.perf_campaign (campaign_id, settings)
     select r.id, r.settings from jsonb_to_recordset($1::jsonb) as r(id text, settings jsonb)
     on conflict (campaign_id) do update set settings = excluded.settings
       where ${S}.perf_campaign.settings is distinct from excluded.settings`,
    [rowsOf([...settings].map(([id, s]) => ({ id, settings: s })))],
  );
}

/**
 * Scores the texts of the lifecycle events as they are applied (in the caller's transaction, once per event, in the
 * given order): `review.submitted` (a leadership review that passed the 三不过关 gate) and `commitment.self_evaluated`
 * (回头看) are scored, and the earlier text of the same commitment stops counting (a redone review is not a copy of
 * its first version). Nothing is refused here.
 */
export async function scoreTexts(sql: SqlClient, S: string, items: Item[]): Promise<void> {
  for (const it of items)
    if (it.type === 'review.submitted' || it.type === 'commitment.self_evaluated')
      await scoreText(sql, S, it);
}

async function scoreText(sql: SqlClient, S: string, it: Item): Promise<void> {
  const { e, d: data, cid } = it;
  if (!cid) return;
  const x = await textContext(sql, S, cid);
  if (!x) return;
  const { c, t, ctx, aspects } = x;
  const review = e.type === 'review.submitted';
  const kind: TextKind = review ? 'review' : 'self_evaluation';
  const r = data['review'] as Record<string, unknown> | undefined;
  const content = review
    ? reviewContent(r)
    : { priorWorkSummary: str(data['priorWorkSummary']), text: str(data['text']) };
  const f = review
    ? reviewFeatures(content as Parameters<typeof reviewFeatures>[0], ctx)
    : selfEvaluationFeatures(content as Parameters<typeof selfEvaluationFeatures>[0], ctx);
  const author = review ? String(data['reviewerId']) : c.subject_id;
  const spent = data['secondsSpent'] ?? r?.['secondsSpent'];
  const seconds = typeof spent === 'number' ? Math.round(spent) : null;
  const touched = await supersede(sql, S, cid, kind, t.nearDuplicate);
  const text = { id: e.eventId, kind, cid, author, campaign: c.campaign_id };
  const similar = await nearDuplicates(sql, S, text, f, t.nearDuplicate);
  const own = similar.filter((x) => x.sameAuthor).length;
  await sql.query(
    `insert into ${S}.perf_text (id, kind, campaign_id, commitment_id, author_id, at, content, signature, features,
       template_length, seconds_spent, same_author, others)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::int[], $9::jsonb, $10, $11, $12, $13) on conflict (id) do nothing`,
    [
      e.eventId,
      kind,
      c.campaign_id,
      cid,
      author,
      e.occurredAt,
      JSON.stringify(content),
      toArray(f.signature),
      JSON.stringify({ ...f, signature: undefined }),
      templateLength(aspects),
      seconds,
      own,
      similar.length - own,
    ],
  );
  // Its `maxPairs` most similar are linked (one statement, both directions); the counts above are of all of them.
  const kept = [...similar].sort((p, q) => q.similarity - p.similarity).slice(0, t.maxPairs);
  if (kept.length > 0)
    await sql.query(
      `insert into ${S}.perf_pair (a, b, similarity, same_author)
       select x.a, x.b, x.similarity, x.same_author
         from unnest($2::text[], $3::real[], $4::boolean[]) as u(other, similarity, same_author)
         cross join lateral (values ($1::text, u.other, u.similarity, u.same_author),
                                    (u.other, $1::text, u.similarity, u.same_author)) as x(a, b, similarity, same_author)
       on conflict do nothing`,
      [e.eventId, kept.map((x) => x.id), kept.map((x) => x.similarity), kept.map((x) => x.sameAuthor)],
    );
  const keys = bandKeys(f.signature);
  await sql.query(
    `insert into ${S}.perf_band (text_id, campaign_id, kind, band, key)
     select $1, $2, $3, b - 1, k from unnest($4::int[]) with ordinality as u(k, b)`,
    [e.eventId, c.campaign_id, kind, Array.from(keys)],
  );
  const linked = await recount(sql, S, similar, 1);
  await rescore(sql, S, [e.eventId, ...linked, ...touched]);
}

/**
 * The commitment's earlier texts of this kind stop counting: the current texts near-duplicate of them (found again
 * as when they came, not from the kept pairs) count one copy less. Returns the texts whose score that changes.
 */
async function supersede(sql: SqlClient, S: string, cid: string, kind: TextKind, min: number) {
  const old = await sql.query<{ id: string; author_id: string; campaign_id: string; signature: number[] }>(
    `update ${S}.perf_text set current = false where commitment_id = $1 and kind = $2 and current
     returning id, author_id, campaign_id, signature`,
    [cid, kind],
  );
  if (old.length === 0) return [];
  await sql.query(`delete from ${S}.perf_band where text_id = any($1)`, [old.map((o) => o.id)]);
  const touched: string[] = [];
  for (const o of old) {
    const x = { id: o.id, kind, cid, author: o.author_id, campaign: o.campaign_id };
    const similar = await nearDuplicates(sql, S, x, { signature: Int32Array.from(o.signature) }, min);
    touched.push(...(await recount(sql, S, similar, -1)));
  }
  return touched;
}
