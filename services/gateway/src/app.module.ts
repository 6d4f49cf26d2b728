import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloGatewayDriver, type ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { IntrospectAndCompose } from '@apollo/gateway';
import { loadConfig } from '@pingyi/config';
import { flushTraces, graphqlMetricsPlugin, startMetrics } from '@pingyi/observability';
import { gatewayContextFactory } from './auth-context';
import { formatGatewayError } from './error-format';
import { ExportsController } from './exports.controller';
import { FilesController } from './files.controller';
import { hardeningOptions } from './hardening';
import { GATEWAY_CONFIG, HealthController } from './health.controller';
import { IdentityForwardingDataSource } from './identity-forwarding';
import { SignInController } from './sign-in.controller';
import { subgraphList } from './subgraphs';

const config = loadConfig();
const hardening = hardeningOptions(config);
startMetrics('gateway');

/** Sends the last requests' spans before the process exits. */
@Injectable()
class TraceFlush implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return flushTraces();
  }
}

@Module({
  imports: [
    GraphQLModule.forRoot<ApolloGatewayDriverConfig>({
      driver: ApolloGatewayDriver,
      server: {
        // No GraphQL IDE on the endpoint: it only answers GraphQL requests.
        playground: false,
        context: gatewayContextFactory(config),
        ...hardening,
        plugins: [...hardening.plugins, graphqlMetricsPlugin],
        formatError: (formatted) => formatGatewayError(formatted),
      },
      gateway: {
        // Spans of planning and of each subgraph fetch; never the query text nor error messages.
        telemetry: { includeDocument: false, recordExceptions: false },
        supergraphSdl: new IntrospectAndCompose({ subgraphs: subgraphList(config) }),
        buildService: ({ url }) =>
          new IdentityForwardingDataSource(
            { url: url! },
            config.INTERNAL_IDENTITY_SECRET,
            config.SUBGRAPH_TIMEOUT_MS,
          ),
      },
    }),
  ],
  controllers: [HealthController, SignInController, FilesController, ExportsController],
  providers: [{ provide: GATEWAY_CONFIG, useValue: config }, TraceFlush],
})
export class AppModule {}
