import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFakeOpenAi, type FakeOpenAi } from '../../../api/test/support/fake-openai-server';
import {
  startFakeStripe,
  STRIPE_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET,
  type FakeStripe,
} from '../../../api/test/support/fake-stripe-server';

export const ROOT = resolve(__dirname, '../../../..');
export const ARTIFACTS = join(ROOT, 'artifacts');
// Per worktree: helpers running browser suites side by side must not read (and stop) each other's servers.
const STATE_FILE = join(ARTIFACTS, 'e2e-logs', 'servers.json');

export interface E2eState {
  webUrl: string;
  apiUrl: string;
  /** The fake Stripe the API pays through (payment-method.e2e.ts finishes Checkouts on it). */
  stripeUrl?: string;
  pids: number[];
  dataDir?: string;
}

/** Global setup and teardown run in one process: the teardown closes the model server the setup started. */
const fakeModel: { current: FakeOpenAi | null } = ((
  globalThis as { nestmapFakeModel?: { current: FakeOpenAi | null } }
).nestmapFakeModel ??= { current: null });
const fakeStripe: { current: FakeStripe | null } = ((
  globalThis as { nestmapFakeStripe?: { current: FakeStripe | null } }
).nestmapFakeStripe ??= { current: null });

export function readState(): E2eState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as E2eState;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer()
      .once('error', () => done(false))
      .once('listening', () => server.close(() => done(true)))
      .listen(port, '127.0.0.1');
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
      .once('error', fail)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => done(port));
      });
  });
}

async function waitFor(url: string, what: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}; see artifacts/e2e-logs/`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String((error as Error).cause ?? error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(
    `${what} did not answer ${url} within ${timeoutMs / 1000} s (last: ${last}); see artifacts/e2e-logs/`,
  );
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const out = createWriteStream(join(ARTIFACTS, 'e2e-logs', log));
  // Ports avoid fetch's blocked list (5060/5061 are SIP). Own process group: teardown stops the process and everything it started (PostgreSQL, Next workers).
  const child = spawn(command, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return child;
}

/**
 * Starts the API (built `dist/index.js`, embedded PostgreSQL in a fresh temp folder) and a
 * production build of the web app pointing at it, unless E2E_BASE_URL names a running web app
 * (then E2E_API_URL names its API).
 */
export async function startServers(): Promise<E2eState> {
  mkdirSync(join(ARTIFACTS, 'e2e-logs'), { recursive: true });
  mkdirSync(join(ARTIFACTS, 'screenshots'), { recursive: true });

  if (process.env.E2E_BASE_URL) {
    const state: E2eState = {
      webUrl: process.env.E2E_BASE_URL.replace(/\/$/, ''),
      apiUrl: (process.env.E2E_API_URL ?? process.env.E2E_BASE_URL).replace(/\/$/, ''),
      pids: [],
    };
    writeFileSync(STATE_FILE, JSON.stringify(state));
    return state;
  }

  const apiPort = Number(process.env.E2E_API_PORT ?? 5071);
  const webPort = Number(process.env.E2E_WEB_PORT ?? 3071);
  for (const port of [apiPort, webPort]) {
    if (!(await portIsFree(port)))
      throw new Error(`Port ${port} is in use; set E2E_API_PORT / E2E_WEB_PORT to free ports`);
  }
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;

  if (!existsSync(join(ROOT, 'dist/index.js')) || process.env.E2E_BUILD_API === '1') {
    const build = spawnSync('npm', ['run', 'build:api'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build:api failed');
  }

  // The web build fixes the /api rewrite target, so it is built for this API, into its own folder.
  const webEnv = {
    ...process.env,
    API_URL: apiUrl,
    NEXT_DIST_DIR: '.next/e2e',
    MAP_TILE_URL: 'none',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  if (process.env.E2E_SKIP_BUILD !== '1' || !existsSync(join(ROOT, 'apps/web/.next/e2e/BUILD_ID'))) {
    const build = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build', 'apps/web'], {
      cwd: ROOT,
      env: webEnv,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('next build apps/web failed');
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'nestmap-web-e2e-'));
  // initdb runs as the unprivileged postgres user when we are root: it must be able to enter.
  chmodSync(dataDir, 0o755);
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
  // The assistant's model: the API's own fake OpenAI server, in this process until the teardown.
  // Only the assistant's routes call it; its default answers are what assistant.e2e.ts expects.
  const model = await startFakeOpenAi();
  fakeModel.current = model;
  // Card payments through the API's fake Stripe: organizations without a saved card are invoiced, as without Stripe.
  const stripe = await startFakeStripe();
  fakeStripe.current = stripe;
  const api = start(
    process.execPath,
    [join(ROOT, 'dist/index.js')],
    {
      ...inherited,
      NODE_ENV: 'development',
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      NESTMAP_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      WEB_URL: webUrl,
      // Every test signs up or in from 127.0.0.1: the brute-force limit is for attackers, not this suite.
      THROTTLE_AUTH_IP_LIMIT: '10000',
      THROTTLE_AUTH_ACCOUNT_LIMIT: '1000',
      THROTTLE_LIMIT: '100000',
      LOG_LEVEL: 'warn',
      OPENAI_BASE_URL: model.url,
      OPENAI_API_KEY: 'e2e-fake-key',
      STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET,
      STRIPE_API_BASE_URL: stripe.url,
    },
    'api.log',
  );
  const web = start(
    process.execPath,
    [require.resolve('next/dist/bin/next'), 'start', 'apps/web', '-p', String(webPort), '-H', '127.0.0.1'],
    webEnv,
    'web.log',
  );
  const state: E2eState = { webUrl, apiUrl, stripeUrl: stripe.url, pids: [api.pid!, web.pid!], dataDir };
  writeFileSync(STATE_FILE, JSON.stringify(state));
  try {
    await waitFor(`${apiUrl}/api/health`, 'The API', api, 120_000);
    await waitFor(`${webUrl}/sign-in`, 'The web app', web, 60_000);
  } catch (error) {
    await stopServers();
    throw error;
  }
  api.unref();
  web.unref();
  return state;
}

export async function stopServers(): Promise<void> {
  await stopProcesses();
  // After the API is gone, so no open connection keeps the model server waiting.
  await fakeModel.current?.close();
  fakeModel.current = null;
  await fakeStripe.current?.close();
  fakeStripe.current = null;
}

async function stopProcesses(): Promise<void> {
  if (!existsSync(STATE_FILE)) return;
  const state = readState();
  for (const pid of state.pids) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  // The API stops its PostgreSQL on SIGTERM; give it a moment before removing the data folder.
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && state.pids.some(alive)) await new Promise((r) => setTimeout(r, 200));
  for (const pid of state.pids.filter(alive)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  if (state.dataDir) rmSync(state.dataDir, { recursive: true, force: true });
  rmSync(STATE_FILE, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
