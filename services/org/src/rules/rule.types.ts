import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { UnitLevelGql, SubjectKindGql, ReviewerBasisGql } from '../shared/graphql/enums';

@ObjectType('PersonRef')
export class PersonRefObject {
  @Field(() => ID) memberId!: string;
  @Field() name!: string;
  @Field(() => ID, { nullable: true }) unitId!: string | null;
  @Field(() => ReviewerBasisGql, { nullable: true }) basis?: string | null;
}

@ObjectType('ReviewerResolution', { description: '谁点评：点评人及依据' })
export class ReviewerResolutionObject {
  @Field(() => SubjectKindGql) subjectKind!: string;
  @Field(() => ID) subjectId!: string;
  @Field(() => ID) subjectUnitId!: string;
  @Field() subjectOrgPath!: string;
  @Field(() => PersonRefObject, { nullable: true }) reviewer!: PersonRefObject | null;
  @Field(() => ReviewerBasisGql, { nullable: true }) basis!: string | null;
  @Field(() => String, { description: '点评依据（中文）', nullable: true }) basisLabel!: string | null;
  @Field(() => [PersonRefObject]) alternates!: PersonRefObject[];
}

@ObjectType('EscalationStep', { description: '逐级督办链上的一级' })
export class EscalationStepObject {
  @Field(() => Int, { description: '0 为本级，1 为上一级…' }) level!: number;
  @Field(() => ID) unitId!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => UnitLevelGql) unitLevel!: string;
  @Field() path!: string;
  @Field(() => PersonRefObject, { nullable: true, description: '责任人（书记）' })
  responsible!: PersonRefObject | null;
}
