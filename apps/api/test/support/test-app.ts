import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { createApp } from '../../src/main';
import { ApiClient } from './api-client';
import { createTestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  api: ApiClient;
  baseUrl: string;
  databaseUrl: string;
  /** A direct connection for "unchanged in SQL" assertions. */
  sql: Client;
  close(): Promise<void>;
}

export const TEST_SECRETS = {
  JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123456789abcdef',
  SESSION_SECRET: 'test-session-secret-0123456789abcdef0123456789abcdef',
  DATA_ENCRYPTION_KEY: 'test-data-encryption-key-0123456789abcdef0123456789',
};

/**
 * Boots the real application (the same createApp as production) on a fresh database and a free
 * port. `env` overrides configuration, e.g. tighter rate limits for a brute-force test.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  database?: { url: string; directUrl?: string },
): Promise<TestApp> {
  const { url, directUrl }: { url: string; directUrl?: string } = database ?? (await createTestDatabase());
  const { config } = loadConfig({
    NODE_ENV: 'test',
    ...TEST_SECRETS,
    DATABASE_URL: url,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    // Counters in a shared Redis must not leak between test files.
    THROTTLE_KEY_PREFIX: `nestmap-test:${randomBytes(6).toString('hex')}:`,
    THROTTLE_LIMIT: '100000',
    THROTTLE_CLIENT_LIMIT: '100000',
    THROTTLE_AUTH_IP_LIMIT: '100000',
    THROTTLE_AUTH_ACCOUNT_LIMIT: '100000',
    THROTTLE_SHARED_LINK_LIMIT: '100000',
    MAIL_POLL_INTERVAL_MS: '60000',
    // Tests deliver the outbox when they choose (drainOutbox), not at every commit.
    OUTBOX_LISTEN: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const app = await createApp(config, url);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const sql = new Client({ connectionString: directUrl ?? url });
  await sql.connect();
  return {
    app,
    api: new ApiClient(baseUrl),
    baseUrl,
    databaseUrl: url,
    sql,
    close: async () => {
      await sql.end();
      await app.close();
    },
  };
}
