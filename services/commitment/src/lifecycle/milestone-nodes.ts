import {
  MILESTONES,
  MILESTONE_ORDER,
  beijingTime,
  type LifecycleSettings,
  type Milestone,
} from '@pingyi/contracts';
import { windowEnd } from './deadlines';

export interface MilestoneNode {
  milestone: Milestone;
  at: Date;
}

/** The nodes (节点) of the calendar of commitments opened at `openedAt`: the windows run one after another. */
export function milestoneNodes(openedAt: Date, settings: LifecycleSettings): MilestoneNode[] {
  let t = openedAt;
  return MILESTONE_ORDER.map((milestone) => {
    for (const w of MILESTONES[milestone].windows)
      t = windowEnd(t, {
        amount: settings[w],
        unit: settings.unit,
        ...(w === 'followUpDelayDays' ? { calendarDays: true } : {}),
      });
    return { milestone, at: t };
  });
}

/** A node's time as shown to people: the day in China, or the instant in seconds mode. */
export function nodeLabel(at: Date, settings: LifecycleSettings): string {
  if (settings.unit === 'second') return beijingTime(at, true);
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' }).format(at);
}
