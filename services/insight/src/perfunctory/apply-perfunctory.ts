import {
  DEFAULT_REVIEW_TEMPLATES,
  LifecyclePayload,
  parseLifecycleData,
  RectificationMeasure,
  type EventEnvelope,
} from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';
import { reviewFeatures, selfEvaluationFeatures, templateLength, type Features } from './features';
import { MIN_BAND_HITS, bandKeys, similarityAtLeast, toArray } from './minhash';
import { rescore, thresholdsOf, type TextKind } from './rescore';
import { StockPhrases } from './stock-phrases';

/** The stock phrases (the documented list; an administrator's additions will be read from a table). */
const STOCK = new StockPhrases();
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
/** At most this many texts found through the bands are compared (a text pasted everywhere is a copy long before). */
const MAX_CANDIDATES = 200;

interface Commitment {
  campaign_id: string;
  subject_kind: 'unit' | 'member';
  subject_id: string;
  subject_name: string;
  reviewer_name: string | null;
}

/**
 * Scores the texts of the lifecycle events as they are applied (in the caller's transaction, once per event):
 * `commitment.opened` keeps the campaign's settings (thresholds, templates); `review.submitted` (a leadership review
 * that passed the 三不过关 gate) and `commitment.self_evaluated` (回头看) are scored, and the earlier text of the
 * same commitment stops counting (a redone review is not a copy of its first version). Nothing is refused here.
 */
export async function applyPerfunctory(sql: SqlClient, S: string, e: EventEnvelope): Promise<void> {
  if (
    e.type !== 'commitment.opened' &&
    e.type !== 'review.submitted' &&
    e.type !== 'commitment.self_evaluated'
  )
    return;
  const p = LifecyclePayload.parse(e.payload);
  const data = parseLifecycleData(e.type, p.data) as Record<string, unknown>;
  if (e.type === 'commitment.opened') {
    await sql.query(
      `insert into ${S}.perf_campaign (campaign_id, settings) values ($1, $2::jsonb)
       on conflict (campaign_id) do update set settings = excluded.settings`,
      [data['campaignId'], JSON.stringify(data['settings'] ?? {})],
    );
    return;
  }
  const cid = p.commitmentId;
  if (!cid) return;
  const [c] = await sql.query<Commitment>(
    `select campaign_id, subject_kind, subject_id, subject_name, reviewer_name
       from ${S}.commitment_fact where id = $1`,
    [cid],
  );
  if (!c) return;
  const [camp] = await sql.query<{ settings: unknown }>(
    `select settings from ${S}.perf_campaign where campaign_id = $1`,
    [c.campaign_id],
  );
  const settings = (camp?.settings ?? {}) as { templates?: typeof DEFAULT_REVIEW_TEMPLATES };
  const aspects = (settings.templates ?? DEFAULT_REVIEW_TEMPLATES)[c.subject_kind]?.common ?? [];
  const t = thresholdsOf(camp?.settings);
  const ctx = { stock: STOCK, stockShare: t.stockShare, aspects, names: [c.subject_name] };
  const review = e.type === 'review.submitted';
  const kind: TextKind = review ? 'review' : 'self_evaluation';
  const r = data['review'] as Record<string, unknown> | undefined;
  const content = review
    ? {
        achievements: str(r?.['achievements']),
        shortcomings: ((r?.['shortcomings'] as unknown[]) ?? []).map(str),
        causes: str(r?.['causes']),
        measures: ((r?.['measures'] as unknown[]) ?? [])
          .map((m) => RectificationMeasure.partial().safeParse(m))
          .map((m) => ({
            target: (m.success && m.data.target) || '',
            measures: (m.success && m.data.measures) || '',
          })),
      }
    : { priorWorkSummary: str(data['priorWorkSummary']), text: str(data['text']) };
  const f = review
    ? reviewFeatures(content as Parameters<typeof reviewFeatures>[0], ctx)
    : selfEvaluationFeatures(content as Parameters<typeof selfEvaluationFeatures>[0], ctx);
  const author = review ? String(data['reviewerId']) : c.subject_id;
  const seconds = typeof data['secondsSpent'] === 'number' ? Math.round(data['secondsSpent']) : null;
  const touched = await supersede(sql, S, cid, kind);
  await sql.query(
    `insert into ${S}.perf_text (id, kind, campaign_id, commitment_id, author_id, at, content, signature, features,
       template_length, seconds_spent)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::int[], $9::jsonb, $10, $11) on conflict (id) do nothing`,
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
    ],
  );
  const similar = await nearDuplicates(
    sql,
    S,
    { id: e.eventId, kind, cid, author, campaign: c.campaign_id },
    f,
    t.nearDuplicate,
  );
  for (const s of similar)
    await sql.query(
      `insert into ${S}.perf_pair (a, b, similarity, same_author) values ($1, $2, $3, $4), ($2, $1, $3, $4)
       on conflict do nothing`,
      [e.eventId, s.id, s.similarity, s.sameAuthor],
    );
  const keys = bandKeys(f.signature);
  await sql.query(
    `insert into ${S}.perf_band (text_id, campaign_id, kind, band, key)
     select $1, $2, $3, b - 1, k from unnest($4::int[]) with ordinality as u(k, b)`,
    [e.eventId, c.campaign_id, kind, Array.from(keys)],
  );
  await rescore(sql, S, [e.eventId, ...similar.map((s) => s.id), ...touched]);
}

