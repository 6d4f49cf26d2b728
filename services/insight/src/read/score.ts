import { MILESTONE_ORDER } from '@pingyi/contracts';
import type { Figures } from './figures.types';

/** The parts of the ranking score, each a share in [0, 1], with their weights (out of 100). */
export const SCORE_WEIGHTS = { progress: 40, rectification: 30, onTime: 20, reviewQuality: 10 } as const;

/**
 * The ranking score of a unit (0–100, two decimals), from its figures (README, 排名得分):
 * - progress: milestones reached ÷ (6 × subjects not cancelled);
 * - rectification: the rectification rate (verified ÷ (items − cancelled)), 1 without items;
 * - onTime: 1 − overdue ÷ commitments in progress, 1 when none is in progress;
 * - reviewQuality: passed reviews ÷ (passed reviews + redo orders of any source), 1 without either.
 * score = 40·progress + 30·rectification + 20·onTime + 10·reviewQuality.
 */
export function rankingScore(f: Figures): {
  score: number;
  parts: Record<keyof typeof SCORE_WEIGHTS, number>;
} {
  const cancelled = f.byStage.find((s) => s.stage === 'cancelled')?.count ?? 0;
  const counted = f.subjects - cancelled;
  const reached = f.milestones.reduce((s, m) => s + m.reached, 0);
  const inProgress = f.onTime + f.overdue;
  const judged = f.reviews.total + f.redoOrders.total;
  const parts = {
    progress: counted > 0 ? reached / (MILESTONE_ORDER.length * counted) : 0,
    rectification: f.rectifications.rate ?? 1,
    onTime: inProgress > 0 ? 1 - f.overdue / inProgress : 1,
    reviewQuality: judged > 0 ? f.reviews.total / judged : 1,
  };
  const raw = (Object.keys(SCORE_WEIGHTS) as (keyof typeof SCORE_WEIGHTS)[]).reduce(
    (s, k) => s + SCORE_WEIGHTS[k] * parts[k],
    0,
  );
  return { score: Math.round(raw * 100) / 100, parts };
}
