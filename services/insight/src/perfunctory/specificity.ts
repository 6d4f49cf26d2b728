import { normalise } from './minhash';

/**
 * Specificity: what ties a text to one person or unit, counted on the normalised free text (the 四定 deadline is a
 * form field, not a fact): numbers (digits, or Chinese numerals with a measure word), periods (上半年、年底、春节前 …),
 * places by their suffix (嘎查、苏木、社区、村 …), and people — a name given by the caller (the subject, the members of
 * its unit) or "×××同志". One scan of one expression.
 */
const SPECIFIC = new RegExp(
  [
    '\\d+',
    '[一二三四五六七八九十百千万两]+(?:个|名|户|人|次|件|项|场|元|亩|头|只|篇|条|所|家|期|天|季度)',
    '上半年|下半年|年底|年初|月底|季度末|春节前|秋收前|汛期前',
    '[\\u4e00-\\u9fff](?:嘎查|苏木|社区|街道|村|镇|乡|旗|县|小区|牧场|合作社|学校|医院|卫生院|车间|工地)',
    '[\\u4e00-\\u9fff]{2}同志',
  ].join('|'),
  'g',
);

/** The number of specifics in a normalised text, and of the `names` it mentions. */
export function specificsOf(norm: string, names: readonly string[] = []): number {
  let n = 0;
  SPECIFIC.lastIndex = 0;
  while (SPECIFIC.exec(norm) !== null) n++;
  for (const name of names) {
    const nn = normalise(name);
    if (nn.length >= 2 && norm.includes(nn)) n++;
  }
  return n;
}

/** The number of specifics in `text` (see `specificsOf`). */
export const specifics = (text: string, names: readonly string[] = []): number =>
  specificsOf(normalise(text), names);

const normalisedAspects = new WeakMap<readonly string[], string[]>();

/** A template's aspects, normalised (once per template). */
export function aspectsOf(aspects: readonly string[]): string[] {
  let n = normalisedAspects.get(aspects);
  if (!n) {
    n = aspects.map(normalise).filter((a) => a.length >= 4);
    normalisedAspects.set(aspects, n);
  }
  return n;
}

/**
 * Whether a measure's 四定 (normalised target and measures) repeat the review template instead of saying something:
 * one of them is one of the template's aspects, contains one whole or is contained in one; or the measures restate
 * the target.
 */
export function repeatsTemplateNorm(target: string, measures: string, aspects: readonly string[]): boolean {
  if (target.length > 0 && target === measures) return true;
  return aspects.some((a) =>
    [target, measures].some((t) => t.length >= 4 && (a.includes(t) || t.includes(a))),
  );
}

/** `repeatsTemplate` on a measure as written and a template's aspects as written. */
export const repeatsTemplate = (
  m: { target: string; measures: string },
  aspects: readonly string[],
): boolean => repeatsTemplateNorm(normalise(m.target), normalise(m.measures), aspectsOf(aspects));
