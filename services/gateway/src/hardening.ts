import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, OperationTypeNode, visit, type DocumentNode, type ValidationContext } from 'graphql';
import type { AppConfig } from '@pingyi/config';
import { ErrorCode } from '@pingyi/contracts';
import type { GatewayContext } from './identity-forwarding';

/**
 * Limits on every document the gateway accepts (graphql-armor). The deepest query the platform sends (a commitment
 * with rectifications and their accountabilities) has depth 4 and no aliases or directives, the longest 85 tokens.
 */
export const GRAPHQL_LIMITS = {
  maxDepth: 8,
  maxAliases: 15,
  maxDirectives: 5,
  maxCost: 5000,
  maxTokens: 400,
  /** Validation stops after this many errors (no error amplification). */
  maxValidationErrors: 5,
} as const;

const LIMIT_MESSAGES = {
  maxDepth: `查询嵌套层级过深（最多 ${GRAPHQL_LIMITS.maxDepth} 层）`,
  maxAliases: `查询使用的别名过多（最多 ${GRAPHQL_LIMITS.maxAliases} 个）`,
  maxDirectives: `查询使用的指令过多（最多 ${GRAPHQL_LIMITS.maxDirectives} 个）`,
  costLimit: `查询代价过高（上限 ${GRAPHQL_LIMITS.maxCost}）`,
} as const;

/** Reports a limit's refusal as one coded validation error with a Chinese message; the detail goes to the log. */
const refuseAs =
  (limit: keyof typeof LIMIT_MESSAGES) =>
  (ctx: ValidationContext | null, error: GraphQLError): void => {
    console.warn(`[gateway] ${limit}: ${error.message}`);
    const refusal = new GraphQLError(LIMIT_MESSAGES[limit], {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, http: { status: 400 } },
    });
    ctx?.reportError(refusal);
  };

const armorCallbacks = (limit: keyof typeof LIMIT_MESSAGES) => ({
  onReject: [refuseAs(limit)],
  propagateOnRejection: false,
});

const isIntrospection = (doc: DocumentNode): boolean => {
  let found = false;
  visit(doc, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
};

/**
 * Introspection only for signed-in callers in development and test; never for the anonymous channel, never in
 * production (where Apollo's own rule refuses it too).
 */
function introspectionGuard(config: AppConfig): ApolloServerPlugin<GatewayContext> {
  const devLike = config.NODE_ENV === 'development' || config.NODE_ENV === 'test';
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          const anonymous = !contextValue.identity || contextValue.identity.roles.includes('public');
          if ((anonymous || !devLike) && isIntrospection(document))
            throw new GraphQLError('不允许对接口进行内省查询', {
              extensions: {
                code: ErrorCode.FORBIDDEN,
                reason: 'introspection disabled',
                http: { status: 403 },
              },
            });
        },
      };
    },
  };
}

/** Refuses mutations over GET even where a CSRF-safe header was sent (Apollo refuses them too; belt and braces). */
const noGetMutations: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart({ request }) {
    return {
      async didResolveOperation({ operation }) {
        if (request.http?.method === 'GET' && operation?.operation !== OperationTypeNode.QUERY)
          throw new GraphQLError('GET 请求只能执行查询，不能执行变更', {
            extensions: { code: 'BAD_REQUEST', http: { status: 405 } },
          });
      },
    };
  },
};

export type HardeningOptions = Pick<
  ApolloServerOptions<BaseContext>,
  | 'introspection'
  | 'csrfPrevention'
  | 'allowBatchedHttpRequests'
  | 'includeStacktraceInErrorResponses'
  | 'hideSchemaDetailsFromClientErrors'
  | 'validationOptions'
  | 'parseOptions'
  | 'maxRecursiveSelections'
> & {
  plugins: ApolloServerPlugin<GatewayContext>[];
  validationRules: NonNullable<ApolloServerOptions<BaseContext>['validationRules']>;
};

/** The Apollo server options that harden the gateway (see SECURITY-gateway.md). */
export function hardeningOptions(config: AppConfig): HardeningOptions {
  const armor = new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, ...armorCallbacks('maxDepth') },
    // Aliases of __typename count too (graphql-armor exempts them by default).
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases, allowList: [], ...armorCallbacks('maxAliases') },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives, ...armorCallbacks('maxDirectives') },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, ...armorCallbacks('costLimit') },
    // graphql-armor's Apollo token plugin throws from parsingDidStart (a 500); graphql-js's own parser limit
    // (parseOptions.maxTokens below) refuses the same documents as a parse error (400) before anything else runs.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { mask: '' },
  }).protect();
  return {
    introspection: config.NODE_ENV !== 'production',
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    validationOptions: { maxErrors: GRAPHQL_LIMITS.maxValidationErrors },
    parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens },
    maxRecursiveSelections: true,
    plugins: [
      ...(armor.plugins as ApolloServerPlugin<GatewayContext>[]),
      introspectionGuard(config),
      noGetMutations,
    ],
    validationRules: armor.validationRules,
  };
}
