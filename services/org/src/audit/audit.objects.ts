import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AuditSource } from '@pingyi/contracts';

const SOURCE_LABEL: Record<AuditSource, string> = { org: '组织服务', commitment: '承诺践诺服务' };
export const AuditSourceGql = AuditSource.enum;
registerEnumType(AuditSourceGql, {
  name: 'AuditSource',
  description: '记录该操作的服务',
  valuesMap: Object.fromEntries(AuditSource.options.map((v) => [v, { description: SOURCE_LABEL[v] }])),
});

@ObjectType('AuditEntry', {
  description: '审计日志条目：一次变更操作（谁、什么角色、什么范围、做了什么、对象、结果、时间）',
})
export class AuditEntryObject {
  @Field(() => ID) id!: string;
  @Field(() => AuditSourceGql, { description: '记录来源服务' }) source!: AuditSource;
  @Field({ description: '操作人编号；匿名通道为 anonymous，不记录任何客户端信息' }) personId!: string;
  @Field(() => [String], { description: '操作人角色' }) roles!: string[];
  @Field({ description: '操作人的管理范围（组织路径；匿名通道为 _public）' }) actorScope!: string;
  @Field({ description: '条目所属组织路径（操作对象所在位置，据此限定可见范围）' }) orgPath!: string;
  @Field({ description: '操作（变更名称，如 closeWindow）' }) operation!: string;
  @Field(() => String, { nullable: true, description: '操作对象的参数名（如 commitmentId）' })
  targetKind!: string | null;
  @Field(() => String, { nullable: true, description: '操作对象（编号或组织路径；不含任何填写内容）' })
  target!: string | null;
  @Field({ description: '结果：成功为 ok，否则为错误码' }) outcome!: string;
  @Field({ description: '发生时间' }) occurredAt!: Date;
}

@ObjectType('AuditLogPage', { description: '审计日志分页结果（按时间倒序）' })
export class AuditLogPageObject {
  @Field(() => [AuditEntryObject]) items!: AuditEntryObject[];
  @Field(() => String, { nullable: true, description: '下一页游标；为空表示没有更多' }) nextCursor!:
    string | null;
}

@InputType('AuditLogFilter', { description: '审计日志筛选条件' })
export class AuditLogFilterInput {
  @Field({ nullable: true, description: '操作（变更名称）' }) operation?: string;
  @Field({ nullable: true, description: '操作人编号' }) personId?: string;
  @Field({ nullable: true, description: '结果：ok 或错误码' }) outcome?: string;
  @Field(() => AuditSourceGql, { nullable: true, description: '来源服务' }) source?: AuditSource;
  @Field({ nullable: true, description: '起始时间（含）' }) from?: Date;
  @Field({ nullable: true, description: '截止时间（不含）' }) to?: Date;
  @Field({ nullable: true, description: '组织路径：只看该组织及其下级（须在本人管理范围内）' })
  orgPath?: string;
}

export const AUDIT_PAGE_MAX = 200;
