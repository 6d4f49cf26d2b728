import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { UnitField, UnitLevel } from '@pingyi/contracts';
import { UnitLevelGql, UnitFieldGql, UnitStatusGql } from '../shared/graphql/enums';
import { UnitObject } from '../shared/graphql/objects';

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
