import { normalise } from './minhash';

/**
 * 套话: phrases that fit any review of anyone, collected from the campaign documents' own warnings ("防止领导点评走过场、
 * 不到位"), inspection reports that sent reviews back, and the measures that recur most in registration forms. A
 * shortcoming or measure made mostly of these says nothing about the person or unit reviewed. The list is data:
 * `STOCK_PHRASES` is the default, the prefecture administrators' additions (`phrases.ts`) are passed as `extra`.
 *
 * Kinds: 学习认识 (study and awareness), 作风标准 (style and standards), 宗旨服务 (serving the people), 落实改进
 * (carrying out and improving, with no what, who or when).
 */
export const STOCK_PHRASES: readonly string[] = [
  // 学习认识
  '加强学习',
  '加强理论学习',
  '加强政治理论学习',
  '提高认识',
  '提高思想认识',
  '提高政治站位',
  '理论学习不够深入',
  '理论学习不够系统',
  '学习不够深入',
  '学习不够系统',
  '思想认识不到位',
  '思想认识不够到位',
  '学深悟透',
  '入脑入心',
  // 作风标准
  '工作标准不高',
  '工作作风不够扎实',
  '工作作风不扎实',
  '创新意识不强',
  '开拓创新意识不强',
  '责任意识不强',
  '担当意识不强',
  '批评与自我批评开展不够',
  '严格要求自己',
  '严于律己',
  '改进工作作风',
  '转变工作作风',
  // 宗旨服务
  '服务意识不强',
  '联系群众不够紧密',
  '联系服务群众不够',
  '宗旨意识不强',
  '发挥先锋模范作用',
  '发挥党员先锋模范作用',
  '全心全意为人民服务',
  // 落实改进
  '进一步加强',
  '进一步提高',
  '切实提高',
  '切实加强',
  '不断提升',
  '全面提升',
  '认真落实',
  '狠抓落实',
  '高度重视',
  '持续改进',
  '加以改进',
  '今后加以改进',
  '建立长效机制',
  '常态化',
  '制度化',
  '规范化',
];

/** A matcher over the normalised phrases, keyed by first character (one pass over a text). */
export class StockPhrases {
  private readonly byFirst = new Map<number, string[]>();
  /** 1 for the first characters of the phrases (most characters start none: no map lookup for them). */
  private readonly first = new Uint8Array(65536);

  constructor(extra: readonly string[] = []) {
    for (const p of new Set([...STOCK_PHRASES, ...extra].map(normalise).filter((p) => p.length >= 2))) {
      const list = this.byFirst.get(p.charCodeAt(0)) ?? [];
      list.push(p);
      this.byFirst.set(p.charCodeAt(0), list);
      this.first[p.charCodeAt(0)] = 1;
    }
    for (const l of this.byFirst.values()) l.sort((a, b) => b.length - a.length);
  }

  /**
   * The share (0–1) of a normalised text's content covered by stock phrases (every occurrence, overlaps too); filler
   * characters (的、和、要、进一步、我们 …) count as neither content nor evidence. 1 for a text of filler only.
   */
  share(norm: string): number {
    let content = 0;
    let covered = 0;
    let coveredTo = 0; // characters before this index are covered by a phrase
    for (let i = 0; i < norm.length; i++) {
      const c = norm.charCodeAt(i);
      const list = this.first[c] === 1 ? this.byFirst.get(c) : undefined;
      if (list)
        for (const p of list) if (norm.startsWith(p, i)) coveredTo = Math.max(coveredTo, i + p.length);
      if (FILLER[c] === 1) continue;
      content++;
      if (i < coveredTo) covered++;
    }
    return content === 0 ? (norm.length > 0 ? 1 : 0) : covered / content;
  }
}

/** Characters that carry nothing by themselves in a review (function words, 我们, 工作, 问题 …). */
const FILLER = new Uint8Array(65536);
for (const ch of '的和与及要在对把将了并等中进一步今后继续我们自己本人同志工作方面问题')
  FILLER[ch.charCodeAt(0)] = 1;

/** Whether a text is mostly stock phrases: at least `min` of its content covered by them. */
export const isStock = (matcher: StockPhrases, text: string, min: number): boolean => {
  const norm = normalise(text);
  return norm.length > 0 && matcher.share(norm) >= min;
};
