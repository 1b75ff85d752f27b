import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { GeocoderSettings } from '../places/geocoder';

/**
 * The one typed configuration of the API, read from the environment once at boot.
 * Nothing outside `config/` reads `process.env`.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Absent in development means "start the embedded PostgreSQL". */
  databaseUrl?: string;
  embeddedPostgres: { dataDir: string; port: number };
  database: {
    poolSize: number;
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    /** Shorter than the statement timeout: a request waiting on a lock gives its pooled connection back soon. */
    lockTimeoutMs: number;
    ssl: boolean;
    replicaUrls: string[];
  };
  jwtSecret: string;
  /** Pepper for hashing refresh and invitation tokens at rest (HMAC-SHA256). */
  sessionSecret: string;
  /**
   * Personal data encrypted at rest (passenger dates of birth and document numbers): the current
   * key, and previous keys still accepted for reading while values are re-encrypted (rotation).
   */
  dataEncryption: { key: string; previousKeys: string[] };
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  refreshTokenAbsoluteTtlSeconds: number;
  invitationTtlSeconds: number;
  corsOrigins: string[];
  /** Fastify `trustProxy`: false, true, a hop count, or a list of addresses/CIDRs. */
  trustProxy: boolean | number | string[];
  bodyLimitBytes: number;
  /** Node's HTTP server: the whole request (headers and body), and the headers alone. */
  http: { requestTimeoutMs: number; headersTimeoutMs: number };
  redisUrl?: string;
  throttle: {
    keyPrefix: string;
    defaultLimit: number;
    defaultTtlSeconds: number;
    /** Requests per client across all routes per `defaultTtlSeconds` (the per-route limit is `defaultLimit`). */
    clientLimit: number;
    authIpLimit: number;
    authAccountLimit: number;
    authTtlSeconds: number;
    /** Per IP on the public secret-link routes (shared trips): bounds token guessing. */
    sharedLinkLimit: number;
    sharedLinkTtlSeconds: number;
  };
  mail: {
    from: string;
    sendgridApiKey?: string;
    sendgridBaseUrl?: string;
    pollIntervalMs: number;
    maxAttempts: number;
    retryBaseMs: number;
  };
  /** Wake the outbox worker on the NOTIFY sent at commit (the poll interval stays the fallback). */
  outbox: { listen: boolean };
  /** Public URL of the web app; invitation links point here. */
  webUrl: string;
  apiDocsEnabled: boolean;
  logLevel: string;
  /**
   * Under PM2 (which sets `pm_id`), logs go through `process.stdout`: PM2's cluster workers hook
   * that stream to fill its log files, and bytes written straight to fd 1 would bypass them.
   */
  logThroughStdoutStream: boolean;
  sentryDsn?: string;
  /** `/api/metrics` for non-loopback scrapers; a per-worker loopback port under PM2 cluster mode. */
  metrics: { token?: string; workerPort?: number };
  /** Reported with errors: `SENTRY_RELEASE`, else `nestmap@<package version>`. */
  release: string;
  /** Where `POST /api/exchange-rates/refresh` reads the ECB's daily reference rates (XML). */
  exchangeRates: { ecbUrl: string; timeoutMs: number };
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
  /** Place search's optional geocoder (`GEOCODER_URL`): none by default. */
  geocoder?: GeocoderSettings;
  /**
   * The flight supplier, chosen at boot (docs/booking.md § Suppliers): Duffel when a key is set, else
   * the built-in sandbox. `duffelBaseUrl` points the SDK elsewhere (a local stand-in in tests); the
   * timeout bounds every supplier call, retries included.
   */
  flights: { duffelApiKey?: string; duffelBaseUrl?: string; supplierTimeoutMs: number };
  /**
   * The stay supplier (docs/stays.md § Which supplier): `STAY_SUPPLIER`, or when unset chosen by the
   * keys present (Duffel, then Booking.com, else the sandbox; Amadeus only when named). Each partner's
   * settings are present only when its credentials are.
   */
  stays: {
    supplier?: StaySupplierName;
    bookingCom?: { apiKey: string; affiliateId: string; baseUrl: string; bookerCountry: string; timeoutMs: number };
    amadeus?: {
      clientId: string;
      clientSecret: string;
      /** `test` or `production` (the SDK's hosts), or a URL (a local stand-in in tests). */
      hostname: 'test' | 'production';
      baseUrl?: string;
      timeoutMs: number;
    };
  };
  /**
   * Flight bookings (docs/booking.md § Bookings): how often the reconciler looks for bookings stuck
   * in `ordering` (0: never, tests call it), after how long one counts as stuck, and after how long
   * with no order found at the supplier it is failed; the Duffel webhook's signing secret.
   */
  booking: {
    reconcileIntervalMs: number;
    orderingStaleMs: number;
    orderingDeadlineMs: number;
    /** Bookings one person may make in 24 hours (S15); 0: no limit. */
    dailyLimitPerUser: number;
    duffelWebhookSecret?: string;
  };
  /**
   * The AI assistant (docs/ai.md): OpenAI or any OpenAI-compatible server. Configured when a key or
   * a base URL is set (a local Ollama needs no key); otherwise the model routes answer 503.
   */
  ai: {
    apiKey?: string;
    baseUrl?: string;
    model: string;
    /** One model request, each retry included separately (the SDK's `timeout`). */
    timeoutMs: number;
    /** The SDK's own retries on 408/409/429/5xx and lost connections, with backoff and `retry-after`. */
    maxRetries: number;
    /** `off` (default): no prompt or completion is ever logged; `redacted`: logged with names, e-mails and numbers masked. */
    logPrompts: 'off' | 'redacted';
  };
}

