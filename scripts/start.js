#!/usr/bin/env node
// `npm start`: runs the built API (which starts the embedded PostgreSQL when DATABASE_URL is
// unset) and the built web app side by side; Ctrl-C stops both.
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const apiPort = process.env.PORT || '5000';
const webPort = process.env.WEB_PORT || '3000';
const env = { ...process.env, PORT: apiPort, WEB_PORT: webPort, API_URL: process.env.API_URL || `http://127.0.0.1:${apiPort}` };

const children = [
  spawn(process.execPath, [path.join(root, 'dist/index.js')], { cwd: root, env, stdio: 'inherit' }),
  spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', 'apps/web', '-p', webPort], { cwd: root, env, stdio: 'inherit' }),
];
console.log(`NestMap: web app on http://localhost:${webPort} (API on http://localhost:${apiPort}/api, docs at /api/docs)`);

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGINT');
  setTimeout(() => process.exit(code), 5000).unref();
  Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve))))).then(() =>
    process.exit(code),
  );
}
for (const child of children) child.once('exit', (code) => stop(code ?? 1));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
