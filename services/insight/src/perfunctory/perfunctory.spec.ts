import { DEFAULT_REVIEW_TEMPLATES } from '@pingyi/contracts';
import {
  LshIndex,
  PerfunctoryThresholds,
  StockPhrases,
  isStock,
  normalise,
  repeatsTemplate,
  reviewFeatures,
  scoreText,
  selfEvaluationFeatures,
  signature,
  similarity,
  specifics,
  templateLength,
  thresholdsFrom,
  type ReviewContent,
} from './index';

const t = PerfunctoryThresholds.parse({});
const aspects = DEFAULT_REVIEW_TEMPLATES.member.common;
const ctx = { stock: new StockPhrases(), stockShare: t.stockShare, aspects };
const sig = (s: string) => signature(normalise(s));

const pasted: ReviewContent = {
  achievements: '能够按时参加组织生活，完成承诺事项。',
  shortcomings: ['理论学习不够深入，联系群众不够紧密，工作作风不够扎实，开展批评与自我批评不够。'],
  causes: '思想认识不到位，对自身要求不严。',
  measures: [
    { target: '加强理论学习，提高思想认识', measures: '进一步加强学习，切实提高认识，今后加以改进' },
  ],
};
const specific: ReviewContent = {
  achievements: '王红同志带领 12 户牧民组建巴彦宝力格嘎查养牛合作社，当年户均增收 6800 元。',
  shortcomings: ['合作社账目 3 月至 6 月未按月公开，2 户社员对分红算法有意见。'],
  causes: '会计由王红兼任，嘎查财务室没有固定公开日。',
  measures: [
    {
      target: '2027 年 6 月底前合作社账目按月在嘎查公开栏公开',
      measures: '每月 5 日前由嘎查会计乌云整理上月账目，王红签字后张贴，同时在微信群发布',
    },
  ],
};

describe('near-duplicate text (MinHash over character 3-grams)', () => {
  it('rates a pasted text with a small edit as near-duplicate and unrelated texts as not', () => {
    const a = '合作社账目三月至六月未按月公开，两户社员对分红算法有意见，会计由书记兼任。';
    expect(similarity(sig(a), sig(a))).toBe(1);
    expect(similarity(sig(a), sig(a.replace('两户', '三户')))).toBeGreaterThanOrEqual(t.nearDuplicate);
    expect(similarity(sig(a), sig(specific.shortcomings[0]! + specific.causes))).toBeLessThan(0.3);
    // Punctuation, spaces and full-width digits do not make texts different.
    expect(normalise('１２ 户，牧民！')).toBe('12户牧民');
  });

  it('finds near-duplicates through LSH bands and only those', () => {
    const idx = new LshIndex();
    const base = '村里的垃圾收运点设置不合理，东头三十户群众反映倒垃圾要走一里多路，冬季清运不及时。';
    const ids = [0, 1, 2].map((i) => idx.add(sig(base.replace('三十', ['二十', '四十', '五十'][i]!))));
    const other = idx.add(sig(specific.shortcomings[0]!));
    const hits = idx.similar(idx.signature(ids[0]!), t.nearDuplicate, ids[0]).map((h) => h.id);
    expect(hits.sort()).toEqual([ids[1], ids[2]]);
    expect(idx.similar(idx.signature(other), t.nearDuplicate, other)).toEqual([]);
  });
});

describe('stock phrases, specificity, the template', () => {
  it('knows 套话 from a concrete measure, and takes an administrator’s additions', () => {
    const stock = new StockPhrases();
    expect(isStock(stock, '加强学习，提高认识', t.stockShare)).toBe(true);
    expect(isStock(stock, '今后要进一步加强理论学习，切实提高政治站位。', t.stockShare)).toBe(true);
    expect(isStock(stock, '每月 5 日前由嘎查会计整理上月账目并张贴公开', t.stockShare)).toBe(false);
    expect(isStock(stock, '抓好党建促脱贫', t.stockShare)).toBe(false);
    expect(isStock(new StockPhrases(['抓好党建促脱贫']), '抓好党建促脱贫', t.stockShare)).toBe(true);
  });

  it('counts numbers, dates, places and names', () => {
    expect(specifics('加强学习，提高认识')).toBe(0);
    expect(specifics('2027 年 6 月底前在巴彦宝力格嘎查公开，三户社员')).toBeGreaterThanOrEqual(3);
    expect(specifics('请乌云整理', ['乌云'])).toBe(1);
  });

  it('sees 四定 that repeat the template', () => {
    expect(repeatsTemplate({ target: '存在的不足和努力方向', measures: '按时完成' }, aspects)).toBe(true);
    expect(repeatsTemplate({ target: '按时完成整改', measures: '按时完成整改' }, aspects)).toBe(true);
    expect(repeatsTemplate(specific.measures[0]!, aspects)).toBe(false);
  });
});

describe('score and reasons', () => {
  it('flags a reviewer who pasted one shortcoming into ten reviews, with the reason in Chinese', () => {
    const f = reviewFeatures(pasted, ctx);
    const s = scoreText(f, { sameAuthor: 9, others: 0 }, { kind: 'review', templateLength: 0 }, t);
    expect(s.flagged).toBe(true);
    expect(s.reasons.map((r) => r.message)).toEqual([
      '与该点评人其他 9 份点评高度相似',
      '整改措施为常见套话',
      '指出的不足为常见套话',
      '点评没有具体的人名、数字、时间、地点',
    ]);
    expect(s.score).toBe(100);
  });

  it('does not flag a specific review, and flags time and length only as reasons', () => {
    const f = reviewFeatures(specific, { ...ctx, names: ['王红'] });
    expect(scoreText(f, { sameAuthor: 0, others: 0 }, { kind: 'review', templateLength: 0 }, t)).toEqual({
      score: 0,
      flagged: false,
      reasons: [],
    });
    const hasty = scoreText(
      f,
      { sameAuthor: 0, others: 0 },
      { kind: 'review', templateLength: templateLength(aspects) * 3, secondsSpent: 40 },
      t,
    );
    expect(hasty.flagged).toBe(false);
    expect(hasty.reasons.map((r) => r.code)).toEqual(['short', 'quick']);
    expect(hasty.reasons[1]!.message).toBe('打开后 40 秒即提交');
  });

  it('scores self-evaluations: a 回头看 of stock phrases, copied from an earlier year', () => {
    const f = selfEvaluationFeatures(
      {
        priorWorkSummary: '一年来加强理论学习，提高思想认识，严格要求自己，发挥先锋模范作用。',
        text: '认真落实。',
      },
      ctx,
    );
    const s = scoreText(f, { sameAuthor: 1, others: 0 }, { kind: 'self_evaluation', templateLength: 0 }, t);
    expect(s.reasons.map((r) => r.message)).toContain('与本对象往年的 1 份自评高度相似');
    expect(s.reasons.map((r) => r.message)).toContain('“回头看”内容为常见套话');
  });

  it('reads thresholds from the campaign settings, defaults for what is missing or wrong', () => {
    expect(thresholdsFrom({ perfunctory: { flagScore: 70 } })).toEqual({ ...t, flagScore: 70 });
    expect(thresholdsFrom({ perfunctory: { flagScore: 'high' } })).toEqual(t);
    expect(thresholdsFrom(null)).toEqual(t);
  });
});
