import { LeadershipReviewInput, threeDoNotPass, type LeadershipReviewInput as Review } from './index';

const summary =
  '一年来，支部围绕承诺事项逐项推进，完成了村道硬化、困难户帮扶和党员冬训等工作，群众满意度有所提高，但仍有两项承诺进度滞后。';
const measure = {
  ownerId: 'm-1',
  target: '年底前完成剩余两项承诺',
  measures: '每月召开一次推进会，书记牵头督办',
  deadline: '2026-12-31',
};
const review: Review = {
  mode: 'meeting',
  achievements: '承诺事项推进有力，为群众办实事成效明显。',
  shortcomings: ['两项承诺进度滞后'],
  causes: '统筹不够，督促不力',
  measures: [measure],
  grade: 'good',
  signature: '王书记',
};

describe('three do-not-pass gate (三不过关)', () => {
  it('passes a serious summary, named shortcomings and measures with the four fixes', () => {
    expect(LeadershipReviewInput.parse(review)).toEqual(review);
    expect(threeDoNotPass({ priorWorkSummary: summary, review })).toEqual({ passed: true, failures: [] });
  });

  it('fails each condition with its own reason in Chinese', () => {
    const r = threeDoNotPass({
      priorWorkSummary: '已完成',
      review: { ...review, shortcomings: [' '], measures: [] },
    });
    expect(r.passed).toBe(false);
    expect(r.failures.map((f) => f.code)).toEqual([
      'no_prior_summary',
      'no_shortcomings',
      'no_concrete_measures',
    ]);
    expect(r.failures[1]!.message).toBe('点评没有指出存在的不足，不能过关');
  });

  it('requires all four fixes on every measure', () => {
    const r = threeDoNotPass({
      priorWorkSummary: summary,
      review: {
        ...review,
        measures: [measure, { target: '加强学习', measures: '多学习', deadline: '明年' }],
      },
    });
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]!.code).toBe('no_concrete_measures');
    expect(r.failures[0]!.message).toContain('第 2 条');
    expect(r.failures[0]!.message).toContain('请指定整改责任人');
    expect(r.failures[0]!.message).toContain('整改时限格式应为 YYYY-MM-DD');
  });
});
