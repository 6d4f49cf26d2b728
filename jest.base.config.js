/** Shared jest settings: SWC transform (with decorator metadata for NestJS/MikroORM), @pingyi/* mapped to sources. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@pingyi/(contracts|config|auth|calendar|persistence|messaging|temporal|nest|exports)$':
      '<rootDir>/libs/$1/src',
    '^@pingyi/workflows$': '<rootDir>/workflows/src',
    '^@pingyi/local-stack$': '<rootDir>/deploy/local/src',
    '^@pingyi/seed$': '<rootDir>/deploy/seed/src',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.cache/'],
  modulePathIgnorePatterns: ['<rootDir>/.cache/', '/dist/'],
};
