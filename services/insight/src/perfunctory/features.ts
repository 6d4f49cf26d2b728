import { normalise, shingleCount, signature } from './minhash';
import { aspectsOf, repeatsTemplateNorm, specificsOf } from './specificity';
import type { StockPhrases } from './stock-phrases';

/** A leadership review as scored: its free-text parts (what the 领导点评登记表 holds). */
export interface ReviewContent {
  achievements: string;
  shortcomings: readonly string[];
  causes: string;
  measures: readonly { target: string; measures: string }[];
}

/** A self-evaluation as scored: the 回头看 summary and the text. */
export interface SelfEvaluationContent {
  priorWorkSummary: string;
  text: string;
}

/** What is measured on one text, once, when it arrives; the score is computed from these and the similar texts. */
export interface Features {
  /** MinHash signature of the part compared (a review: shortcomings, causes and measures; a self-evaluation: all). */
  signature: Int32Array;
  shingles: number;
  /** Characters of the whole text (normalised). */
  length: number;
  shortcomings: number;
  stockShortcomings: number;
  measures: number;
  stockMeasures: number;
  templateMeasures: number;
  specifics: number;
  /** Whether the whole text (a self-evaluation) is mostly stock phrases. */
  stockText: boolean;
}

/** What features are measured against: the stock phrases, their threshold, the template and names of the subject. */
export interface FeatureContext {
  stock: StockPhrases;
  stockShare: number;
  aspects: readonly string[];
  names?: readonly string[];
}

/** Each part normalised once; what is compared is their concatenation. */
export function reviewFeatures(r: ReviewContent, c: FeatureContext): Features {
  const shortcomings = r.shortcomings.map(normalise).filter((s) => s.length > 0);
  const causes = normalise(r.causes);
  const measures = r.measures.map((m) => ({ target: normalise(m.target), measures: normalise(m.measures) }));
  const measureTexts = measures.map((m) => m.target + m.measures);
  const compared = shortcomings.join('') + causes + measureTexts.join('');
  const aspects = aspectsOf(c.aspects);
  return {
    signature: signature(compared),
    shingles: shingleCount(compared),
    length: compared.length + normalise(r.achievements).length,
    shortcomings: shortcomings.length,
    stockShortcomings: shortcomings.filter((s) => c.stock.share(s) >= c.stockShare).length,
    measures: measures.length,
    stockMeasures: measureTexts.filter((m) => m.length > 0 && c.stock.share(m) >= c.stockShare).length,
    templateMeasures: measures.filter((m) => repeatsTemplateNorm(m.target, m.measures, aspects)).length,
    specifics: specificsOf(compared, c.names),
    stockText: false,
  };
}

export function selfEvaluationFeatures(s: SelfEvaluationContent, c: FeatureContext): Features {
  const norm = normalise(s.priorWorkSummary) + normalise(s.text);
  return {
    signature: signature(norm),
    shingles: shingleCount(norm),
    length: norm.length,
    shortcomings: 0,
    stockShortcomings: 0,
    measures: 0,
    stockMeasures: 0,
    templateMeasures: 0,
    specifics: specificsOf(norm, c.names),
    stockText: norm.length > 0 && c.stock.share(norm) >= c.stockShare,
  };
}

/** The length of a template (its aspects, normalised): what a review is measured against. */
export const templateLength = (aspects: readonly string[]): number =>
  aspects.reduce((n, a) => n + normalise(a).length, 0);
