import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { Topic } from '@pingyi/contracts';
import { PlatformModule, federatedGraphQLModule } from '@pingyi/nest';
import { CommitmentAuditModule } from './audit/commitment-audit.module';
import { CampaignModule } from './campaigns/campaign.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { SupervisionModule } from './supervision/supervision.module';
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
    SupervisionModule,
    CommitmentAuditModule,
  ],
})
export class AppModule {}
