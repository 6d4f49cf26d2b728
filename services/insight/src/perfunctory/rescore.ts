import type { SqlClient } from '@pingyi/persistence';
import type { Features } from './features';
import { COPY_MESSAGES, scoreText, thresholdsFrom, type PerfunctoryThresholds } from './score';

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

/** A near-duplicate whose count moves: by the same author or another. */
export interface Linked {
  id: string;
  sameAuthor: boolean;
}

/**
 * Moves the near-duplicate counts of the texts `linked` by `delta` (+1: a new copy of them arrived; −1: one of their
 * copies was redone) in one statement, with the count in their reasons' messages, however many they are; a text
 * copied n times is not recounted nor rescored n times. Returns the texts whose count came to or left 0: only their
 * score changes (a reason appears or goes), so only they are scored again (`rescore`).
 */
export async function recount(sql: SqlClient, S: string, linked: Linked[], delta: 1 | -1): Promise<string[]> {
  if (linked.length === 0) return [];
  // The messages' templates are $4 ($5 for self-evaluations) and $6 ($7), their count put in.
  const message = (count: string, p: number) =>
    `to_jsonb(replace(case t.kind when 'review' then $${p} else $${p + 1} end, '{n}', (${count})::text))`;
  const rows = await sql.query<{ id: string; same_author: number; others: number; own: boolean }>(
    `update ${S}.perf_text t
        set same_author = t.same_author + u.own_delta, others = t.others + u.others_delta,
            reasons = (select coalesce(jsonb_agg(case r->>'code'
                         when 'same_author_copy' then jsonb_set(r, '{message}', ${message('t.same_author + u.own_delta', 4)})
                         when 'others_copy' then jsonb_set(r, '{message}', ${message('t.others + u.others_delta', 6)})
                         else r end order by e.i), '[]'::jsonb)
                         from jsonb_array_elements(t.reasons) with ordinality as e(r, i))
       from (select id, own, case when own then $2::int else 0 end own_delta,
                    case when own then 0 else $2::int end others_delta
               from unnest($1::text[], $3::boolean[]) as v(id, own)) u
      where t.id = u.id
      returning t.id, t.same_author, t.others, u.own`,
    [
      linked.map((l) => l.id),
      delta,
      linked.map((l) => l.sameAuthor),
      COPY_MESSAGES.review.same_author_copy,
      COPY_MESSAGES.self_evaluation.same_author_copy,
      COPY_MESSAGES.review.others_copy,
      COPY_MESSAGES.self_evaluation.others_copy,
    ],
  );
  const edge = (n: number) => (delta > 0 ? n === 1 : n === 0);
  return rows.filter((r) => edge(r.own ? r.same_author : r.others)).map((r) => r.id);
}

/**
 * Scores the texts `ids` again from their stored features and near-duplicate counts (a text's own, when it is first
 * stored; those of its linked texts whose count came to or left 0, `recount`).
 */
export async function rescore(sql: SqlClient, S: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await sql.query<Row>(
    `select t.id, t.kind, t.features, t.template_length, t.seconds_spent, pc.settings, t.same_author, t.others
       from ${S}.perf_text t left join ${S}.perf_campaign pc on pc.campaign_id = t.campaign_id
      where t.id = any($1)`,
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
  await sql.query(
    `update ${S}.perf_text t set score = u.score, flagged = u.flagged, reasons = u.reasons::jsonb
       from unnest($1::text[], $2::int[], $3::boolean[], $4::text[]) as u(id, score, flagged, reasons)
      where t.id = u.id`,
    [
      scored.map((x) => x.r.id),
      scored.map((x) => x.s.score),
      scored.map((x) => x.s.flagged),
      scored.map((x) => JSON.stringify(x.s.reasons)),
    ],
  );
}
