import { Module } from '@nestjs/common';
import { AuditModule } from '@pingyi/nest';
import { AuditEventsConsumer } from './audit-events.consumer';
import { AuditLogResolver } from './audit-log.resolver';
import { AuditLogService } from './audit-log.service';

const UNIT = { sql: `select path::text as path from org.unit where id = $1::uuid`, uuid: true };
const MEMBER = { sql: `select branch_path::text as path from org.member where id = $1::uuid`, uuid: true };

/** Audits the org subgraph's mutations and serves `auditLog`, the platform's one audit query. */
@Module({
  imports: [
    AuditModule.forService({
      source: 'org',
      targetPlaces: {
        // `id` names a unit, a member or an inspection group (whose place is its creator's scope).
        id: {
          sql: `select path::text as path from org.unit where id = $1::uuid
                union all select branch_path::text from org.member where id = $1::uuid limit 1`,
          uuid: true,
        },
        unitId: UNIT,
        parentId: UNIT,
        branchId: UNIT,
        a: UNIT,
        memberId: MEMBER,
        cadreId: MEMBER,
      },
    }),
  ],
  providers: [AuditLogService, AuditLogResolver, AuditEventsConsumer],
})
export class OrgAuditModule {}
