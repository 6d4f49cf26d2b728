import { LifecycleSettings, MILESTONE_ORDER } from '@pingyi/contracts';
import { milestoneNodes, nodeLabel } from './milestone-nodes';

describe('milestone nodes (节点) of a campaign calendar', () => {
  it('in seconds mode, each node is the sum of the windows before it', () => {
    const s = LifecycleSettings.parse({
      unit: 'second',
      draftDays: 5,
      acceptanceDays: 3,
      publicityDays: 2,
      fulfilmentDays: 10,
      selfEvaluationDays: 4,
      mutualReviewDays: 1,
      leadershipReviewDays: 2,
      massEvaluationDays: 3,
      rectificationDays: 6,
      followUpDelayDays: 1,
      followUpDays: 2,
      outcomeDays: 1,
    });
    const t0 = new Date('2026-03-01T00:00:00Z');
    const nodes = milestoneNodes(t0, s);
    expect(nodes.map((n) => n.milestone)).toEqual(MILESTONE_ORDER);
    expect(nodes.map((n) => (n.at.getTime() - t0.getTime()) / 1000)).toEqual([8, 24, 27, 30, 39, 40]);
    expect(nodeLabel(nodes[0]!.at, s)).toBe('2026年3月1日 08:00:08');
  });

  it('in working days, windows skip weekends and the National Day holiday and end at the close of a day', () => {
    const s = LifecycleSettings.parse({ draftDays: 3, acceptanceDays: 2 });
    // Opened Monday 28 September 2026; 3 + 2 working days: 29 and 30 September, (1–7 October 国庆节), 8 and 9 October,
    // and Saturday 10 October, a make-up working day (调休上班).
    const [committed] = milestoneNodes(new Date('2026-09-28T02:00:00Z'), s);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(committed!.at);
    expect(committed!.at.toISOString().endsWith('T15:59:59.000Z')).toBe(true); // 23:59:59 in Beijing
    expect(day).toBe('2026-10-10');
    expect(nodeLabel(committed!.at, s)).toBe('2026年10月10日');
  });
});
