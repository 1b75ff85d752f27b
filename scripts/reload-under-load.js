// Load driver of scripts/test-pm2-reload.sh: keeps GET and POST /api/trips going against each target
// (e.g. PM2's port and nginx), runs the reload command once the load is steady, keeps the load up for
// a while after the reload returned, then prints one JSON line per target and request kind.
//
//   node scripts/reload-under-load.js TOKEN name=URL [name=URL …] -- reload command…
//
// Environment: LOAD_CONNECTIONS (GET connections per target, default 8), LOAD_POST_CONNECTIONS
// (default 2), LOAD_WARMUP_S (load before the reload, default 4), LOAD_TAIL_S (after, default 4).
// POSTs create trips titled "reload <name> <n>", n counting up per target, so the caller can check
// what each target created.
const { spawn } = require('node:child_process');
const autocannon = require('autocannon');

const [token, ...rest] = process.argv.slice(2);
const separator = rest.indexOf('--');
const targets = rest.slice(0, separator).map((arg) => {
  const at = arg.indexOf('=');
  return { name: arg.slice(0, at), url: arg.slice(at + 1) };
});
const reloadCommand = rest.slice(separator + 1);
if (!token || separator < 1 || reloadCommand.length === 0) {
  process.stderr.write('usage: reload-under-load.js TOKEN name=URL [name=URL …] -- reload command…\n');
  process.exit(2);
}
const seconds = (name, fallback) => Number(process.env[name] || fallback) * 1000;
const getConnections = Number(process.env.LOAD_CONNECTIONS || 8);
const postConnections = Number(process.env.LOAD_POST_CONNECTIONS || 2);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function load(target, kind) {
  const post = kind === 'POST';
  let sent = 0;
  // A numbered title per POST: a request that reached the API twice shows as a repeated title.
  const numbered = (request) => ({
    ...request,
    body: JSON.stringify({
      title: `reload ${target.name} ${++sent}`,
      destination: 'Berlin',
      startDate: '2027-03-09',
      endDate: '2027-03-12',
    }),
  });
  const instance = autocannon({
    url: `${target.url}/api/trips${post ? '' : '?limit=20'}`,
    method: kind,
    connections: post ? postConnections : getConnections,
    duration: 120, // an upper bound only: stopped once the reload is over
    timeout: 10,
    headers: {
      authorization: `Bearer ${token}`,
      host: 'yourdomain.com',
      ...(post ? { 'content-type': 'application/json' } : {}),
    },
    ...(post ? { requests: [{ setupRequest: numbered }] } : {}),
  });
  const done = new Promise((resolve, reject) => instance.once('done', resolve).once('error', reject));
  return { instance, done, target: target.name, kind };
}

function run(command) {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command.join(' ')} exited with ${code}`)),
    );
  });
}

async function main() {
  const loads = targets.flatMap((target) => [load(target, 'GET'), load(target, 'POST')]);
  await sleep(seconds('LOAD_WARMUP_S', 4));
  const reloadStarted = Date.now();
  let reloadError;
  await run(reloadCommand).catch((error) => (reloadError = error));
  const reloadMs = Date.now() - reloadStarted;
  await sleep(seconds('LOAD_TAIL_S', 4));
  for (const { instance } of loads) instance.stop();
  for (const { done, target, kind } of loads) {
    const result = await done;
    const statuses = Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
    );
    const line = {
      target,
      kind,
      requests: result.requests.total,
      ok: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statuses,
      reloadMs,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  if (reloadError) throw reloadError;
}

main().catch((error) => {
  process.stderr.write(`reload-under-load: ${error.message}\n`);
  process.exitCode = 1;
});
