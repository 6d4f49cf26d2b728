/* A candidate gateway for `npm run bench:gateway`: Hive Gateway (gateway-runtime) on the composed supergraph, with
   the JavaScript query planner or with the Rust one (router-runtime). Started as a child process by
   gateway.bench.ts: node hive-gateway.js --port <p> --planner js|rust --supergraph <file>.
   It keeps the parts of our gateway that every request pays for: the bearer token is verified (HS256), the anonymous
   channel is let through as the public identity, and each subgraph request carries the caller's identity signed
   with INTERNAL_IDENTITY_SECRET (x-pingyi-identity), as services/gateway/src/identity-forwarding.ts does. */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { GraphQLError } from 'graphql';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import * as httpTransport from '@graphql-mesh/transport-http';
import { loadConfig } from '@pingyi/config';
import { createAccessTokenVerifier, gatewaySystemIdentity, signForwardedIdentity } from '@pingyi/auth';
import {
  ErrorCode,
  ErrorMessage,
  IDENTITY_HEADER,
  PUBLIC_CHANNEL_HEADER,
  PUBLIC_IDENTITY,
  type Identity,
} from '@pingyi/contracts';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    planner: { type: 'string', default: 'js' },
    supergraph: { type: 'string' },
    // 'on' is Hive Gateway's default: identical in-flight subgraph queries share one request (see GATEWAY-BENCH.md).
    dedupe: { type: 'string', default: 'off' },
  },
});
const config = loadConfig();
const internalSecret = config.INTERNAL_IDENTITY_SECRET;
const verify = createAccessTokenVerifier({
  issuer: config.JWT_ISSUER,
  secret: config.JWT_SECRET,
  maxAgeSeconds: config.TOKEN_MAX_AGE_SECONDS,
});

interface PingyiContext {
  identity?: Identity;
}

const refuse = () =>
  new GraphQLError(ErrorMessage.UNAUTHENTICATED, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });

/** Verifies the caller once per request; signs the identity into every subgraph request of it. */
const identityForwarding: GatewayPlugin<PingyiContext> = {
  async onContextBuilding({ context, extendContext }) {
    const headers = (context as { request?: Request }).request?.headers;
    if (!headers) return;
    const value = headers.get('authorization');
    if (!value && headers.get(PUBLIC_CHANNEL_HEADER) === 'public') {
      extendContext({ identity: { ...PUBLIC_IDENTITY, roles: [...PUBLIC_IDENTITY.roles] } });
      return;
    }
    const token = value?.match(/^Bearer\s+(.+)$/i)?.[1];
    if (!token) throw refuse();
    try {
      extendContext({ identity: await verify(token) });
    } catch {
      throw refuse();
    }
  },
  async onFetch({ context, options, setOptions }) {
    const identity = (context as PingyiContext).identity ?? gatewaySystemIdentity;
    setOptions({
      ...options,
      headers: {
        ...(options.headers as Record<string, string>),
        [IDENTITY_HEADER]: await signForwardedIdentity(identity, internalSecret),
      },
    });
  },
};

const runtime = createGatewayRuntime<PingyiContext>({
  supergraph: readFileSync(args.supergraph!, 'utf8'),
  logging: 'error',
  landingPage: false,
  graphqlEndpoint: '/graphql',
  transports: { http: httpTransport as never },
  // The identity header is added in onFetch, after the deduplication key is made: two callers asking the same query
  // at once would share one subgraph answer. Off, as @apollo/gateway does, unless asked for to measure it.
  ...(args.dedupe === 'on'
    ? {}
    : { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } }),
  ...(args.planner === 'rust' ? { unifiedGraphHandler } : {}),
  plugins: () => [identityForwarding],
});

// The runtime is a Node request listener; it handles its own promise.
const server = createServer((req, res) => void runtime(req, res)).listen(Number(args.port), '127.0.0.1', () =>
  console.log(`hive gateway (${args.planner}) on http://127.0.0.1:${args.port}/graphql`),
);

// The bench stops this process with SIGTERM: close at once (the runtime's own disposal keeps the server open).
process.once('SIGTERM', () => {
  server.close();
  process.exit(0);
});
