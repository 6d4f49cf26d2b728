import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Topic } from '@pingyi/contracts';
import { loadConfig } from '@pingyi/config';
import { PlatformModule, subgraphContextFactory } from '@pingyi/nest';
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
    GraphQLModule.forRoot<ApolloFederationDriverConfig>({
      driver: ApolloFederationDriver,
      autoSchemaFile: { federation: 2 },
      sortSchema: true,
      context: subgraphContextFactory(loadConfig().INTERNAL_IDENTITY_SECRET),
      introspection: true,
      includeStacktraceInErrorResponses: false,
    }),
    CommitmentModule,
  ],
})
export class AppModule {}
