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
    // Requests made while composing the supergraph carry no caller: the gateway's system identity sees nothing.
    const caller = (options as { context?: GatewayContext }).context?.identity;
    const identity: Identity = caller ?? gatewaySystemIdentity;
    options.request.http?.headers.set(
      IDENTITY_HEADER,
      await signForwardedIdentity(identity, this.internalSecret),
    );
  }
}
