import type { Config } from 'jest';
import web from './apps/web/jest.config';

const swc = ['@swc/jest', { swcrc: true }] as const;

/**
 * `npm test` runs every project: unit tests beside the code, e2e tests over real HTTP against a
 * real PostgreSQL (embedded in a temp folder by default, DATABASE_URL when set), and the web app's
 * component tests.
 */
const config: Config = {
  maxWorkers: 2,
  // A global option (ignored inside projects): e2e files boot an app and a database.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/apps/api/src'],
      testMatch: ['**/*.spec.ts'],
      transform: { '^.+\\.ts$': swc as never },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/apps/api/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      // Node 20 can require() ESM; jest's module system cannot, so the one ESM-only dependency
      // (content-disposition, via @fastify/static for Swagger UI) is compiled to CommonJS.
      transform: { '^.+\\.(ts|js)$': swc as never },
      transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
      globalSetup: '<rootDir>/apps/api/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/apps/api/test/support/global-teardown.ts',
      slowTestThreshold: 20,
    },
    {
      // The repository's own scripts (build, start) are plain Node.js, tested as they are.
      displayName: 'scripts',
      testEnvironment: 'node',
      roots: ['<rootDir>/scripts'],
      testMatch: ['**/*.spec.js'],
      transform: {},
    },
    // The web app's config is written relative to its own folder; here the repository is the root.
    { ...web, rootDir: __dirname },
  ],
};

export default config;
