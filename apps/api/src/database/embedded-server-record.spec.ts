import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { findRunningServer, liveRecord, recordPath, writeRecord } from './embedded-server-record';
import { freePort } from './ports';
import { runningEmbeddedDatabaseUrl } from './resolve-database';

/** A TCP listener that is not PostgreSQL: it drops every connection. */
function plainTcpServer(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.destroy());
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function exitedPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('the record of the running embedded PostgreSQL', () => {
  let dataDir: string;
  let clusterDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'nestmap-record-'));
    clusterDir = join(dataDir, 'postgres');
    mkdirSync(clusterDir);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('sits in the data folder and names the port of a live server', () => {
    writeRecord(clusterDir, { pid: process.pid, port: 6543 });
    expect(recordPath(clusterDir)).toBe(join(dataDir, 'embedded-postgres.json'));
    expect(liveRecord(clusterDir)).toEqual({ pid: process.pid, port: 6543 });
    const config = loadConfig({ NESTMAP_DATA_DIR: dataDir, NODE_ENV: 'development' }).config;
    expect(runningEmbeddedDatabaseUrl(config)).toBe('postgres://postgres:postgres@127.0.0.1:6543/nestmap');
  });

  it('is not trusted when its process no longer exists, and is removed', async () => {
    writeRecord(clusterDir, { pid: exitedPid(), port: await freePort() });
    expect(liveRecord(clusterDir)).toBeUndefined();
    await expect(findRunningServer(clusterDir)).resolves.toBeUndefined();
    expect(existsSync(recordPath(clusterDir))).toBe(false);
  });

  it('is not trusted when the process exists but no PostgreSQL answers on the port', async () => {
    const port = await freePort();
    const impostor = await plainTcpServer(port);
    try {
      writeRecord(clusterDir, { pid: process.pid, port });
      await expect(findRunningServer(clusterDir)).resolves.toBeUndefined();
      expect(existsSync(recordPath(clusterDir))).toBe(false);
    } finally {
      impostor.close();
    }
  });

  it('without a running server, tools that cannot start one say what to do', () => {
    const config = loadConfig({ NESTMAP_DATA_DIR: dataDir, NODE_ENV: 'development' }).config;
    expect(() => runningEmbeddedDatabaseUrl(config)).toThrow(/npm start.*DATABASE_URL/);
  });
});
