#!/usr/bin/env node
// `node scripts/bench/profile.js [list|itinerary|booking] [out-dir]` (after `npm run build:api`): the bench's
// data, then one read of `npm run bench` under load against the built API running with
// `--cpu-prof`, and the profile's top self-time frames (profile-summary.js) during the measured
// load (boot, warm-up and shutdown left out). Open the
// .cpuprofile in Chrome DevTools (Performance) or speedscope for the flame graph.
// BENCH_* variables as for run.js (BENCH_TRIPS_PER_ORG=500 for a quicker start).
const { execFileSync } = require('node:child_process');
const { mkdirSync, readdirSync } = require('node:fs');
const path = require('node:path');
const autocannon = require('autocannon');
const {
  database,
  populate,
  readsOf,
  prepareBookings,
  bookingLoad,
  startOurs,
  CONNECTIONS,
  DURATION,
} = require('./run');

const [which = 'list', outDir = path.resolve('artifacts/cpu-profile')] = process.argv.slice(2);

async function main() {
  mkdirSync(outDir, { recursive: true });
  const db = await database();
  let ours;
  let from = 0n;
  try {
    const reads = Object.values(readsOf(await populate(db.url)));
    const read = which === 'itinerary' ? reads[1] : reads[0];
    ours = await startOurs(db.url, ['--cpu-prof', `--cpu-prof-dir=${outDir}`]);
    // `booking`: the booking bench's set-up and load (run.js), sandbox bookings confirmed.
    const workers = which === 'booking' ? await prepareBookings(db.url, 'http://127.0.0.1:5601') : undefined;
    const load = async (duration) => {
      if (workers) {
        const sample = await bookingLoad(ours, 'http://127.0.0.1:5601', workers, duration);
        return { requests: { average: sample.rps }, latency: { p99: sample.p99 }, non2xx: sample.non2xx, errors: 0 };
      }
      return autocannon({
        url: `http://127.0.0.1:5601${read.path}`,
        connections: CONNECTIONS,
        duration,
        headers: { authorization: `Bearer ${read.token}` },
      });
    };
    await load(2);
    from = process.hrtime.bigint() / 1000n;
    const result = await load(DURATION);
    process.stdout.write(
      `${workers ? 'POST /api/trips/:id/bookings' : read.path}: ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx + result.errors}\n`,
    );
    // The profile is written when the API exits (graceful shutdown on SIGTERM).
    const exited = new Promise((resolve) => ours.once('exit', resolve));
    ours.kill('SIGTERM');
    await exited;
    ours = undefined;
  } finally {
    ours?.kill('SIGTERM');
    await db.stop();
  }
  const newest = readdirSync(outDir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort()
    .at(-1);
  process.stdout.write(`${path.join(outDir, newest)}\n`);
  process.stdout.write(
    execFileSync(process.execPath, [
      path.join(__dirname, 'profile-summary.js'),
      path.join(outDir, newest),
      '30',
      String(from),
    ]),
  );
}

main().catch((error) => {
  process.stderr.write(`profile failed: ${error.stack || error}\n`);
  process.exitCode = 1;
});
