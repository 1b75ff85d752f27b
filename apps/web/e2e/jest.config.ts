import type { Config } from 'jest';

/**
 * Browser e2e: real Chromium (playwright-core, /usr/bin/chromium) against the real API on a fresh
 * embedded PostgreSQL and a production build of the web app. The global setup starts both.
 *
 *   npx jest -c apps/web/e2e/jest.config.ts
 */
const config: Config = {
  displayName: 'web-e2e',
  rootDir: '../../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/apps/web/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: {
    '^.+\\.(ts|tsx)$': [
      '@swc/jest',
      { swcrc: false, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ] as never,
  },
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/apps/web/$1',
    '^@nestmap/api-client$': '<rootDir>/libs/api-client/index.ts',
  },
  globalSetup: '<rootDir>/apps/web/e2e/support/global-setup.ts',
  globalTeardown: '<rootDir>/apps/web/e2e/support/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 120_000,
  slowTestThreshold: 60,
};

export default config;
