import { StageLabel } from '@pingyi/contracts/lifecycle';
import { MILESTONES } from '@pingyi/contracts/milestones';
import { ReviewGradeLabel } from '@pingyi/contracts/review';

/** Names the list pages use for the filters in their address (the server's own labels). */
export const STAGE: Record<string, string> = StageLabel;
export const GRADE: Record<string, string> = ReviewGradeLabel;
export const MILESTONE: Record<string, string> = Object.fromEntries(
  Object.entries(MILESTONES).map(([k, m]) => [k, m.label]),
);

export const RECTIFICATION: Record<string, string> = {
  any: '',
  open: '整改中或待核验的',
  listed: '挂牌督办的',
  verified: '已核验销号的',
};
