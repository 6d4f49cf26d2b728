import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import type { CommitmentUpdates, RectificationUpdates } from '@pingyi/contracts';
import {
  FollowUpMethodGql,
  MutualReviewModeGql,
  OutcomeResultGql,
  ReviewDecisionGql,
  ReviewGradeGql,
  ReviewModeGql,
  SendBackTargetGql,
} from '../shared/enums';
import { OnCommitment } from '../shared/step-args';

type Args<K extends keyof CommitmentUpdates, F extends keyof CommitmentUpdates[K]> = CommitmentUpdates[K][F];
type RArgs<
  K extends keyof RectificationUpdates,
  F extends keyof RectificationUpdates[K],
> = RectificationUpdates[K][F];

/** The arguments of each step mutation (the `requestId` of every step is its own decorator, `@RequestId()`). */
@InputType()
export class CommitmentItemInputType {
  @Field() content!: string;
  @Field() target!: string;
  @Field() dueDate!: string;
}

@InputType()
export class MeasureInput {
  @Field(() => ID, { description: '定责任人' }) ownerId!: string;
  @Field({ description: '定目标' }) target!: string;
  @Field({ description: '定措施' }) measures!: string;
  @Field({ description: '定时限 YYYY-MM-DD' }) deadline!: string;
  @Field({ nullable: true, description: '挂牌督办' }) listed?: boolean;
}

@InputType()
export class LeadershipReviewInputType {
  @Field(() => ReviewModeGql) mode!: Args<'submitLeadershipReview', 'mode'>;
  @Field() achievements!: string;
  @Field(() => [String]) shortcomings!: string[];
  @Field() causes!: string;
  @Field(() => [MeasureInput]) measures!: MeasureInput[];
  @Field(() => ReviewGradeGql) grade!: Args<'submitLeadershipReview', 'grade'>;
  @Field(() => String, {
    nullable: true,
    deprecationReason: '签名改由系统按登录身份、时间和点评内容摘要生成，此参数不再使用，填写的内容将被忽略',
  })
  signature?: string | null;
  @Field(() => Int, { nullable: true, description: '从打开点评表到提交的秒数（防走过场参考，不影响通过）' })
  secondsSpent?: number | null;
}

@ArgsType()
export class SubmitCommitmentArgs extends OnCommitment {
  @Field(() => [CommitmentItemInputType]) items!: CommitmentItemInputType[];
}

@ArgsType()
export class ReviewCommitmentArgs extends OnCommitment {
  @Field(() => ReviewDecisionGql) decision!: Args<'reviewCommitment', 'decision'>;
  @Field(() => String, { nullable: true }) reasons?: string;
}

@ArgsType()
export class ReportProgressArgs extends OnCommitment {
  @Field(() => Int) itemIndex!: number;
  @Field(() => Int) percent!: number;
  @Field() note!: string;
  @Field(() => [String], { defaultValue: [], description: '佐证说明（文字）' }) evidence!: string[];
  @Field(() => [ID], {
    nullable: true,
    defaultValue: [],
    description: '佐证材料文件（本人为该承诺上传的，POST /files）',
  })
  evidenceFileIds?: string[] | null;
}

@ArgsType()
export class SelfEvaluationArgs extends OnCommitment {
  @Field() text!: string;
  @Field() priorWorkSummary!: string;
}

@ArgsType()
export class MutualReviewArgs extends OnCommitment {
  @Field(() => MutualReviewModeGql) mode!: Args<'submitMutualReview', 'mode'>;
  @Field() opinion!: string;
}

@ArgsType()
export class LeadershipReviewArgs extends OnCommitment {
  @Field(() => LeadershipReviewInputType) review!: LeadershipReviewInputType;
}

@ArgsType()
export class DecideOutcomeArgs extends OnCommitment {
  @Field(() => OutcomeResultGql) result!: Args<'decideOutcome', 'result'>;
  @Field(() => String, { nullable: true }) note?: string;
}

@ArgsType()
export class CancelCommitmentArgs extends OnCommitment {
  @Field() reason!: string;
}

/** The arguments of a step on one rectification (more in a subclass). */
@ArgsType()
export class OnRectification {
  @Field(() => ID) rectificationId!: string;
}

@ArgsType()
export class RectificationProgressArgs extends OnRectification {
  @Field() note!: string;
}

@ArgsType()
export class CompleteRectificationArgs extends OnRectification {
  @Field() note!: string;
  @Field(() => [String], { defaultValue: [], description: '佐证说明（文字）；与佐证材料文件至少有一项' })
  evidence!: string[];
  @Field(() => [ID], {
    nullable: true,
    defaultValue: [],
    description: '佐证材料文件（本人为该整改事项或其承诺上传的，POST /files）',
  })
  evidenceFileIds?: string[] | null;
}

@ArgsType()
export class VerifyRectificationArgs extends OnRectification {
  @Field() approve!: boolean;
  @Field(() => String, { nullable: true }) comment?: string;
}

@ArgsType()
export class FollowUpArgs extends OnRectification {
  @Field(() => FollowUpMethodGql) method!: RArgs<'recordFollowUp', 'method'>;
  @Field() satisfied!: boolean;
  @Field() note!: string;
}

@ArgsType()
export class SendBackArgs extends OnCommitment {
  @Field(() => SendBackTargetGql, { description: '退回到的环节' }) to!: Args<'sendBack', 'to'>;
  @Field({ description: '退回理由' }) reasons!: string;
}
