import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { Topic } from '@pingyi/contracts';
import { PlatformModule, federatedGraphQLModule } from '@pingyi/nest';
import { OrgAuditModule } from './audit/org-audit.module';
import { entities, SCHEMA } from './entities';
import { ImportService } from './registry/import.service';
import { OrgReadService } from './registry/org-read.service';
import { OrgRelationsService } from './registry/org-relations.service';
import { MemberResolver, UnitResolver } from './registry/org.resolver';
import { OrgWriteService } from './registry/org-write.service';

@Module({
  imports: [
    PlatformModule.forService({
      name: 'org',
      schema: SCHEMA,
      entities,
      migrationsPath: join(__dirname, 'migrations'),
      topics: [Topic.org],
    }),
    federatedGraphQLModule(),
    OrgAuditModule,
  ],
  providers: [
    OrgReadService,
    OrgWriteService,
    OrgRelationsService,
    ImportService,
    UnitResolver,
    MemberResolver,
  ],
})
export class AppModule {}
