import { registerEnumType } from '@nestjs/graphql';
import {
  FollowUpMethod,
  MemberType,
  MemberTypeLabel,
  MutualReviewMode,
  OutcomeResult,
  OutcomeResultLabel,
  ReviewCommitmentArgs,
  ReviewGrade,
  ReviewGradeLabel,
  ReviewMode,
  ReviewModeLabel,
  SendBackTarget,
} from '@pingyi/contracts';
import type { z } from 'zod';

/**
 * GraphQL enums of the commitment subgraph. Each mirrors a zod enum: a value's GraphQL name is the very string the
 * API took before (so `"accept"` sent as a variable still works) and the workflows receive.
 */
export function register<V extends string>(
  name: string,
  description: string,
  values: readonly V[],
  labels: Record<V, string>,
) {
  const e = Object.fromEntries(values.map((v) => [v, v])) as { [K in V]: K };
  const valuesMap = Object.fromEntries(values.map((v) => [v, { description: labels[v] }])) as Partial<
    Record<V, { description: string }>
  >;
  registerEnumType(e, { name, description, valuesMap });
  return e;
}

type Decision = z.infer<typeof ReviewCommitmentArgs>['decision'];
const DECISIONS: readonly Decision[] = ['accept', 'send_back'];

export const ReviewDecisionGql = register('ReviewDecision', '审核承诺：通过或退回', DECISIONS, {
  accept: '通过',
  send_back: '退回',
});
export const MutualReviewModeGql = register('MutualReviewMode', '互评方式', MutualReviewMode.options, {
  face_to_face: '面对面（实名）',
  anonymous: '背对背（不记录评议人）',
});
export const ReviewModeGql = register('ReviewMode', '点评方式', ReviewMode.options, ReviewModeLabel);
export const ReviewGradeGql = register('ReviewGrade', '点评等次', ReviewGrade.options, ReviewGradeLabel);
export const OutcomeResultGql = register(
  'OutcomeResult',
  '奖惩结果',
  OutcomeResult.options,
  OutcomeResultLabel,
);
export const FollowUpMethodGql = register('FollowUpMethod', '回访方式', FollowUpMethod.options, {
  mass_evaluation: '群众评议',
  colleagues: '同事了解',
  leader_visit: '领导走访',
});
export const SendBackTargetGql = register('SendBackTarget', '退回到的环节', SendBackTarget.options, {
  drafting: '定诺（重新提交承诺）',
  self_evaluation: '自评（重新提交自评和“回头看”总结）',
});
/** The org subgraph's `MemberType` (same name, values and description: one enum in the supergraph). */
export const MemberTypeGql = register('MemberType', '党员类别', MemberType.options, MemberTypeLabel);
