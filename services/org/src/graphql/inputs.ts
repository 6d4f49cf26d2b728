import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { CadreRank, Gender, MemberType, UnitField, UnitLevel } from '@pingyi/contracts';
import {
  CadreAssignmentKindGql,
  CadreRankGql,
  GenderGql,
  ImportFormatGql,
  ImportKindGql,
  MemberStatusGql,
  MemberTypeGql,
  UnitFieldGql,
  UnitLevelGql,
  UnitStatusGql,
} from './enums';

@InputType({ description: '新建党组织' })
export class CreateUnitInput {
  @Field({ description: '组织编码（字母、数字、下划线）' }) code!: string;
  @Field() name!: string;
  @Field(() => UnitLevelGql) level!: UnitLevel;
  @Field(() => UnitFieldGql) field!: UnitField;
  @Field(() => ID, { nullable: true, description: '上级组织；市（盟）级组织不填' }) parentId?: string | null;
}

@InputType({ description: '修改党组织' })
export class UpdateUnitInput {
  @Field({ nullable: true }) name?: string;
  @Field(() => UnitFieldGql, { nullable: true }) field?: UnitField;
}

@InputType({ description: '组织搜索条件' })
export class UnitSearchInput {
  @Field(() => ID, { nullable: true, description: '在哪个组织之下搜索；默认为本人可见范围的根' })
  rootId?: string;
  @Field({ nullable: true, description: '名称包含' }) name?: string;
  @Field(() => UnitFieldGql, { nullable: true }) field?: UnitField;
  @Field(() => UnitLevelGql, { nullable: true }) level?: UnitLevel;
  @Field(() => UnitStatusGql, { nullable: true, defaultValue: 'active' }) status?: string;
  @Field(() => Int, { nullable: true, defaultValue: 20 }) first?: number;
  @Field({ nullable: true }) after?: string;
}

@InputType({ description: '党员查询条件' })
export class MemberSearchInput {
  @Field(() => ID) unitId!: string;
  @Field({ nullable: true, defaultValue: true, description: '是否包含下级组织的党员' })
  includeSubtree?: boolean;
  @Field(() => MemberTypeGql, { nullable: true }) type?: MemberType;
  @Field({ nullable: true, description: '姓名包含' }) name?: string;
  @Field(() => MemberStatusGql, { nullable: true, defaultValue: 'active' }) status?: string;
  @Field(() => Int, { nullable: true, defaultValue: 20 }) first?: number;
  @Field({ nullable: true }) after?: string;
}

@InputType({ description: '添加党员' })
export class AddMemberInput {
  @Field() name!: string;
  @Field(() => GenderGql) gender!: Gender;
  @Field({ description: '18 位身份证号' }) idNumber!: string;
  @Field({ description: '入党日期 YYYY-MM-DD' }) joinedAt!: string;
  @Field(() => MemberTypeGql) type!: MemberType;
  @Field(() => CadreRankGql, { nullable: true }) cadreRank?: CadreRank | null;
  @Field(() => String, { nullable: true, description: '外出地点（流动党员必填）' }) mobileLocation?:
    string | null;
  @Field(() => ID, { description: '所在党支部' }) branchId!: string;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
}

@InputType({ description: '修改党员信息' })
export class UpdateMemberInput {
  @Field({ nullable: true }) name?: string;
  @Field(() => GenderGql, { nullable: true }) gender?: Gender;
  @Field({ nullable: true }) joinedAt?: string;
  @Field(() => MemberTypeGql, { nullable: true }) type?: MemberType;
  @Field(() => CadreRankGql, { nullable: true }) cadreRank?: CadreRank | null;
  @Field(() => String, { nullable: true }) mobileLocation?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
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

@InputType({ description: '开始批量导入' })
export class StartImportInput {
  @Field(() => ImportKindGql) kind!: 'units' | 'members';
  @Field({ description: '文件名（.csv 或 .xlsx）' }) fileName!: string;
  @Field({ description: '文件内容（Base64）' }) contentBase64!: string;
  @Field({ defaultValue: false, description: '只校验不写入' }) dryRun!: boolean;
}

@InputType()
export class TemplateInput {
  @Field(() => ImportKindGql) kind!: 'units' | 'members';
  @Field(() => ImportFormatGql, { defaultValue: 'xlsx' }) format!: 'csv' | 'xlsx';
}
