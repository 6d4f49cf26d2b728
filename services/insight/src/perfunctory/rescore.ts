import type { SqlClient } from '@pingyi/persistence';
import type { Features } from './features';
import { scoreText, thresholdsFrom, type PerfunctoryThresholds } from './score';

export type TextKind = 'review' | 'self_evaluation';

/** The campaign's thresholds, from its settings as kept (`settings.perfunctory`). */
export const thresholdsOf = (settings: unknown): PerfunctoryThresholds => thresholdsFrom(settings);

interface Row {
  id: string;
  kind: TextKind;
  features: Omit<Features, 'signature'>;
  template_length: number;
  seconds_spent: number | null;
  settings: unknown;
  same_author: number;
  others: number;
}

/**
 * Scores the texts `ids` again from their stored features and the current near-duplicates they have now (a new copy
 * raises the count of every text it copies; a redone review no longer counts for the others).
 */
export async function rescore(sql: SqlClient, S: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await sql.query<Row>(
    `select t.id, t.kind, t.features, t.template_length, t.seconds_spent, pc.settings,
            count(o.id) filter (where p.same_author)::int same_author,
            count(o.id) filter (where not p.same_author)::int others
       from ${S}.perf_text t
       left join ${S}.perf_campaign pc on pc.campaign_id = t.campaign_id
       left join ${S}.perf_pair p on p.a = t.id
       left join ${S}.perf_text o on o.id = p.b and o.current
      where t.id = any($1)
      group by t.id, pc.settings`,
    [[...new Set(ids)]],
  );
  const scored = rows.map((r) => ({
    r,
    s: scoreText(
      { ...r.features, signature: new Int32Array(0) },
      { sameAuthor: r.same_author, others: r.others },
      { kind: r.kind, templateLength: r.template_length, secondsSpent: r.seconds_spent },
      thresholdsOf(r.settings),
    ),
  }));
  if (scored.length === 0) return;
  // One statement for all of them: a copy of a text copied n times rescores n texts.
  await sql.query(
    `update ${S}.perf_text t
        set same_author = u.same_author, others = u.others, score = u.score, flagged = u.flagged,
            reasons = u.reasons::jsonb
       from unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::boolean[], $6::text[])
         as u(id, same_author, others, score, flagged, reasons)
      where t.id = u.id`,
    [
      scored.map((x) => x.r.id),
      scored.map((x) => x.r.same_author),
      scored.map((x) => x.r.others),
      scored.map((x) => x.s.score),
      scored.map((x) => x.s.flagged),
      scored.map((x) => JSON.stringify(x.s.reasons)),
    ],
  );
}
