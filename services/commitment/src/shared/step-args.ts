import { Args, ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import type { UpdateOutcome } from '@pingyi/contracts';

@ObjectType('UpdateResult', { description: '办理结果' })
export class UpdateResultObject {
  @Field() ok!: boolean;
  @Field(() => [String], { description: '未通过的原因（中文）' }) failures!: string[];
}

export const result = (o: UpdateOutcome): UpdateResultObject => ({
  ok: o.ok,
  failures: (o.failures ?? []).map((f) => f.message),
});

/** The optional `requestId` argument of every step mutation. */
export const RequestId = () =>
  Args('requestId', {
    type: () => String,
    nullable: true,
    description:
      '请求编号（可选，UUID 或 8–64 位字母、数字、_、-）：同一事项重试时带上同一编号，只办理一次并返回第一次的结果',
  });

/** The arguments of a step on one commitment (more in a subclass). */
@ArgsType()
export class OnCommitment {
  @Field(() => ID) commitmentId!: string;
}
