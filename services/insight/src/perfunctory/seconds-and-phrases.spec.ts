import { LeadershipReviewInput, parseLifecycleData } from '@pingyi/contracts';
import { phraseProblem } from './phrases';
import { reviewContent } from './text-context';

const REVIEW = {
  mode: 'talk',
  achievements: '能够按时参加组织生活，较好完成了承诺事项。',
  shortcomings: ['联系群众不够紧密'],
  causes: '要求不严',
  measures: [],
  grade: 'good',
};

describe('secondsSpent on the review and its event', () => {
  it('is optional on the review the web app sends, and refused in Chinese when not seconds', () => {
    expect(LeadershipReviewInput.parse({ ...REVIEW, secondsSpent: 95 }).secondsSpent).toBe(95);
    expect(LeadershipReviewInput.parse(REVIEW).secondsSpent).toBeUndefined();
    const bad = LeadershipReviewInput.safeParse({ ...REVIEW, secondsSpent: -3 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('填写用时不能为负数');
  });

  it('is carried on review.submitted, and events without it still parse', () => {
    const base = { review: REVIEW, reviewerId: 'p1' };
    const old = parseLifecycleData('review.submitted', base) as { review: Record<string, unknown> };
    expect(old.review['secondsSpent']).toBeUndefined();
    const now = parseLifecycleData('review.submitted', {
      ...base,
      review: { ...REVIEW, secondsSpent: 40 },
    }) as { review: Record<string, unknown> };
    expect(now.review['secondsSpent']).toBe(40);
    expect(reviewContent(now.review).shortcomings).toEqual(['联系群众不够紧密']);
  });
});

describe('administrators’ stock phrases', () => {
  it('refuses in Chinese what is too short, too long or listed already', () => {
    expect(phraseProblem('的。', [])).toBe('套话至少 2 个字（不计标点和空格）');
    expect(phraseProblem('长'.repeat(41), [])).toBe('套话不能超过 40 个字');
    expect(phraseProblem('加以 改进', ['加以改进'])).toBe('该套话已在列表中');
    expect(phraseProblem('压实主体责任', ['加以改进'])).toBeNull();
  });
});
