import { normalise, shingleCount, signature, toArray } from './minhash';
import { repeatsTemplate, specifics } from './specificity';
import { isStock, type StockPhrases } from './stock-phrases';

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
  signature: number[];
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

const measureText = (m: { target: string; measures: string }) => `${m.target}。${m.measures}`;

export function reviewFeatures(r: ReviewContent, c: FeatureContext): Features {
  const shortcomings = r.shortcomings.filter((s) => normalise(s).length > 0);
  const compared = normalise([...shortcomings, r.causes, ...r.measures.map(measureText)].join(''));
  const free = [r.achievements, ...shortcomings, r.causes, ...r.measures.map(measureText)].join('。');
  return {
    signature: toArray(signature(compared)),
    shingles: shingleCount(compared),
    length: normalise(free).length,
    shortcomings: shortcomings.length,
    stockShortcomings: shortcomings.filter((s) => isStock(c.stock, s, c.stockShare)).length,
    measures: r.measures.length,
    stockMeasures: r.measures.filter((m) => isStock(c.stock, measureText(m), c.stockShare)).length,
    templateMeasures: r.measures.filter((m) => repeatsTemplate(m, c.aspects)).length,
    specifics: specifics([...shortcomings, r.causes, ...r.measures.map(measureText)].join('。'), c.names),
    stockText: false,
  };
}

export function selfEvaluationFeatures(s: SelfEvaluationContent, c: FeatureContext): Features {
  const whole = `${s.priorWorkSummary}。${s.text}`;
  const norm = normalise(whole);
  return {
    signature: toArray(signature(norm)),
    shingles: shingleCount(norm),
    length: norm.length,
    shortcomings: 0,
    stockShortcomings: 0,
    measures: 0,
    stockMeasures: 0,
    templateMeasures: 0,
    specifics: specifics(whole, c.names),
    stockText: isStock(c.stock, whole, c.stockShare),
  };
}

/** The length of a template (its aspects, normalised): what a review is measured against. */
export const templateLength = (aspects: readonly string[]): number =>
  aspects.reduce((n, a) => n + normalise(a).length, 0);
