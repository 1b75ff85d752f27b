import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, TestApp } from './support/test-app';

const run = promisify(execFile);

/** docs/security.md S24 and the production boot rules of the configuration. */
describe('Production mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ NODE_ENV: 'production' });
  });
  afterAll(() => t.close());

  it('does not expose the API documentation', async () => {
    expect((await t.api.get('/api/docs')).status).toBe(404);
    expect((await t.api.get('/api/docs-json')).status).toBe(404);
    expect((await t.api.get('/api-json')).status).toBe(404);
  });

  it('reveals no versions or host names on the liveness probe', async () => {
    const response = await t.api.get('/api/health/live');
    expect(response.status).toBe(200);
    expect(response.text).not.toMatch(/node|v\d+\.\d+|postgres|hostname|vm/i);
  });

  it('refuses to boot without DATABASE_URL, with one line naming the variable', async () => {
    const entry = join(__dirname, '../src/index.ts');
    const failure = await run(process.execPath, ['-r', 'ts-node/register/transpile-only', entry], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(40),
        SESSION_SECRET: 'y'.repeat(40),
        DATA_ENCRYPTION_KEY: 'z'.repeat(40),
      },
      timeout: 30_000,
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim()).toBe(
      'nestmap: configuration error: DATABASE_URL is required in production (postgresql://user:pass@host:5432/db)',
    );
  });
});
