import type { Config } from 'jest';

/**
 * The web app's component and unit tests (jsdom). Runs alone with
 * `npx jest -c apps/web/jest.config.ts`, or as the `web` project of the root jest.config.ts.
 */
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
] as const;

const config: Config = {
  displayName: 'web',
  rootDir: '../..',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/apps/web'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/.next', '/e2e/'],
  setupFiles: ['<rootDir>/apps/web/test/browser-locale.js'],
  transform: { '^.+\\.(ts|tsx)$': swc as never },
  moduleNameMapper: {
    '\\.css$': '<rootDir>/apps/web/test/style-mock.js',
    '^@/(.*)$': '<rootDir>/apps/web/$1',
    '^@nestmap/api-client$': '<rootDir>/libs/api-client/index.ts',
  },
};

export default config;
