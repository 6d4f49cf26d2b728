import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { gatewaySystemIdentity, signForwardedIdentity } from '@pingyi/auth';
import { IDENTITY_HEADER, type Identity } from '@pingyi/contracts';
import { injectTrace } from '@pingyi/observability';
import { Agent, fetch as undiciFetch } from 'undici';

type Fetcher = NonNullable<RemoteGraphQLDataSource['fetcher']>;

/** Default deadline of one subgraph request (SUBGRAPH_TIMEOUT_MS). */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 15_000;

/**
 * Subgraph calls go through undici, which retires an idle connection two seconds before the subgraph's advertised
 * keep-alive timeout. The default fetcher kept idle sockets for ever and could write a request into one the subgraph
 * was closing ("socket hang up"). Each request has a deadline (headers and body together): a subgraph that does not
 * answer in time is abandoned and the caller gets UNAVAILABLE instead of a request that hangs.
 */
const subgraphAgent = new Agent({ headersTimeout: 0, bodyTimeout: 0 });
export const createSubgraphFetcher =
  (timeoutMs: number): Fetcher =>
  async (url: string, init: Parameters<typeof undiciFetch>[1]) => {
    try {
      return await undiciFetch(url, {
        ...init,
        dispatcher: subgraphAgent,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      // The abort is a DOMException whose message is read-only; the gateway rewrites messages, so hand it a plain Error.
      if ((e as { name?: string }).name === 'TimeoutError')
        throw new Error(`subgraph ${url}: timeout after ${timeoutMs} ms`);
      throw e;
    }
  };
export const subgraphFetcher: Fetcher = createSubgraphFetcher(DEFAULT_SUBGRAPH_TIMEOUT_MS);

export interface GatewayContext {
  identity?: Identity;
}

/** Sends each subgraph request with the caller's identity, signed by the gateway. */
export class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    config: { url: string },
    private readonly internalSecret: string,
    timeoutMs = DEFAULT_SUBGRAPH_TIMEOUT_MS,
  ) {
    super({ ...config, fetcher: createSubgraphFetcher(timeoutMs) });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Requests made while composing the supergraph carry no caller: the gateway's system identity sees nothing.
    const caller = (options as { context?: GatewayContext }).context?.identity;
    const identity: Identity = caller ?? gatewaySystemIdentity;
    options.request.http?.headers.set(
      IDENTITY_HEADER,
      await signForwardedIdentity(identity, this.internalSecret),
    );
    // The subgraph continues this trace: the active span here is the gateway's fetch to that subgraph.
    const trace: Record<string, string> = {};
    injectTrace(trace);
    for (const [k, v] of Object.entries(trace)) options.request.http?.headers.set(k, v);
  }
}
