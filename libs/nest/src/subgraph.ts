import type { Server } from 'node:http';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { loadConfig } from '@pingyi/config';
import { subgraphContextFactory } from './identity-context';
import { formatSubgraphError } from './error-format';
import {
  graphqlMetricsPlugin,
  JsonLogger,
  startTracing,
  traceRequests,
  useJsonLogs,
} from '@pingyi/observability';
import { inputGuardPlugin } from './input-guard';
import { GraphqlErrorPassThrough } from './graphql-exception-filter';

/**
 * The GraphQL module of every subgraph: Federation 2, code first, caller identity from the gateway; every text input
 * checked before any resolver runs; every error coded, in Chinese, with a correlation id (details to the log only).
 */
export function federatedGraphQLModule(
  // Entities another subgraph owns that this one only adds fields to (no query of its own returns them).
  orphanedTypes: Type<unknown>[] = [],
): DynamicModule {
  return GraphQLModule.forRoot<ApolloFederationDriverConfig>({
    driver: ApolloFederationDriver,
    autoSchemaFile: { federation: 2 },
    buildSchemaOptions: { orphanedTypes },
    sortSchema: true,
    context: subgraphContextFactory(loadConfig().INTERNAL_IDENTITY_SECRET),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    plugins: [inputGuardPlugin, graphqlMetricsPlugin] as NonNullable<ApolloFederationDriverConfig['plugins']>,
    formatError: formatSubgraphError,
  });
}

/**
 * Idle keep-alive connections are closed by the client first (undici after 4 s, browsers and proxies within a
 * minute): a server that closed them at Node's default 5 s raced clients whose event loop was busy, and a request
 * sent on a socket the server had just closed failed with "other side closed".
 */
export function outlastClientKeepAlive(server: Server): void {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

/** Starts an HTTP app (a subgraph or the gateway) on its port; exits with a message when it cannot. */
export function bootstrapHttpApp(name: string, module: Type<unknown>, port: number, path = '/graphql'): void {
  const config = loadConfig();
  const service = name.split(' ')[0]!;
  useJsonLogs(service);
  startTracing(service);
  const start = async () => {
    const app = await NestFactory.create<NestExpressApplication>(module, { logger: new JsonLogger() });
    app.enableShutdownHooks();
    app.useGlobalFilters(new GraphqlErrorPassThrough(app.getHttpAdapter()));
    // Bulk imports travel as base64 inside GraphQL: allow files up to 64 MB.
    app.useBodyParser('json', { limit: '96mb' });
    // Continues the gateway's trace (traceparent) for each GraphQL request.
    app.use(traceRequests(true));
    await app.listen(port, config.LISTEN_HOST);
    outlastClientKeepAlive(app.getHttpServer());
    console.log(`${name} on http://${config.LISTEN_HOST}:${port}${path}`);
  };
  start().catch((e: unknown) => {
    console.error(`${name} failed to start:`, e);
    process.exit(1);
  });
}
