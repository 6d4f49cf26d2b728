/*
 * npm run bench:perfunctory — finds the perfunctory reviews of a Baotou-size campaign (174,535 reviews, generated with
 * planted near-duplicates and stock phrases, see perfunctory-corpus.ts) with the insight service's scoring module,
 * and reports precision and recall against the planted labels, and throughput against a baseline measured in the
 * same run on the same texts: one hash per text — the text as it is compared (each part normalised as the scorer does:
 * full-width folded, punctuation and spaces dropped), SHA-1 by node's native crypto — into a map of exact duplicates:
 * what "only hashing the texts" costs. The raw figure (SHA-1 of the text as written, nothing normalised) is printed
 * too. Times are CPU time of this process (user + system),
 * so that other work on the machine does not move the ratio; wall time is printed too.
 *
 * Scoring, as the service does it for one campaign: every review's features (signature, stock phrases, specificity,
 * template) are measured and its signature indexed (LSH bands); then each review is scored from its features and its
 * near-duplicates — the reviewer's own other reviews (compared one by one) and other reviewers' (found through the
 * bands) — and is predicted perfunctory when flagged (score ≥ flagScore, default thresholds).
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DEFAULT_REVIEW_TEMPLATES } from '@pingyi/contracts';
import {
  LshIndex,
  normalise,
  PerfunctoryThresholds,
  StockPhrases,
  reviewFeatures,
  scoreText,
  similarityAtLeast,
  templateLength,
  type Features,
  type ReviewContent,
} from '@pingyi/insight-service/dist/perfunctory';
import { plantedReviews, type Plant, type PlantedReview } from './perfunctory-corpus';

const { values: args } = parseArgs({
  options: { reviews: { type: 'string', default: '174535' }, seed: { type: 'string', default: '21' } },
});
const TOTAL = Number(args.reviews);
const t = PerfunctoryThresholds.parse({});
const aspects = DEFAULT_REVIEW_TEMPLATES.member.common;

const comparedText = (c: ReviewContent) =>
  [...c.shortcomings, c.causes, ...c.measures.map((m) => `${m.target}。${m.measures}`)].join('');

/** Exact duplicates by hash: of the texts as compared (`normalised`), or as written. */
function baseline(reviews: PlantedReview[], normalised: boolean): number {
  const seen = new Map<string, number>();
  for (const r of reviews) {
    const c = r.content;
    const text = normalised
      ? [...c.shortcomings, c.causes, ...c.measures.flatMap((m) => [m.target, m.measures])]
          .map(normalise)
          .join('')
      : comparedText(c);
    const h = createHash('sha1').update(text).digest('base64');
    seen.set(h, (seen.get(h) ?? 0) + 1);
  }
  return seen.size;
}

function score(reviews: PlantedReview[]): boolean[] {
  const ctx = { stock: new StockPhrases(), stockShare: t.stockShare, aspects };
  const tLength = templateLength(aspects);
  const index = new LshIndex();
  const features: Features[] = [];
  const byReviewer = new Map<number, number[]>();
  for (const r of reviews) {
    const f = reviewFeatures(r.content, { ...ctx, names: [r.subject.replace('同志', '')] });
    const id = index.add(f.signature);
    features.push(f);
    const own = byReviewer.get(r.reviewer);
    if (own) own.push(id);
    else byReviewer.set(r.reviewer, [id]);
  }
  return reviews.map((r, id) => {
    const f = features[id]!;
    const own = byReviewer.get(r.reviewer)!;
    const sameAuthor = own.filter(
      (o) => o !== id && similarityAtLeast(f.signature, features[o]!.signature, t.nearDuplicate) >= 0,
    ).length;
    const others = index
      .similarTo(id, t.nearDuplicate)
      .filter((h) => reviews[h.id]!.reviewer !== r.reviewer).length;
    return scoreText(f, { sameAuthor, others }, { kind: 'review', templateLength: tLength }, t).flagged;
  });
}

function timed<T>(fn: () => T): { value: T; ms: number; wallMs: number } {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const value = fn();
  const c = process.cpuUsage(c0);
  return { value, ms: (c.user + c.system) / 1000, wallMs: Number(process.hrtime.bigint() - t0) / 1e6 };
}

function main(): void {
  const gen = timed(() => plantedReviews(TOTAL, Number(args.seed)));
  const reviews = gen.value;
  const counts = new Map<Plant, number>();
  for (const r of reviews) counts.set(r.plant, (counts.get(r.plant) ?? 0) + 1);
  const positives = reviews.filter((r) => r.positive).length;
  console.log(`评议防走过场基准：${reviews.length} 份点评（生成 ${(gen.ms / 1000).toFixed(1)} 秒）`);
  console.log(
    `  planted: ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}; labelled perfunctory ${positives} (${((100 * positives) / reviews.length).toFixed(1)} %)`,
  );
  baseline(reviews.slice(0, 2000), true); // warm-up of every path
  baseline(reviews.slice(0, 2000), false);
  score(reviews.slice(0, 2000));
  const raw = timed(() => baseline(reviews, false));
  const base = timed(() => baseline(reviews, true));
  const run = timed(() => score(reviews));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const missed = new Map<Plant, number>();
  run.value.forEach((flagged, i) => {
    const pos = reviews[i]!.positive;
    if (flagged && pos) tp++;
    else if (flagged) fp++;
    else if (pos) {
      fn++;
      missed.set(reviews[i]!.plant, (missed.get(reviews[i]!.plant) ?? 0) + 1);
    }
  });
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  const rate = (ms: number) => Math.round(reviews.length / (ms / 1000));
  const ratio = base.ms / run.ms;
  console.log(
    `  flagged ${tp + fp}: true ${tp}, false ${fp}; missed ${fn} (${[...missed].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'})`,
  );
  console.log(
    `  precision ${precision.toFixed(4)} (target ≥ 0.9), recall ${recall.toFixed(4)} (target ≥ 0.9)`,
  );
  console.log(
    `  baseline (SHA-1 per normalised text): ${base.ms.toFixed(0)} ms CPU (${base.wallMs.toFixed(0)} ms wall), ${rate(base.ms)} reviews/s` +
      `; as written, not normalised: ${raw.ms.toFixed(0)} ms CPU, ${rate(raw.ms)} reviews/s`,
  );
  console.log(
    `  scoring: ${run.ms.toFixed(0)} ms CPU (${run.wallMs.toFixed(0)} ms wall), ${rate(run.ms)} reviews/s = ${ratio.toFixed(2)}× baseline (target ≥ 0.2×)`,
  );
  const ok = precision >= 0.9 && recall >= 0.9 && ratio >= 0.2;
  console.log(ok ? '  ✓ all targets met' : '  ✗ a target was missed');
  process.exitCode = ok ? 0 : 1;
}

main();
