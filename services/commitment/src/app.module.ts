import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { Topic } from '@pingyi/contracts';
import { PlatformModule, federatedGraphQLModule } from '@pingyi/nest';
import { CommitmentAuditModule } from './audit/commitment-audit.module';
import { CampaignModule } from './campaigns/campaign.module';
import { AccountabilityModule } from './accountability/accountability.module';
import { CommitmentsModule } from './commitments/commitments.module';
import { EvidenceModule } from './evidence/evidence.module';
import { InboxModule } from './inbox/inbox.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { MassEvaluationModule } from './mass-evaluation/mass-evaluation.module';
import { StepsModule } from './steps/steps.module';
import { MilestoneNoticesModule } from './milestone-notices/milestone-notices.module';
import { RedoOrdersModule } from './redo-orders/redo-orders.module';
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
    CommitmentsModule,
    StepsModule,
    MassEvaluationModule,
    AccountabilityModule,
    InboxModule,
    CampaignModule,
    SpotChecksModule,
    ReportsModule,
    MilestoneNoticesModule,
    CommitmentAuditModule,
    RedoOrdersModule,
    EvidenceModule,
  ],
})
export class AppModule {}
