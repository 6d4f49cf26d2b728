const base = require('./jest.base.config');

/** End-to-end tests on the real stack (PostgreSQL, Temporal dev server, Kafka, the services). */
module.exports = {
  ...base,
  displayName: 'e2e',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  // Kill -9 of the cluster's own processes: only on the cluster profile (`npm run test:cluster`).
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    ...(process.env['PINGYI_PROFILE'] === 'cluster' ? [] : ['/cluster-faults\\.e2e-spec\\.ts$']),
  ],
  globalSetup: '<rootDir>/test/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/e2e/error-scan.setup.ts'],
  testTimeout: 180_000,
  maxWorkers: 1,
};
