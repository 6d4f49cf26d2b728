import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Topic } from '@pingyi/contracts';
import { loadConfig } from '@pingyi/config';
import { PlatformModule, subgraphContextFactory } from '@pingyi/nest';
import { entities, SCHEMA } from './entities';
import { ImportService } from './registry/import.service';
import { OrgReadService } from './registry/org-read.service';
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
    GraphQLModule.forRoot<ApolloFederationDriverConfig>({
      driver: ApolloFederationDriver,
      autoSchemaFile: { federation: 2 },
      sortSchema: true,
      context: subgraphContextFactory(loadConfig().INTERNAL_IDENTITY_SECRET),
      introspection: true,
      includeStacktraceInErrorResponses: false,
    }),
  ],
  providers: [OrgReadService, OrgWriteService, ImportService, UnitResolver, MemberResolver],
})
export class AppModule {}
