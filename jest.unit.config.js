const base = require('./jest.base.config');

/** Unit tests: *.spec.ts, no infrastructure. */
module.exports = {
  ...base,
  displayName: 'unit',
  testMatch: ['<rootDir>/{libs,services,workflows,deploy}/**/src/**/*.spec.ts'],
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, '\\.workflow\\.spec\\.ts$'],
};
