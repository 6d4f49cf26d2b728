import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { gatewaySystemIdentity, signForwardedIdentity } from '@pingyi/auth';
import { IDENTITY_HEADER, type Identity } from '@pingyi/contracts';
import { Agent, fetch as undiciFetch } from 'undici';

type Fetcher = NonNullable<RemoteGraphQLDataSource['fetcher']>;

/**
 * Subgraph calls go through undici, which retires an idle connection two seconds before the subgraph's advertised
 * keep-alive timeout. The default fetcher kept idle sockets for ever and could write a request into one the subgraph
 * was closing ("socket hang up"). No header or body deadline: a long import waits as before.
 */
const subgraphAgent = new Agent({ headersTimeout: 0, bodyTimeout: 0 });
export const subgraphFetcher: Fetcher = (url: string, init: Parameters<typeof undiciFetch>[1]) =>
  undiciFetch(url, { ...init, dispatcher: subgraphAgent });

export interface GatewayContext {
  identity?: Identity;
}

/** Sends each subgraph request with the caller's identity, signed by the gateway. */
export class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    config: { url: string },
    private readonly internalSecret: string,
  ) {
    super({ ...config, fetcher: subgraphFetcher });
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
