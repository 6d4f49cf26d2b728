import type { SqlClient } from '@pingyi/persistence';
import { rowsOf, type Item } from '../model/batch-sql';
import { reviewFeatures, selfEvaluationFeatures, templateLength } from './features';
import { bandKeys, toArray } from './minhash';
import { recount, rescore, type TextKind } from './rescore';
import { stockPhrases } from './phrases';
import type { StockPhrases } from './stock-phrases';
import {
  commitmentRowJson,
  contextOf,
  nearDuplicates,
  reviewContent,
  type CommitmentRow,
} from './text-context';

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

/** The events whose text is scored. */
const SCORED = new Set(['review.submitted', 'commitment.self_evaluated']);

/** The queue of texts applied and not yet scored, in the order they were applied (`seq`). */
export const perfQueueDdl = (S: string): string[] => [
  `create table ${S}."perf_queue" (
    "seq" bigserial primary key,
    "event_id" text not null,
    "type" text not null,
    "commitment_id" uuid not null,
    "occurred_at" timestamptz not null,
    "data" jsonb not null,
    "commitment" jsonb not null,
    "settings" jsonb
  )`,
];

/**
 * Queues the texts of the lifecycle events as they are applied (in the caller's transaction, in the given order):
 * `review.submitted` (a leadership review that passed the 三不过关 gate) and `commitment.self_evaluated` (回头看),
 * each with its commitment's row and its campaign's settings as they are now, so that scoring them later
 * (`scoreQueued`) gives what scoring them here would. The apply does not wait for the scoring (about 10 ms per text,
 * and growing with the near-duplicates); a commitment not in the read models has nothing to score.
 */
export async function queueTexts(sql: SqlClient, S: string, items: Item[]): Promise<void> {
  const texts = items.filter((it) => it.cid && SCORED.has(it.type));
  if (texts.length === 0) return;
  await sql.query(
    `insert into ${S}.perf_queue (event_id, type, commitment_id, occurred_at, data, commitment, settings)
     select r.event_id, r.type, r.cid, r.at, r.data, ${commitmentRowJson('f')}, p.settings
       from jsonb_to_recordset($1::jsonb) as r(n int, event_id text, type text, cid uuid, at timestamptz, data jsonb)
       join ${S}.commitment_fact f on f.id = r.cid
       left join ${S}.perf_campaign p on p.campaign_id = f.campaign_id
      order by r.n`,
    [
      rowsOf(
        texts.map((it, n) => ({
          n,
          event_id: it.e.eventId,
          type: it.type,
          cid: it.cid,
          at: it.at,
          data: it.d,
        })),
      ),
    ],
  );
}

interface QueuedText {
  seq: string;
  event_id: string;
  type: string;
  commitment_id: string;
  occurred_at: Date;
  data: Record<string, unknown>;
  commitment: CommitmentRow;
  settings: unknown;
}

/**
 * Scores up to `limit` queued texts, oldest first, and takes them off the queue (in the caller's transaction; one
 * scorer at a time, since a text is compared with those scored before it). The earlier text of the same commitment
 * stops counting (a redone review is not a copy of its first version). Nothing is refused here. Returns how many.
 */
export async function scoreQueued(sql: SqlClient, S: string, limit: number): Promise<number> {
  const rows = await sql.query<QueuedText>(
    `select seq, event_id, type, commitment_id, occurred_at, data, commitment, settings
       from ${S}.perf_queue order by seq limit $1`,
    [limit],
  );
  if (rows.length === 0) return 0;
  const stock = await stockPhrases(sql);
  for (const q of rows) await scoreText(sql, S, q, stock);
  await sql.query(`delete from ${S}.perf_queue where seq = any($1::bigint[])`, [rows.map((q) => q.seq)]);
  return rows.length;
}

async function scoreText(sql: SqlClient, S: string, q: QueuedText, stock: StockPhrases): Promise<void> {
  const { data, commitment_id: cid } = q;
  const e = { eventId: q.event_id, type: q.type, occurredAt: q.occurred_at };
  const { c, t, ctx, aspects } = contextOf(q.commitment, q.settings, stock);
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
