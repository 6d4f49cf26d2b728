import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import { AuditEntryObject, AuditLogFilterInput, AuditLogPageObject } from './audit.objects';
import { AuditLogService } from './audit-log.service';

@Resolver(() => AuditEntryObject)
export class AuditLogResolver {
  constructor(private readonly audit: AuditLogService) {}

  @Query(() => AuditLogPageObject, {
    description: '审计日志（全平台的变更操作；仅市级、旗县区管理员，限本人管理范围内）',
  })
  auditLog(
    @CurrentIdentity() who: Identity,
    @Args('filter', { type: () => AuditLogFilterInput, nullable: true }) filter?: AuditLogFilterInput,
    @Args('first', { type: () => Int, nullable: true, description: '每页条数（缺省 50，最多 200）' })
    first?: number,
    @Args('after', { type: () => String, nullable: true, description: '上一页返回的游标' }) after?: string,
  ) {
    return this.audit.page(who, filter ?? {}, first ?? 50, after ?? null);
  }
}
