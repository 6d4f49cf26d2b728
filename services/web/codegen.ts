import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the federated schema (schema/supergraph.graphql, the gateway's composed schema; the browser
 * tests fail when it differs from what the gateway serves). An operation that no longer fits the schema fails here,
 * and so `npm run build`.
 */
const config: CodegenConfig = {
  schema: 'schema/supergraph.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: 'string', ID: 'string' },
      },
    },
  },
};

export default config;
