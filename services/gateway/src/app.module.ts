import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloGatewayDriver, type ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { IntrospectAndCompose } from '@apollo/gateway';
import { loadConfig } from '@pingyi/config';
import { graphqlMetricsPlugin, startMetrics } from '@pingyi/observability';
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
  providers: [{ provide: GATEWAY_CONFIG, useValue: config }],
})
export class AppModule {}
