import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { CadreRank, Gender, MemberType, UnitField, UnitLevel } from '@pingyi/contracts';
import {
  CadreAssignmentKindGql,
  CadreRankGql,
  GenderGql,
  ImportFormatGql,
  ImportKindGql,
  ImportStatusGql,
  MemberStatusGql,
  MemberTypeGql,
  ReviewerBasisGql,
  SubjectKindGql,
  UnitFieldGql,
  UnitLevelGql,
  UnitStatusGql,
} from './enums';

@ObjectType('Unit', { description: '党组织' })
@Directive('@key(fields: "id")')
export class UnitObject {
  @Field(() => ID) id!: string;
  @Field({ description: '组织编码' }) code!: string;
  @Field({ description: '组织名称' }) name!: string;
  @Field(() => UnitLevelGql) level!: UnitLevel;
  @Field({ description: '组织层级（中文）' }) levelLabel!: string;
  @Field(() => UnitFieldGql) field!: UnitField;
  @Field({ description: '组织领域（中文）' }) fieldLabel!: string;
  @Field({ description: '组织路径（编码以点分隔）' }) path!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => ID, { nullable: true }) secretaryId!: string | null;
  @Field(() => UnitStatusGql) status!: string;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => String, { nullable: true }) closedReason!: string | null;
}

@ObjectType('MemberTransfer', { description: '组织关系转接记录' })
export class MemberTransferObject {
  @Field(() => ID) fromBranchId!: string;
  @Field(() => ID) toBranchId!: string;
  @Field() fromPath!: string;
  @Field() toPath!: string;
  @Field() reason!: string;
  @Field() at!: Date;
}

@ObjectType('Member', { description: '党员' })
@Directive('@key(fields: "id")')
export class MemberObject {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => GenderGql) gender!: Gender;
  @Field({ description: '身份证号（脱敏）' }) idNumberMasked!: string;
  @Field({ description: '出生日期 YYYY-MM-DD' }) birthDate!: string;
  @Field({ description: '入党日期 YYYY-MM-DD' }) joinedAt!: string;
  @Field(() => MemberTypeGql) type!: MemberType;
  @Field({ description: '党员类别（中文）' }) typeLabel!: string;
  @Field(() => CadreRankGql, { nullable: true }) cadreRank!: CadreRank | null;
  @Field(() => String, { nullable: true, description: '外出地点' }) mobileLocation!: string | null;
  @Field(() => ID) branchId!: string;
  @Field() branchPath!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => MemberStatusGql) status!: string;
  @Field(() => String, { nullable: true }) leftReason!: string | null;
}

@ObjectType('UnitTreeNode', { description: '组织树节点（按路径排序的扁平列表）' })
export class UnitTreeNodeObject {
  @Field(() => UnitObject) unit!: UnitObject;
  @Field(() => Int, { description: '相对根节点的深度，根为 0' }) depth!: number;
  @Field(() => Int, { description: '直接下级组织数' }) childCount!: number;
}

@ObjectType('UnitPage')
export class UnitPageObject {
  @Field(() => [UnitObject]) items!: UnitObject[];
  @Field(() => Int) totalCount!: number;
  @Field(() => String, { nullable: true, description: '下一页游标；为空表示没有更多' }) nextCursor!:
    string | null;
}

@ObjectType('MemberPage')
export class MemberPageObject {
  @Field(() => [MemberObject]) items!: MemberObject[];
  @Field(() => Int) totalCount!: number;
  @Field(() => String, { nullable: true, description: '下一页游标；为空表示没有更多' }) nextCursor!:
    string | null;
}

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

@ObjectType('ImportRowError', { description: '导入文件中的一处错误' })
export class ImportRowErrorObject {
  @Field(() => Int, { description: '行号（表头为第 1 行）' }) row!: number;
  @Field(() => String, { nullable: true }) column!: string | null;
  @Field() message!: string;
}

@ObjectType('ImportJob', { description: '批量导入任务' })
export class ImportJobObject {
  @Field(() => ID) id!: string;
  @Field(() => ImportKindGql) kind!: string;
  @Field(() => ImportFormatGql) format!: string;
  @Field() fileName!: string;
  @Field() dryRun!: boolean;
  @Field(() => ImportStatusGql) status!: string;
  @Field(() => Int) totalRows!: number;
  @Field(() => Int) processedRows!: number;
  @Field(() => Int, { description: '进度百分比 0–100' }) percent!: number;
  @Field(() => Int) inserted!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => Int) errorCount!: number;
  @Field(() => [ImportRowErrorObject]) errors!: ImportRowErrorObject[];
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}

@ObjectType('ImportTemplate', { description: '导入模板文件' })
export class ImportTemplateObject {
  @Field() fileName!: string;
  @Field() contentType!: string;
  @Field({ description: '文件内容（Base64）' }) contentBase64!: string;
}
