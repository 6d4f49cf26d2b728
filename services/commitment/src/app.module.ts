import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { Topic } from '@pingyi/contracts';
import { PlatformModule, federatedGraphQLModule } from '@pingyi/nest';
import { CommitmentAuditModule } from './audit/commitment-audit.module';
import { CampaignModule } from './campaigns/campaign.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { MilestoneNoticesModule } from './milestone-notices/milestone-notices.module';
import { ReportsModule } from './reports/reports.module';
import { SpotChecksModule } from './spot-checks/spot-checks.module';
import { entities, SCHEMA } from './entities';

@Module({
  imports: [
    PlatformModule.forService({
      name: 'commitment',
      schema: SCHEMA,
      entities,
      migrationsPath: join(__dirname, 'migrations'),
      topics: [Topic.commitment],
    }),
    federatedGraphQLModule(),
    LifecycleModule,
    CampaignModule,
    SpotChecksModule,
    ReportsModule,
    MilestoneNoticesModule,
    CommitmentAuditModule,
  ],
})
export class AppModule {}