/** The model used when OPENAI_MODEL is not set: small, cheap, and supports structured outputs. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

export class ConfigError extends Error {}

/** The version in the project's package.json, found from wherever this file was compiled to. */
function packageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = resolve(dir, 'package.json');
    if (!existsSync(file)) continue;
    const { name, version } = JSON.parse(readFileSync(file, 'utf8'));
    if (name === 'nestmap') return version;
  }
  return 'unknown';
}

type Env = Record<string, string | undefined>;

export const STAY_SUPPLIER_NAMES = ['sandbox', 'duffel', 'booking_com', 'amadeus'] as const;
export type StaySupplierName = (typeof STAY_SUPPLIER_NAMES)[number];

/** Booking.com's Demand API, version 3.1 (docs/stays.md § Booking.com). */
export const BOOKING_COM_PRODUCTION_URL = 'https://demandapi.booking.com/3.1';

const MIN_SECRET_BYTES = 32;

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be an integer >= ${min} (got "${raw}")`);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function parseTrustProxy(raw: string | undefined): AppConfig['trustProxy'] {
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return list(raw);
}

function checkUrl(name: string, value: string | undefined, protocols: string[]): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}`);
  }
  return value;
}

/**
 * Development secrets are generated once and kept in the git-ignored data folder, so every
 * process of a dev machine (and every restart) signs and verifies with the same keys.
 */
type DevSecrets = { jwtSecret: string; sessionSecret: string; dataEncryptionKey: string };

function devSecrets(dataDir: string): DevSecrets {
  const file = resolve(dataDir, 'dev-secrets.json');
  const stored: Partial<DevSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  // A file written before a secret existed gains it (and keeps the others, so sessions survive).
  const secrets: DevSecrets = {
    jwtSecret: stored.jwtSecret ?? randomBytes(48).toString('base64url'),
    sessionSecret: stored.sessionSecret ?? randomBytes(48).toString('base64url'),
    dataEncryptionKey: stored.dataEncryptionKey ?? randomBytes(32).toString('base64url'),
  };
  if (Object.keys(stored).length < Object.keys(secrets).length) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  }
  return secrets;
}

function secret(env: Env, name: string, production: boolean, generated: () => string): string {
  const value = env[name];
  if (value && Buffer.byteLength(value) >= MIN_SECRET_BYTES) return value;
  if (production || value) {
    throw new ConfigError(
      value
        ? `${name} is too weak: it must be at least ${MIN_SECRET_BYTES} bytes`
        : `${name} is required in production (at least ${MIN_SECRET_BYTES} random bytes)`,
    );
  }
  return generated();
}

