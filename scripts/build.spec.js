const { afterEach, beforeEach, describe, expect, it } = require('@jest/globals');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { TARGETS, build, inputsHash } = require('./build');

// The real web target, with `next build` replaced by a stand-in that writes BUILD_ID and counts its runs.
const FAKE_NEXT_BUILD = `
  const fs = require('node:fs');
  if (fs.existsSync('fail-build')) process.exit(1);
  fs.mkdirSync('apps/web/.next/cache', { recursive: true });
  fs.writeFileSync('apps/web/.next/BUILD_ID', 'x');
  fs.appendFileSync('build-runs', '.');`;
const targets = { web: { ...TARGETS.web, command: () => ['-e', FAKE_NEXT_BUILD] } };

describe('scripts/build.js: npm start builds only what changed', () => {
  let root;
  const write = (relative, content) => {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), content);
  };
  const runs = () =>
    fs.existsSync(path.join(root, 'build-runs')) ? fs.readFileSync(path.join(root, 'build-runs'), 'utf8').length : 0;
  const start = (env = {}) => {
    const lines = [];
    build({ root, targets, env, onlyIfChanged: true, log: (line) => lines.push(line) });
    return lines;
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'nestmap-build-'));
    write('apps/web/app/page.tsx', 'export default function Page() { return null; }');
    write('libs/api-client/index.ts', 'export const client = 1;');
    write('package-lock.json', '{}');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('builds on the first start, says so, and skips the build while nothing changed', () => {
    expect(start()).toEqual(['building the web app…', expect.stringMatching(/^built the web app in \d+\.\d s$/)]);
    // What the build and the running app write beside the sources is not an input.
    write('apps/web/next-env.d.ts', '/// generated');
    write('apps/web/tsconfig.tsbuildinfo', '{}');
    write('apps/web/.next/cache/fetch', 'x');

    expect(start()).toEqual(['the web app is up to date']);
    expect(runs()).toBe(1);
  });

  it('rebuilds after a change to a web source, the shared API client or a build-time variable', () => {
    start({ API_URL: 'http://127.0.0.1:5000' });
    write('apps/web/app/page.tsx', 'export default function Page() { return "changed"; }');
    start({ API_URL: 'http://127.0.0.1:5000' });
    write('libs/api-client/index.ts', 'export const client = 2;');
    start({ API_URL: 'http://127.0.0.1:5000' });
    start({ API_URL: 'http://127.0.0.1:5001' });
    expect(runs()).toBe(4);
    // A variable the build does not read changes nothing.
    start({ API_URL: 'http://127.0.0.1:5001', LOG_LEVEL: 'debug' });
    expect(runs()).toBe(4);
  });

  it('rebuilds when the output is gone, and npm run build always builds', () => {
    start();
    fs.rmSync(path.join(root, 'apps/web/.next'), { recursive: true });
    start();
    build({ root, targets, env: {}, log: () => undefined });
    expect(runs()).toBe(3);
  });

  it('a failed build stops the start with an error and is retried next time', () => {
    start();
    write('apps/web/app/page.tsx', 'broken');
    write('fail-build', '');
    expect(() => start()).toThrow('building the web app failed');
    fs.rmSync(path.join(root, 'fail-build'));
    start();
    expect(runs()).toBe(2);
  });

  it('the API is rebuilt for its sources and compiler settings, not for its own output', () => {
    write('apps/api/src/index.ts', 'export {};');
    write('tsconfig.json', '{}');
    const before = inputsHash(TARGETS.api, {}, root);
    write('dist/index.js', 'compiled');
    expect(inputsHash(TARGETS.api, {}, root)).toBe(before);
    write('apps/api/src/index.ts', 'export const changed = 1;');
    const afterSource = inputsHash(TARGETS.api, {}, root);
    expect(afterSource).not.toBe(before);
    write('tsconfig.json', '{"compilerOptions":{}}');
    expect(inputsHash(TARGETS.api, {}, root)).not.toBe(afterSource);
  });
});
