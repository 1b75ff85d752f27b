import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const STRONG = 'x'.repeat(32);
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://u:p@db:5432/nestmap',
  JWT_SECRET: STRONG,
  SESSION_SECRET: STRONG,
  DATA_ENCRYPTION_KEY: 'd'.repeat(32),
};

describe('configuration', () => {
  it('accepts a complete production environment, with production defaults', () => {
    const { config } = loadConfig(production);
    expect(config).toMatchObject({
      nodeEnv: 'production',
      host: '0.0.0.0',
      port: 5000,
      apiDocsEnabled: false,
      corsOrigins: [],
    });
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: undefined }, /DATABASE_URL is required in production/],
    ['JWT_SECRET', { JWT_SECRET: undefined }, /JWT_SECRET is required in production/],
    ['a weak JWT_SECRET', { JWT_SECRET: 'short' }, /JWT_SECRET is too weak: it must be at least 32 bytes/],
    ['a weak SESSION_SECRET', { SESSION_SECRET: 'x'.repeat(31) }, /SESSION_SECRET is too weak/],
    [
      'no DATA_ENCRYPTION_KEY',
      { DATA_ENCRYPTION_KEY: undefined },
      /DATA_ENCRYPTION_KEY is required in production \(at least 32 random bytes\)/,
    ],
    [
      'a weak DATA_ENCRYPTION_KEY',
      { DATA_ENCRYPTION_KEY: 'd'.repeat(31) },
      /DATA_ENCRYPTION_KEY is too weak: it must be at least 32 bytes/,
    ],
    [
      'a weak previous data key',
      { DATA_ENCRYPTION_PREVIOUS_KEYS: `${'p'.repeat(32)},short` },
      /DATA_ENCRYPTION_PREVIOUS_KEYS: every key must be at least 32 bytes/,
    ],
    ['a bad DATABASE_URL', { DATABASE_URL: 'mysql://db' }, /DATABASE_URL must start with postgres: or postgresql:/],
    ['a bad PORT', { PORT: 'eighty' }, /PORT must be an integer/],
  ])('refuses to start in production with %s, naming the variable', (_label, change, message) => {
    expect(() => loadConfig({ ...production, ...change })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, ...change })).toThrow(message);
  });

  it('uses generated, persisted secrets and the embedded database in development, and says so', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nestmap-config-'));
    const first = loadConfig({ NESTMAP_DATA_DIR: dataDir });
    const second = loadConfig({ NESTMAP_DATA_DIR: dataDir });
    expect(first.config.databaseUrl).toBeUndefined();
    expect(Buffer.byteLength(first.config.jwtSecret)).toBeGreaterThanOrEqual(32);
    expect(second.config.jwtSecret).toBe(first.config.jwtSecret);
    expect(Buffer.byteLength(first.config.dataEncryption.key)).toBeGreaterThanOrEqual(32);
    expect(second.config.dataEncryption.key).toBe(first.config.dataEncryption.key);
    expect(first.config.dataEncryption.key).not.toBe(first.config.jwtSecret);
    expect(first.notices.join('\n')).toMatch(/generated development secrets/);
    expect(first.notices.join('\n')).toMatch(/embedded PostgreSQL/);
  });

  it('adds a data encryption key to a development secrets file written before it existed, keeping the others', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nestmap-config-'));
    writeFileSync(
      join(dataDir, 'dev-secrets.json'),
      JSON.stringify({ jwtSecret: 'j'.repeat(48), sessionSecret: 's'.repeat(48) }),
    );
    const { config } = loadConfig({ NESTMAP_DATA_DIR: dataDir });
    expect(config.jwtSecret).toBe('j'.repeat(48));
    expect(Buffer.byteLength(config.dataEncryption.key)).toBeGreaterThanOrEqual(32);
    expect(JSON.parse(readFileSync(join(dataDir, 'dev-secrets.json'), 'utf8')).dataEncryptionKey).toBe(
      config.dataEncryption.key,
    );
  });

  it('reads the data encryption key and the previous keys kept for rotation', () => {
    const { config } = loadConfig({
      ...production,
      DATA_ENCRYPTION_PREVIOUS_KEYS: `${'p'.repeat(32)}, ${'q'.repeat(40)}`,
    });
    expect(config.dataEncryption).toEqual({ key: 'd'.repeat(32), previousKeys: ['p'.repeat(32), 'q'.repeat(40)] });
  });

  it('refuses a weak secret even in development rather than silently replacing it', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET is too weak/);
  });

  it('parses TRUST_PROXY as off, a hop count or a list of addresses', () => {
    expect(loadConfig({ ...production }).config.trustProxy).toBe(false);
    expect(loadConfig({ ...production, TRUST_PROXY: '1' }).config.trustProxy).toBe(1);
    expect(loadConfig({ ...production, TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).config.trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
    ]);
  });

  it('reads the Stripe settings: off without a key, a local stand-in from STRIPE_API_BASE_URL, either publishable key name', () => {
    expect(loadConfig({ ...production }).config.stripe).toEqual({
      timeoutMs: 20_000,
      maxNetworkRetries: 1,
    });
    const local = loadConfig({
      ...production,
      STRIPE_SECRET_KEY: 'sk_test_x',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
      STRIPE_API_BASE_URL: 'http://127.0.0.1:12111',
      NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_test_next',
    }).config.stripe;
    expect(local).toMatchObject({
      secretKey: 'sk_test_x',
      webhookSecret: 'whsec_x',
      publishableKey: 'pk_test_next',
      host: '127.0.0.1',
      port: 12111,
      protocol: 'http',
    });
    expect(
      loadConfig({ ...production, VITE_STRIPE_PUBLIC_KEY: 'pk_vite', NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_next' })
        .config.stripe.publishableKey,
    ).toBe('pk_vite');
    const { notices } = loadConfig({ ...production, STRIPE_SECRET_KEY: 'sk_live_x' });
    expect(notices.join('\n')).toMatch(/STRIPE_WEBHOOK_SECRET not set/);
    expect(() => loadConfig({ ...production, STRIPE_API_BASE_URL: 'ftp://stripe' })).toThrow(ConfigError);
  });

  it('reads the AI model settings, with a documented default model, and refuses an unknown prompt-logging mode', () => {
    const unset = loadConfig({ ...production }).config.ai;
    expect(unset).toMatchObject({ apiKey: undefined, baseUrl: undefined, model: 'gpt-4o-mini', logPrompts: 'off' });
    const ollama = loadConfig({
      ...production,
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
      OPENAI_MODEL: 'llama3.1',
      AI_LOG_PROMPTS: 'redacted',
    }).config.ai;
    expect(ollama).toMatchObject({ baseUrl: 'http://localhost:11434/v1', model: 'llama3.1', logPrompts: 'redacted' });
    expect(() => loadConfig({ ...production, AI_LOG_PROMPTS: 'full' })).toThrow(/AI_LOG_PROMPTS/);
    expect(() => loadConfig({ ...production, OPENAI_BASE_URL: 'ftp://x' })).toThrow(/OPENAI_BASE_URL/);
  });
});
