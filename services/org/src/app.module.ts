import { Module } from '@nestjs/common';
import { Topic } from '@pingyi/contracts';
import { PlatformModule, federatedGraphQLModule } from '@pingyi/nest';
import { OrgAuditModule } from './audit/org-audit.module';
import { entities, ORG_MIGRATIONS_PATH, SCHEMA } from './entities';
import { ImportModule } from './import/import.module';
import { MembersModule } from './members/members.module';
import { RelationsModule } from './relations/relations.module';
import { RulesModule } from './rules/rules.module';
import { CampaignSubjectsObject } from './units/campaign-subjects.resolver';
import { UnitsModule } from './units/units.module';

@Module({
  imports: [
    PlatformModule.forService({
      name: 'org',
      schema: SCHEMA,
      entities,
      migrationsPath: ORG_MIGRATIONS_PATH,
      topics: [Topic.org],
    }),
    federatedGraphQLModule([CampaignSubjectsObject]),
    UnitsModule,
    MembersModule,
    RelationsModule,
    ImportModule,
    RulesModule,
    OrgAuditModule,
  ],
})
export class AppModule {}
