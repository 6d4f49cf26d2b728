import { z } from 'zod';
import type { Features } from './features';

/**
 * Thresholds, from the campaign's settings (`settings.perfunctory`, each optional) over these defaults. Nothing here
 * refuses a review: a score at or above `flagScore` is shown to the people who decide (and to the reviewer).
 */
export const PerfunctoryThresholds = z.object({
  /** Estimated Jaccard similarity of character 3-grams at or above which two texts are near-duplicates. */
  nearDuplicate: z.number().min(0.3).max(1).default(0.6),
  /** Texts with fewer shingles than this are too short to compare. */
  minShingles: z.number().int().min(1).default(8),
  /** Share of a shortcoming's or measure's content covered by stock phrases that makes it 套话. */
  stockShare: z.number().min(0.3).max(1).default(0.6),
  /** Fewer specifics (names, numbers, dates, places) than this in shortcomings and measures is too few. */
  minSpecifics: z.number().int().min(0).default(1),
  /** A text shorter than this share of its template's length is short. */
  minLengthRatio: z.number().min(0).max(10).default(1),
  /** Submitted sooner than this many seconds after it was opened. */
  minSeconds: z.number().int().min(0).default(120),
  /** Score (0–100) at or above which a text is flagged. */
  flagScore: z.number().int().min(1).max(100).default(50),
  /**
   * At most this many near-duplicate pairs are kept per text (its most similar; the evidence shows these). The counts
   * in the reasons stay exact: they are kept as counters, not counted from the pairs.
   */
  maxPairs: z.number().int().min(1).max(1000).default(50),
});
export type PerfunctoryThresholds = z.infer<typeof PerfunctoryThresholds>;

/** The campaign's thresholds (`settings.perfunctory`); a setting that does not parse leaves the defaults. */
export function thresholdsFrom(settings: unknown): PerfunctoryThresholds {
  const own = (settings as { perfunctory?: unknown } | null | undefined)?.perfunctory;
  const parsed = PerfunctoryThresholds.safeParse(own ?? {});
  return parsed.success ? parsed.data : PerfunctoryThresholds.parse({});
}

/** How many near-duplicates a text has: by the same author (reviewer, or the subject's earlier years), and others. */
export interface SimilarCounts {
  sameAuthor: number;
  others: number;
}

/** The near-duplicate reasons' messages, `{n}` the count (also filled in SQL when a count moves, `recount`). */
export const COPY_MESSAGES = {
  review: {
    same_author_copy: '与该点评人其他 {n} 份点评高度相似',
    others_copy: '与活动中其他点评人的 {n} 份点评高度相似',
  },
  self_evaluation: {
    same_author_copy: '与本对象往年的 {n} 份自评高度相似',
    others_copy: '与其他 {n} 份自评高度相似',
  },
} as const;

export type ReasonCode =
  | 'same_author_copy'
  | 'others_copy'
  | 'stock_shortcomings'
  | 'stock_measures'
  | 'stock_text'
  | 'template_measures'
  | 'no_specifics'
  | 'short'
  | 'quick';

export interface Reason {
  code: ReasonCode;
  weight: number;
  message: string;
}

export interface Scored {
  score: number;
  flagged: boolean;
  reasons: Reason[];
}

/** What a text is scored with besides its features: its kind, its template's length and the time spent on it. */
export interface ScoreContext {
  kind: 'review' | 'self_evaluation';
  templateLength: number;
  secondsSpent?: number | null;
}

/** Weights of each reason (a near-duplicate alone flags; stock phrases or thinness alone do not, together they do). */
export const WEIGHTS: Record<ReasonCode, number> = {
  same_author_copy: 50,
  others_copy: 50,
  stock_shortcomings: 25,
  stock_measures: 30,
  stock_text: 40,
  template_measures: 20,
  no_specifics: 15,
  short: 15,
  quick: 15,
};

/** The score of one text and its reasons in Chinese, strongest first. */
export function scoreText(
  f: Features,
  sim: SimilarCounts,
  c: ScoreContext,
  t: PerfunctoryThresholds,
): Scored {
  const review = c.kind === 'review';
  const what = review ? '点评' : '自评';
  const reasons: Reason[] = [];
  const add = (code: ReasonCode, message: string) => reasons.push({ code, weight: WEIGHTS[code], message });
  const compared = f.shingles >= t.minShingles;
  const copy = (code: 'same_author_copy' | 'others_copy', n: number) =>
    compared && n > 0 && add(code, COPY_MESSAGES[c.kind][code].replace('{n}', String(n)));
  copy('same_author_copy', sim.sameAuthor);
  copy('others_copy', sim.others);
  if (f.shortcomings > 0 && f.stockShortcomings * 2 >= f.shortcomings)
    add('stock_shortcomings', '指出的不足为常见套话');
  if (f.measures > 0 && f.stockMeasures * 2 >= f.measures) add('stock_measures', '整改措施为常见套话');
  if (f.stockText) add('stock_text', '“回头看”内容为常见套话');
  if (f.templateMeasures > 0) add('template_measures', '整改措施的“四定”照抄点评模板');
  if (f.specifics < t.minSpecifics) add('no_specifics', `${what}没有具体的人名、数字、时间、地点`);
  if (c.templateLength > 0 && f.length < c.templateLength * t.minLengthRatio)
    add('short', `${what}篇幅（${f.length} 字）不及模板（${c.templateLength} 字）`);
  if (c.secondsSpent != null && c.secondsSpent < t.minSeconds)
    add('quick', `打开后 ${Math.max(0, Math.round(c.secondsSpent))} 秒即提交`);
  reasons.sort((a, b) => b.weight - a.weight);
  const score = Math.min(
    100,
    reasons.reduce((s, r) => s + r.weight, 0),
  );
  return { score, flagged: score >= t.flagScore, reasons };
}
