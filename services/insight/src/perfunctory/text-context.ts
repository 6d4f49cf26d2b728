import { DEFAULT_REVIEW_TEMPLATES, RectificationMeasure } from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';
import type { Features } from './features';
import { MIN_BAND_HITS, bandKeys, similarityAtLeast } from './minhash';
import { thresholdsOf, type TextKind } from './rescore';
import { stockPhrases } from './phrases';
import type { StockPhrases } from './stock-phrases';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
/** At most this many texts found through the bands are compared (a text pasted everywhere is a copy long before). */
const MAX_CANDIDATES = 200;

export interface CommitmentRow {
  campaign_id: string;
  subject_kind: 'unit' | 'member';
  subject_id: string;
  subject_name: string;
  org_path: string;
  reviewer_id: string | null;
  reviewer_name: string | null;
}

/** The commitment's row as the scoring reads it (`commitment_fact`'s columns, also kept with a queued text). */
export const commitmentRowJson = (f: string) =>
  `jsonb_build_object('campaign_id', ${f}.campaign_id, 'subject_kind', ${f}.subject_kind,
     'subject_id', ${f}.subject_id, 'subject_name', ${f}.subject_name, 'org_path', ${f}.org_path,
     'reviewer_id', ${f}.reviewer_id, 'reviewer_name', ${f}.reviewer_name)`;

/** What a commitment's text is scored with: the commitment, its campaign's thresholds and templates, the phrases. */
export async function textContext(sql: SqlClient, S: string, cid: string) {
  const [c] = await sql.query<CommitmentRow>(
    `select campaign_id, subject_kind, subject_id, subject_name, org_path, reviewer_id, reviewer_name
       from ${S}.commitment_fact where id = $1`,
    [cid],
  );
  if (!c) return null;
  const [camp] = await sql.query<{ settings: unknown }>(
    `select settings from ${S}.perf_campaign where campaign_id = $1`,
    [c.campaign_id],
  );
  return contextOf(c, camp?.settings, await stockPhrases(sql));
}

/** The same from a commitment row and its campaign's settings as they were when its text was applied. */
export function contextOf(c: CommitmentRow, campaignSettings: unknown, stock: StockPhrases) {
  const settings = (campaignSettings ?? {}) as { templates?: typeof DEFAULT_REVIEW_TEMPLATES };
  const aspects = (settings.templates ?? DEFAULT_REVIEW_TEMPLATES)[c.subject_kind]?.common ?? [];
  const t = thresholdsOf(campaignSettings);
  return { c, t, aspects, ctx: { stock, stockShare: t.stockShare, aspects, names: [c.subject_name] } };
}

/** A leadership review's compared parts, from the event's (or a draft's) review. */
export function reviewContent(r: Record<string, unknown> | undefined) {
  return {
    achievements: str(r?.['achievements']),
    shortcomings: ((r?.['shortcomings'] as unknown[]) ?? []).map(str),
    causes: str(r?.['causes']),
    measures: ((r?.['measures'] as unknown[]) ?? [])
      .map((m) => RectificationMeasure.partial().safeParse(m))
      .map((m) => ({
        target: (m.success && m.data.target) || '',
        measures: (m.success && m.data.measures) || '',
      })),
  };
}

export interface Text {
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
export async function nearDuplicates(
  sql: SqlClient,
  S: string,
  x: Text,
  f: Pick<Features, 'signature'>,
  min: number,
) {
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
