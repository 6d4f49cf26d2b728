const base = require('./jest.base.config');

/** Workflow tests: *.workflow.spec.ts on the time-skipping test server, plus replay of recorded histories. */
module.exports = {
  ...base,
  displayName: 'workflow',
  testMatch: ['<rootDir>/workflows/src/**/*.workflow.spec.ts'],
  testTimeout: 120_000,
  maxWorkers: 1,
};