/** The commitment's earlier texts of this kind stop counting; returns the texts whose counts this changes. */
async function supersede(sql: SqlClient, S: string, cid: string, kind: TextKind): Promise<string[]> {
  const old = await sql.query<{ id: string }>(
    `update ${S}.perf_text set current = false where commitment_id = $1 and kind = $2 and current returning id`,
    [cid, kind],
  );
  if (old.length === 0) return [];
  const ids = old.map((o) => o.id);
  await sql.query(`delete from ${S}.perf_band where text_id = any($1)`, [ids]);
  const partners = await sql.query<{ b: string }>(`select b from ${S}.perf_pair where a = any($1)`, [ids]);
  return partners.map((x) => x.b);
}

interface Text {
  id: string;
  kind: TextKind;
  cid: string;
  author: string;
  campaign: string;
}

/**
 * The current texts near-duplicate of this one, other than the same commitment's: by the same author (the reviewer's
 * other reviews in the campaign; the subject's self-evaluations of other years) compared one by one, and by others
 * found through the LSH bands (at least `MIN_BAND_HITS` agreeing) in the campaign.
 */
async function nearDuplicates(sql: SqlClient, S: string, x: Text, f: Features, min: number) {
  const sameCampaign = x.kind === 'review' ? 'and campaign_id = $4' : '';
  const own = await sql.query<{ id: string; signature: number[] }>(
    `select id, signature from ${S}.perf_text
      where kind = $1 and author_id = $2 and commitment_id <> $3 and current ${sameCampaign}`,
    x.kind === 'review' ? [x.kind, x.author, x.cid, x.campaign] : [x.kind, x.author, x.cid],
  );
  const keys = Array.from(bandKeys(f.signature));
  const banded = await sql.query<{ id: string; signature: number[] }>(
    `select t.id, t.signature from ${S}.perf_text t
       join (select text_id from ${S}.perf_band
              where campaign_id = $1 and kind = $2
                and (band, key) in (select b - 1, k from unnest($3::int[]) with ordinality as u(k, b))
              group by text_id having count(*) >= $4 limit $5) c on c.text_id = t.id
      where t.author_id <> $6 and t.commitment_id <> $7 and t.current`,
    [x.campaign, x.kind, keys, MIN_BAND_HITS, MAX_CANDIDATES, x.author, x.cid],
  );
  const out: { id: string; similarity: number; sameAuthor: boolean }[] = [];
  for (const [rows, sameAuthor] of [
    [own, true],
    [banded, false],
  ] as const)
    for (const r of rows) {
      const s = similarityAtLeast(f.signature, Int32Array.from(r.signature), min);
      if (s >= 0) out.push({ id: r.id, similarity: s, sameAuthor });
    }
  return out;
}