/** Reads and validates the environment; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): { config: AppConfig; notices: string[] } {
  const notices: string[] = [];
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test (got "${nodeEnv}")`);
  }
  const production = nodeEnv === 'production';
  const dataDir = resolve(env.NESTMAP_DATA_DIR ?? '.data');

  const databaseUrl = checkUrl('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']);
  if (production && !databaseUrl) {
    throw new ConfigError('DATABASE_URL is required in production (postgresql://user:pass@host:5432/db)');
  }

  let generated: DevSecrets | undefined;
  const fromDevFile = (key: keyof DevSecrets) => () => {
    generated ??= devSecrets(dataDir);
    return generated[key];
  };
  const jwtSecret = secret(env, 'JWT_SECRET', production, fromDevFile('jwtSecret'));
  const sessionSecret = secret(env, 'SESSION_SECRET', production, fromDevFile('sessionSecret'));
  const dataEncryptionKey = secret(env, 'DATA_ENCRYPTION_KEY', production, fromDevFile('dataEncryptionKey'));
  // Comma-separated: keys are base64 or hex, which have no commas.
  const previousDataKeys = list(env.DATA_ENCRYPTION_PREVIOUS_KEYS);
  if (previousDataKeys.some((key) => Buffer.byteLength(key) < MIN_SECRET_BYTES)) {
    throw new ConfigError(`DATA_ENCRYPTION_PREVIOUS_KEYS: every key must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  if (generated) {
    notices.push(
      `JWT_SECRET/SESSION_SECRET/DATA_ENCRYPTION_KEY not set: using generated development secrets from ${dataDir}/dev-secrets.json`,
    );
  }
  if (!databaseUrl) notices.push('DATABASE_URL not set: using the embedded PostgreSQL');

  if (production && !env.DUFFEL_API_KEY) {
    notices.push('DUFFEL_API_KEY not set: flights come from the built-in sandbox, and no booking is real');
  }
  if (production && !env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
    notices.push('OPENAI_API_KEY/OPENAI_BASE_URL not set: the AI assistant answers 503 AI_NOT_CONFIGURED (docs/ai.md)');
  }
  if (env.BOOKING_COM_API_SECRET) {
    notices.push(
      'BOOKING_COM_API_SECRET set: the Demand API authenticates with BOOKING_COM_API_KEY (a bearer token) and BOOKING_COM_AFFILIATE_ID only, so it is not used (docs/stays.md § Booking.com)',
    );
  }
  const port = int(env, 'PORT', 5000, 0);
  const webUrl =
    checkUrl('WEB_URL', env.WEB_URL, ['http:', 'https:']) ?? `http://localhost:${int(env, 'WEB_PORT', 3000, 1)}`;
  const config: AppConfig = {
    nodeEnv,
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port,
    databaseUrl,
    embeddedPostgres: { dataDir: resolve(dataDir, 'postgres'), port: int(env, 'EMBEDDED_PG_PORT', 5433, 1) },
    database: {
      poolSize: int(env, 'DB_POOL_SIZE', 10, 1),
      connectTimeoutMs: int(env, 'DB_CONNECT_TIMEOUT_MS', 2000, 100),
      statementTimeoutMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', 5000, 100),
      lockTimeoutMs: int(env, 'DB_LOCK_TIMEOUT_MS', 1000, 10),
      ssl: bool(env, 'DB_SSL', false),
      replicaUrls: list(env.DATABASE_REPLICA_URLS).map((url) =>
        checkUrl('DATABASE_REPLICA_URLS', url, ['postgres:', 'postgresql:'])!,
      ),
    },
    jwtSecret,
    sessionSecret,
    dataEncryption: { key: dataEncryptionKey, previousKeys: previousDataKeys },
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL_SECONDS', 15 * 60, 10),
    refreshTokenTtlSeconds: int(env, 'REFRESH_TOKEN_TTL_SECONDS', 14 * 24 * 3600, 60),
    refreshTokenAbsoluteTtlSeconds: int(env, 'REFRESH_TOKEN_ABSOLUTE_TTL_SECONDS', 30 * 24 * 3600, 60),
    invitationTtlSeconds: int(env, 'INVITATION_TTL_SECONDS', 7 * 24 * 3600, 60),
    corsOrigins: list(env.CORS_ORIGINS ?? (production ? '' : webUrl)),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024),
    // A client trickling its body (or headers) byte by byte holds a socket: bound both (408).
    http: {
      requestTimeoutMs: int(env, 'HTTP_REQUEST_TIMEOUT_MS', 60_000, 100),
      headersTimeoutMs: int(env, 'HTTP_HEADERS_TIMEOUT_MS', 20_000, 100),
    },
    redisUrl: checkUrl('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']),
    throttle: {
      keyPrefix: env.THROTTLE_KEY_PREFIX ?? 'nestmap:throttle:',
      defaultLimit: int(env, 'THROTTLE_LIMIT', 600, 1),
      defaultTtlSeconds: int(env, 'THROTTLE_TTL_SECONDS', 60, 1),
      // Twice the per-route limit unless set: raising THROTTLE_LIMIT (load tests) raises it too.
      clientLimit: int(env, 'THROTTLE_CLIENT_LIMIT', 2 * int(env, 'THROTTLE_LIMIT', 600, 1), 1),
      authIpLimit: int(env, 'THROTTLE_AUTH_IP_LIMIT', 20, 1),
      authAccountLimit: int(env, 'THROTTLE_AUTH_ACCOUNT_LIMIT', 10, 1),
      authTtlSeconds: int(env, 'THROTTLE_AUTH_TTL_SECONDS', 15 * 60, 1),
      sharedLinkLimit: int(env, 'THROTTLE_SHARED_LINK_LIMIT', 30, 1),
      sharedLinkTtlSeconds: int(env, 'THROTTLE_SHARED_LINK_TTL_SECONDS', 60, 1),
    },
    mail: {
      from: env.MAIL_FROM ?? 'NestMap <no-reply@nestmap.local>',
      sendgridApiKey: env.SENDGRID_API_KEY || undefined,
      sendgridBaseUrl: checkUrl('SENDGRID_BASE_URL', env.SENDGRID_BASE_URL, ['http:', 'https:']),
      pollIntervalMs: int(env, 'MAIL_POLL_INTERVAL_MS', 2000, 50),
      maxAttempts: int(env, 'MAIL_MAX_ATTEMPTS', 8, 1),
      retryBaseMs: int(env, 'MAIL_RETRY_BASE_MS', 5000, 1),
    },
    outbox: { listen: bool(env, 'OUTBOX_LISTEN', true) },
    webUrl,
    apiDocsEnabled: bool(env, 'API_DOCS_ENABLED', !production),
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    logThroughStdoutStream: env.pm_id !== undefined,
    sentryDsn: env.SENTRY_DSN || undefined,
    release: env.SENTRY_RELEASE || `nestmap@${packageVersion()}`,
    metrics: {
      token: env.METRICS_TOKEN ? secret(env, 'METRICS_TOKEN', false, () => '') : undefined,
      // PM2 numbers cluster workers 0, 1, …: each serves its own metrics on METRICS_PORT + number.
      workerPort: env.METRICS_PORT ? int(env, 'METRICS_PORT', 0, 1) + int(env, 'NODE_APP_INSTANCE', 0, 0) : undefined,
    },
    exchangeRates: {
      ecbUrl:
        checkUrl('ECB_RATES_URL', env.ECB_RATES_URL, ['http:', 'https:']) ??
        'https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml',
      timeoutMs: int(env, 'ECB_RATES_TIMEOUT_MS', 5000, 100),
    },
    argon2: {
      memoryCost: int(env, 'ARGON2_MEMORY_KIB', 19456, 19456),
      timeCost: int(env, 'ARGON2_TIME_COST', 2, 2),
      parallelism: 1,
    },
    geocoder: geocoderSettings(env, webUrl),
    flights: {
      duffelApiKey: env.DUFFEL_API_KEY || undefined,
      duffelBaseUrl: checkUrl('DUFFEL_BASE_URL', env.DUFFEL_BASE_URL, ['http:', 'https:']),
      supplierTimeoutMs: int(env, 'FLIGHT_SUPPLIER_TIMEOUT_MS', 30_000, 100),
    },
    stays: staySettings(env),
    booking: {
      reconcileIntervalMs: int(env, 'BOOKING_RECONCILE_INTERVAL_MS', 60_000, 0),
      // Longer than any supplier call (the SDK's timeout and our retries): a booking this old in `ordering` lost its request.
      orderingStaleMs: int(env, 'BOOKING_ORDERING_STALE_MS', 5 * 60_000, 0),
      orderingDeadlineMs: int(env, 'BOOKING_ORDERING_DEADLINE_MS', 60 * 60_000, 0),
      dailyLimitPerUser: int(env, 'BOOKING_DAILY_LIMIT_PER_USER', 20, 0),
      duffelWebhookSecret: env.DUFFEL_WEBHOOK_SECRET || undefined,
    },
    ai: aiSettings(env),
  };
  return { config, notices };
}

function staySettings(env: Env): AppConfig['stays'] {
  const supplier = env.STAY_SUPPLIER || undefined;
  if (supplier !== undefined && !(STAY_SUPPLIER_NAMES as readonly string[]).includes(supplier)) {
    throw new ConfigError(`STAY_SUPPLIER must be one of ${STAY_SUPPLIER_NAMES.join(', ')} (got "${supplier}")`);
  }
  const stays: AppConfig['stays'] = { supplier: supplier as StaySupplierName | undefined };
  const timeoutMs = int(env, 'STAY_SUPPLIER_TIMEOUT_MS', 30_000, 100);
  if (env.BOOKING_COM_API_KEY) {
    const affiliateId = env.BOOKING_COM_AFFILIATE_ID ?? '';
    if (!/^\d{1,12}$/.test(affiliateId)) {
      throw new ConfigError(
        'BOOKING_COM_AFFILIATE_ID is required with BOOKING_COM_API_KEY: the numeric affiliate id Booking.com sends with every Demand API call',
      );
    }
    const bookerCountry = (env.BOOKING_COM_BOOKER_COUNTRY || 'gb').toLowerCase();
    if (!/^[a-z]{2}$/.test(bookerCountry)) {
      throw new ConfigError(`BOOKING_COM_BOOKER_COUNTRY must be a two-letter country code (got "${bookerCountry}")`);
    }
    stays.bookingCom = {
      apiKey: env.BOOKING_COM_API_KEY,
      affiliateId,
      baseUrl: (
        checkUrl('BOOKING_COM_API_URL', env.BOOKING_COM_API_URL, ['https:', 'http:']) ?? BOOKING_COM_PRODUCTION_URL
      ).replace(/\/+$/, ''),
      bookerCountry,
      timeoutMs,
    };
  }
  if (env.AMADEUS_CLIENT_ID || env.AMADEUS_CLIENT_SECRET) {
    if (!env.AMADEUS_CLIENT_ID || !env.AMADEUS_CLIENT_SECRET) {
      throw new ConfigError('AMADEUS_CLIENT_ID and AMADEUS_CLIENT_SECRET go together: set both or neither');
    }
    const hostname = env.AMADEUS_HOSTNAME || 'test';
    if (hostname !== 'test' && hostname !== 'production') {
      throw new ConfigError(`AMADEUS_HOSTNAME must be test or production (got "${hostname}")`);
    }
    stays.amadeus = {
      clientId: env.AMADEUS_CLIENT_ID,
      clientSecret: env.AMADEUS_CLIENT_SECRET,
      hostname,
      baseUrl: checkUrl('AMADEUS_BASE_URL', env.AMADEUS_BASE_URL, ['https:', 'http:']),
      timeoutMs,
    };
  }
  const missing =
    (stays.supplier === 'duffel' && !env.DUFFEL_API_KEY && 'DUFFEL_API_KEY') ||
    (stays.supplier === 'booking_com' && !stays.bookingCom && 'BOOKING_COM_API_KEY') ||
    (stays.supplier === 'amadeus' && !stays.amadeus && 'AMADEUS_CLIENT_ID/AMADEUS_CLIENT_SECRET');
  if (missing) throw new ConfigError(`STAY_SUPPLIER=${stays.supplier} needs ${missing}`);
  return stays;
}

function aiSettings(env: Env): AppConfig['ai'] {
  const logPrompts = env.AI_LOG_PROMPTS || 'off';
  if (logPrompts !== 'off' && logPrompts !== 'redacted')
    throw new ConfigError(`AI_LOG_PROMPTS must be off or redacted (got "${logPrompts}")`);
  return {
    apiKey: env.OPENAI_API_KEY || undefined,
    baseUrl: checkUrl('OPENAI_BASE_URL', env.OPENAI_BASE_URL, ['http:', 'https:']),
    model: env.OPENAI_MODEL || DEFAULT_OPENAI_MODEL,
    timeoutMs: int(env, 'OPENAI_TIMEOUT_MS', 30_000, 100),
    maxRetries: int(env, 'OPENAI_MAX_RETRIES', 2, 0),
    logPrompts,
  };
}

/** `GEOCODER_KIND` is `nominatim` or `photon`; unset, a URL whose path ends in `/api` is Photon. */
function geocoderSettings(env: Env, webUrl: string): GeocoderSettings | undefined {
  const url = checkUrl('GEOCODER_URL', env.GEOCODER_URL, ['http:', 'https:']);
  if (!url) return undefined;
  const kind = env.GEOCODER_KIND || (/\/api\/?$/.test(new URL(url).pathname) ? 'photon' : 'nominatim');
  if (kind !== 'nominatim' && kind !== 'photon')
    throw new ConfigError(`GEOCODER_KIND must be nominatim or photon (got "${kind}")`);
  return {
    url,
    kind,
    timeoutMs: int(env, 'GEOCODER_TIMEOUT_MS', 2000, 100),
    userAgent: env.GEOCODER_USER_AGENT || `NestMap/${packageVersion()} (+${webUrl})`,
  };
}

/**
 * Boot-time variant: reads `.env` when present (variables already set win), and on a bad
 * environment prints one clear line and exits.
 */
export function loadConfigOrExit(env: Env = process.env): { config: AppConfig; notices: string[] } {
  if (env === process.env && existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`nestmap: configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');
