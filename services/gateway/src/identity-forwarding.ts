import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { gatewaySystemIdentity, signForwardedIdentity } from '@pingyi/auth';
import { IDENTITY_HEADER, type Identity } from '@pingyi/contracts';

export interface GatewayContext {
  identity?: Identity;
}

/** Sends each subgraph request with the caller's identity, signed by the gateway. */
export class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    config: { url: string },
    private readonly internalSecret: string,
  ) {
    super(config);
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const identity = 'context' in options && options.context?.identity ? options.context.identity : gatewaySystemIdentity;
    options.request.http?.headers.set(IDENTITY_HEADER, await signForwardedIdentity(identity, this.internalSecret));
  }
}
