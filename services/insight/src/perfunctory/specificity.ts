import { normalise } from './minhash';

/**
 * Specificity: what ties a text to one person or unit. Counted in the free text only (the 四定 deadline is a form
 * field, not a fact): numbers with or without a measure word, dates and periods, places by their suffix (村、嘎查、
 * 苏木、社区 …), and people — a name given by the caller (the subject, the members of its unit) or "×××同志".
 */
const PATTERNS: readonly RegExp[] = [
  /\d+(?:\.\d+)?\s*(?:%|％|年|月|日|号|个|名|户|人|次|件|项|场|元|万|亩|头|只|篇|条|所|家|期|天|小时|公里)?/gu,
  /[一二三四五六七八九十百千万两]+(?:个|名|户|人|次|件|项|场|元|万元|亩|头|只|篇|条|所|家|期|天|季度)/gu,
  /(?:上半年|下半年|年底|年初|月底|季度末|第[一二三四]季度|春节前|秋收前|汛期前)/gu,
  /\p{Script=Han}{1,6}?(?:嘎查|苏木|社区|街道|村|镇|乡|旗|县|小区|牧场|合作社|学校|医院|卫生院|车间|工地)/gu,
  /\p{Script=Han}{2,3}同志/gu,
];

/** The number of specifics in `text` (each match once), and of the `names` it mentions. */
export function specifics(text: string, names: readonly string[] = []): number {
  let n = 0;
  for (const re of PATTERNS) n += text.match(re)?.length ?? 0;
  const norm = normalise(text);
  for (const name of names) if (name.length >= 2 && norm.includes(normalise(name))) n++;
  return n;
}

/**
 * Whether a measure's 四定 repeat the review template instead of saying something: its target or measures are one
 * of the template's aspects (or contain one whole, or are contained in one), or the measures restate the target.
 */
export function repeatsTemplate(
  m: { target: string; measures: string },
  aspects: readonly string[],
): boolean {
  const target = normalise(m.target);
  const measures = normalise(m.measures);
  if (target.length > 0 && target === measures) return true;
  return aspects.some((a) => {
    const aspect = normalise(a);
    if (aspect.length < 4) return false;
    return [target, measures].some((t) => t.length >= 4 && (aspect.includes(t) || t.includes(aspect)));
  });
}
