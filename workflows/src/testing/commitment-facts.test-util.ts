import type { Lifecycle } from './lifecycle-driver.test-util';

/** Facts of a commitment that goes straight through, with `reports` progress reports. */
export const straightThrough = (reports = 1) => [
  'commitment.opened',
  'commitment.submitted',
  'commitment.reviewer_changed',
  'commitment.stage_changed', // → acceptance
  'commitment.accepted',
  'commitment.stage_changed', // → publicity
  'commitment.stage_changed', // → fulfilment
  ...Array<string>(reports).fill('commitment.progress_reported'),
  'commitment.self_evaluated',
  'commitment.stage_changed', // → mutual_review
  'commitment.mutual_reviewed',
  'commitment.mutual_reviewed',
  'commitment.stage_changed', // → leadership_review
  'review.submitted',
  'commitment.stage_changed', // → mass_evaluation
  'mass_evaluation.closed',
  'commitment.stage_changed', // → rectification
  'commitment.stage_changed', // → follow_up
  'commitment.stage_changed', // → outcome
  'commitment.outcome_decided',
  'commitment.closed',
];
export const ALL_STAGES = [
  'drafting',
  'acceptance',
  'publicity',
  'fulfilment',
  'mutual_review',
  'leadership_review',
  'mass_evaluation',
  'rectification',
  'follow_up',
  'outcome',
  'closed',
];
export const SETTLED_RECTIFICATION = [
  'rectification.opened',
  'rectification.completed',
  'rectification.struck_off',
  'rectification.follow_up_due',
  'rectification.followed_up',
  'rectification.settled',
];

export const closed = (run: Lifecycle) => ({
  commitmentId: run.input.commitmentId,
  stage: 'closed',
  grade: 'good',
  outcome: 'commend',
});
