import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { CadreAssignmentKindGql } from '../shared/graphql/enums';

@ObjectType('MemberTransfer', { description: '组织关系转接记录' })
export class MemberTransferObject {
  @Field(() => ID) fromBranchId!: string;
  @Field(() => ID) toBranchId!: string;
  @Field() fromPath!: string;
  @Field() toPath!: string;
  @Field() reason!: string;
  @Field() at!: Date;
}

@ObjectType('CadreAssignment', { description: '领导干部联系点或分管范围' })
export class CadreAssignmentObject {
  @Field(() => ID) cadreId!: string;
  @Field(() => ID) unitId!: string;
  @Field(() => CadreAssignmentKindGql) kind!: string;
}

@ObjectType('BranchPairing', { description: '支部结对' })
export class BranchPairingObject {
  @Field(() => ID) unitA!: string;
  @Field(() => ID) unitB!: string;
}

@ObjectType('InspectionGroup', { description: '指导检查组' })
export class InspectionGroupObject {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => ID) leaderId!: string;
  @Field(() => [ID]) memberIds!: string[];
  @Field(() => [ID]) scopeUnitIds!: string[];
}

@InputType({ description: '设置领导干部联系点/分管' })
export class CadreAssignmentInput {
  @Field(() => ID) cadreId!: string;
  @Field(() => ID) unitId!: string;
  @Field(() => CadreAssignmentKindGql) kind!: 'liaison' | 'oversight';
}

@InputType({ description: '指导检查组' })
export class InspectionGroupInput {
  @Field() name!: string;
  @Field(() => ID) leaderId!: string;
  @Field(() => [ID]) memberIds!: string[];
  @Field(() => [ID], { description: '检查范围（组织）' }) scopeUnitIds!: string[];
}
