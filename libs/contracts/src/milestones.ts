import { Stage, type LifecycleSettings } from './lifecycle';

/** Stages from `stage` on (cancelled aside). */
const from = (stage: Stage): Stage[] => {
  const order: Stage[] = Stage.options.filter((x) => x !== 'cancelled');
  return order.slice(order.indexOf(stage));
};

/** The windows of LifecycleSettings that run one after another (the follow-up delay counts calendar days). */
export type MilestoneWindow = keyof Pick<
  LifecycleSettings,
  | 'draftDays'
  | 'acceptanceDays'
  | 'publicityDays'
  | 'fulfilmentDays'
  | 'selfEvaluationDays'
  | 'mutualReviewDays'
  | 'leadershipReviewDays'
  | 'massEvaluationDays'
  | 'rectificationDays'
  | 'followUpDelayDays'
  | 'followUpDays'
  | 'outcomeDays'
>;

/**
 * Cumulative milestones of a commitment (一诺一评): reached once its stage is one of `reachedFrom`. Each is also a node
 * of the campaign's calendar (节点), due when the windows up to and including `windows` have run from the opening.
 */
export const MILESTONES = {
  committed: {
    label: '已承诺（审核通过）',
    node: '定诺及审核',
    reachedFrom: from('publicity'),
    windows: ['draftDays', 'acceptanceDays'],
  },
  self_evaluated: {
    label: '已自评',
    node: '公示、践诺及自评',
    reachedFrom: from('mutual_review'),
    windows: ['publicityDays', 'fulfilmentDays', 'selfEvaluationDays'],
  },
  reviewed: {
    label: '已点评',
    node: '互评及领导点评',
    reachedFrom: from('mass_evaluation'),
    windows: ['mutualReviewDays', 'leadershipReviewDays'],
  },
  mass_evaluated: {
    label: '已群众测评',
    node: '群众评议',
    reachedFrom: from('rectification'),
    windows: ['massEvaluationDays'],
  },
  rectified: {
    label: '已整改并回访',
    node: '整改及回访',
    reachedFrom: from('outcome'),
    windows: ['rectificationDays', 'followUpDelayDays', 'followUpDays'],
  },
  closed: { label: '已办结', node: '奖惩及办结', reachedFrom: from('closed'), windows: ['outcomeDays'] },
} as const satisfies Record<
  string,
  { label: string; node: string; reachedFrom: Stage[]; windows: readonly MilestoneWindow[] }
>;
export type Milestone = keyof typeof MILESTONES;
export const MILESTONE_ORDER = Object.keys(MILESTONES) as Milestone[];

export const isMilestone = (m: string): m is Milestone => m in MILESTONES;
export const milestoneReached = (stage: string, m: Milestone): boolean =>
  (MILESTONES[m].reachedFrom as readonly string[]).includes(stage);
