import { satisfactionFigures } from './figures';
import type { Figures } from './figures.types';
import { rankingScore } from './score';

const figures = (over: Partial<Figures> = {}): Figures =>
  ({
    subjects: 4,
    byStage: [{ stage: 'cancelled', label: '已撤销', count: 0 }],
    milestones: [{ milestone: 'committed', label: '', reached: 12 }],
    onTime: 3,
    overdue: 1,
    reviews: { total: 3, sentBackByCheck: 0, byMode: [] },
    redoOrders: { total: 1, byCheck: 0, byAdmin: 1, byInspection: 0 },
    rectifications: { rate: 0.5 },
    ...over,
  }) as unknown as Figures;

describe('ranking score (README, 排名得分)', () => {
  it('weighs progress 40, rectification 30, on time 20 and review quality 10', () => {
    // progress 12 / 24, rectification .5, on time 3/4, review quality 3/4
    expect(rankingScore(figures())).toEqual({
      score: 20 + 15 + 15 + 7.5,
      parts: { progress: 0.5, rectification: 0.5, onTime: 0.75, reviewQuality: 0.75 },
    });
  });

  it('counts a part with nothing to judge as full, and no subjects as no progress', () => {
    const none = figures({
      subjects: 0,
      milestones: [],
      onTime: 0,
      overdue: 0,
      reviews: { total: 0, sentBackByCheck: 0, byMode: [] },
      redoOrders: { total: 0, byCheck: 0, byAdmin: 0, byInspection: 0 },
      rectifications: { rate: null } as Figures['rectifications'],
    });
    expect(rankingScore(none).score).toBe(60);
  });
});

describe('satisfaction below the threshold', () => {
  it('withholds every count of a group under the threshold, and shows the total when it reaches it', () => {
    const row = (category: string, responses: number) => ({
      g: 'p',
      category,
      responses,
      satisfied: responses - 1,
      basically: 1,
      unsatisfied: 0,
    });
    const [all, enterprise, pub] = satisfactionFigures([row('enterprise', 2), row('public', 5)], 5);
    expect(all).toMatchObject({ category: 'all', withheld: false, responses: 7, rate: 1 });
    expect(enterprise).toMatchObject({ withheld: true, responses: null, satisfied: null, rate: null });
    expect(pub).toMatchObject({ withheld: false, responses: 5, satisfied: 4 });
    expect(satisfactionFigures([], 5)[0]).toMatchObject({ category: 'all', withheld: true });
  });
});
