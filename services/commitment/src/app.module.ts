import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { Topic } from '@pingyi/contracts';
import { PlatformModule, federatedGraphQLModule } from '@pingyi/nest';
import { CommitmentModule } from './commitment/commitment.module';
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
    CommitmentModule,
  ],
})
export class AppModule {}
