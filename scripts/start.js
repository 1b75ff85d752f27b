#!/usr/bin/env node
// `npm start`: builds what changed since the last build, then runs the built API (which starts the
// embedded PostgreSQL when DATABASE_URL is unset) and the built web app side by side, and says where
// to go once both answer. Ctrl-C stops both.
const { spawn } = require('node:child_process');
const path = require('node:path');
const { build } = require('./build');

const started = Date.now();
const root = path.resolve(__dirname, '..');
const apiPort = process.env.PORT || '5000';
const webPort = process.env.WEB_PORT || '3000';
const apiUrl = process.env.API_URL || `http://127.0.0.1:${apiPort}`;
const env = { ...process.env, PORT: apiPort, WEB_PORT: webPort, API_URL: apiUrl };
const say = (line) => console.log(`NestMap: ${line}`);

try {
  build({ onlyIfChanged: true, env, log: say });
} catch (error) {
  say(`${error.message}; nothing was started`);
  process.exit(1);
}

say('starting the API and the web app…');
const children = [
  spawn(process.execPath, [path.join(root, 'dist/index.js')], { cwd: root, env, stdio: 'inherit' }),
  spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', 'apps/web', '-p', webPort], {
    cwd: root,
    env,
    stdio: 'inherit',
  }),
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGINT');
  setTimeout(() => process.exit(code), 5000).unref();
  Promise.all(
    children.map(
      (child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve))),
    ),
  ).then(() => process.exit(code));
}
for (const child of children) child.once('exit', (code) => stop(code ?? 1));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

/** Resolves with the first response's status once `url` answers (any status), polling twice a second. */
async function firstAnswer(url) {
  while (!stopping) {
    try {
      return (await fetch(url, { signal: AbortSignal.timeout(2000) })).status;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return undefined;
}

async function announceWhenReady() {
  const apiBase = `http://127.0.0.1:${apiPort}/api`;
  const health = await firstAnswer(`${apiBase}/health`);
  await firstAnswer(`http://127.0.0.1:${webPort}/`);
  if (stopping) return;
  const docs = await firstAnswer(`${apiBase}/docs-json`);
  const lines = [
    `ready in ${((Date.now() - started) / 1000).toFixed(1)} s${health === 200 ? '' : ` (the API health check answered ${health})`}`,
    `  web app    http://localhost:${webPort}`,
    `  API        http://localhost:${apiPort}/api`,
    ...(docs === 200 ? [`  API docs   http://localhost:${apiPort}/api/docs`] : []),
    '  demo data  run "npm run db:seed" in another terminal (prints the sign-ins)',
  ];
  for (const line of lines) say(line);
}
void announceWhenReady();
