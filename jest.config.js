/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testTimeout: 30000,
  // A Chromium for the browser suites, found or installed before any test runs.
  globalSetup: '<rootDir>/test/globalSetup.ts',
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
};
