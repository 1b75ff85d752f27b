// `npm run bench`: 100k trips and 1M activities, then the two hot reads measured against the built
// API and against a bare node:http + pg baseline in the same run (alternating rounds), reporting
// throughput, p50/p99 latency, CPU time per request and the ratios ours/bare; then a write load
// (trips created) and the delay from each change to the domain-event handler that reacted to it;
// then the sandbox flight search (200 offers judged against the policy and stored) against the same
// work done bare; then booking creation with the sandbox supplier (in policy, ordered, confirmed)
// against the same reads and writes done bare; then live updates (scripts/bench/sockets.js): concurrent
// WebSocket connections and the delay from a commit to the clients; then the spend report over 1M
// bookings. `BENCH_ONLY=flight-search`, `booking`, `sockets` or `report` runs one part.
const { spawn } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const jwt = require('jsonwebtoken');
const { Client, Pool } = require('pg');
const { benchSockets } = require('./sockets');

const root = path.resolve(__dirname, '../..');
const dist = (file) => path.join(root, 'dist', file);
const SECRET = 'bench-jwt-secret-0123456789abcdef0123456789abcdef';
const SESSION = 'bench-session-secret-0123456789abcdef0123456789ab';
const ORGS = Number(process.env.BENCH_ORGS || 20);
const TRIPS_PER_ORG = Number(process.env.BENCH_TRIPS_PER_ORG || 5000);
const ACTIVITIES_PER_TRIP = Number(process.env.BENCH_ACTIVITIES_PER_TRIP || 10);
const TRAVELLERS_PER_ORG = 100;
/** Each traveller has the same number of trips: at least one, so a small BENCH_TRIPS_PER_ORG still has a trip to read. */
const TRIPS_PER_TRAVELLER = Math.max(1, Math.round(TRIPS_PER_ORG / TRAVELLERS_PER_ORG));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10);
const DURATION = Number(process.env.BENCH_DURATION || 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
/** A flight search is a write of 200 offers: measured one request at a time (its latency, not a queue's). */
const SEARCH_CONNECTIONS = Number(process.env.BENCH_SEARCH_CONNECTIONS || 1);

const log = (line) => process.stdout.write(`${line}\n`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function database() {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: async () => {} };
  const { startEmbeddedPostgres } = require(dist('database/embedded-postgres.js'));
  const { freePort } = require(dist('database/cli/with-database.js'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nestmap-bench-'));
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    database: 'bench',
    persistent: false,
  });
  return {
    url: embedded.url,
    stop: async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Migrates the empty database and fills it; the tokens and trip the reads use. */
async function populate(url) {
  await require(dist('database/run-migrations.js')).runMigrations(url);
  const client = new Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  await client.query(`
    INSERT INTO organizations (name) SELECT 'Bench org ' || n FROM generate_series(1, ${ORGS}) n;
    INSERT INTO users (organization_id, email, name, role, password_hash)
      SELECT o.id, 'manager-' || o.id || '@bench.example', 'Manager', 'manager', 'unused' FROM organizations o;
    INSERT INTO users (organization_id, email, name, role, password_hash)
      SELECT o.id, 't' || n || '-' || o.id || '@bench.example', 'Traveller ' || n, 'traveller', 'unused'
      FROM organizations o, generate_series(1, ${TRAVELLERS_PER_ORG}) n;
    INSERT INTO trips (organization_id, traveller_id, title, destination, start_date, end_date, status, latitude, longitude, timezone)
      SELECT u.organization_id, u.id, 'Trip ' || n, (ARRAY['Berlin','Tokyo','New York','London','Paris'])[1 + n % 5],
             DATE '2024-01-01' + (n * 7 + length(u.email)) % 1000, DATE '2024-01-01' + (n * 7 + length(u.email)) % 1000 + 3,
             (ARRAY['draft','submitted','approved','completed','cancelled']::trip_status[])[1 + abs(hashtext(u.id::text) + n) % 5],
             52.52, 13.405, 'Europe/Berlin'
      FROM users u, generate_series(1, ${TRIPS_PER_TRAVELLER}) n WHERE u.role = 'traveller';
  `);
  await client.query(`
    INSERT INTO activities (organization_id, trip_id, title, type, starts_at, ends_at, timezone, position, latitude, longitude)
      SELECT t.organization_id, t.id, 'Activity ' || n, 'meeting', t.start_date + make_interval(hours => 8 + n),
             t.start_date + make_interval(hours => 9 + n), 'Europe/Berlin', n, 52.5 + n * 0.001, 13.4
      FROM trips t, generate_series(0, ${ACTIVITIES_PER_TRIP - 1}) n;
    ANALYZE;
  `);
  const counts = (
    await client.query(
      'SELECT (SELECT count(*) FROM trips)::int AS trips, (SELECT count(*) FROM activities)::int AS activities',
    )
  ).rows[0];
  const manager = (await client.query("SELECT id, organization_id FROM users WHERE role = 'manager' LIMIT 1")).rows[0];
  const traveller = (
    await client.query(
      // One with a draft trip: the flight search needs one.
      `SELECT id, organization_id FROM users u WHERE role = 'traveller' AND organization_id = $1
          AND EXISTS (SELECT 1 FROM trips t WHERE t.traveller_id = u.id AND t.status = 'draft') LIMIT 1`,
      [manager.organization_id],
    )
  ).rows[0];
  const trip = (await client.query('SELECT id FROM trips WHERE traveller_id = $1 LIMIT 1', [traveller.id])).rows[0];
  await client.end();
  log(
    `data: ${counts.trips} trips, ${counts.activities} activities in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { managerToken: token(manager, 'manager'), travellerToken: token(traveller, 'traveller'), tripId: trip.id };
}

/** An access token as the API signs it; `sid`: a session (refresh-token family) that was never revoked, so each request also pays the revocation probe. */
const token = (user, role) =>
  jwt.sign({ sub: user.id, org: user.organization_id, role, ver: 0, sid: randomUUID(), typ: 'access' }, SECRET, {
    algorithm: 'HS256',
    issuer: 'nestmap',
    audience: 'nestmap-api',
    expiresIn: '1h',
  });

function start(name, args, env) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}

/** The measured reads: each a path and the token it is read with. */
function readsOf({ managerToken, travellerToken, tripId }) {
  return {
    'GET /api/trips (page 1, status filter, manager)': {
      path: '/api/trips?status=approved&from=2024-06-01&limit=20',
      token: managerToken,
    },
    'GET /api/trips/:id/activities (traveller)': { path: `/api/trips/${tripId}/activities`, token: travellerToken },
  };
}

/** The built API on port 5601 as in production; `nodeArgs` go to node (e.g. --cpu-prof). */
function startOurs(databaseUrl, nodeArgs = [], env = {}) {
  return start('api', [...nodeArgs, dist('index.js')], {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: SECRET,
    NODE_ENV: 'production',
    PORT: '5601',
    HOST: '127.0.0.1',
    SESSION_SECRET: SESSION,
    DATA_ENCRYPTION_KEY: SESSION,
    THROTTLE_LIMIT: '100000000',
    REDIS_URL: '',
    // The booking bench makes thousands of bookings per traveller: the daily cap (default 20) is
    // raised, not switched off, so each booking still takes the booker's lock and counts.
    BOOKING_DAILY_LIMIT_PER_USER: '100000000',
    ...env,
  });
}

/** utime + stime of a process, in ms (from /proc; clock ticks are 100 Hz on Linux). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function measure(server, url, token) {
  const before = cpuMs(server.pid);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: { authorization: `Bearer ${token}` },
  });
  const cpu = cpuMs(server.pid) - before;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    cpuPerRequest: cpu / Math.max(1, result.requests.total),
  };
}

/**
 * Write load: trips created by a traveller for DURATION s; each publishes `trip.created`, which the
 * audit recorder handles. The delay of each event runs from its outbox row's `created_at` (now() of
 * the change's transaction, so it includes the transaction itself) to `delivered_at` (now() of the
 * handler's transaction). Waits until every event was handled, at most 30 s.
 */
async function measureEventLag(url, base, token) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const since = (await client.query('SELECT now() AS t')).rows[0].t;
    const writes = await autocannon({
      url: `${base}/api/trips`,
      method: 'POST',
      connections: CONNECTIONS,
      duration: DURATION,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Bench trip',
        destination: 'Berlin',
        startDate: '2026-03-09',
        endDate: '2026-03-12',
      }),
    });
    const pending = async () =>
      (
        await client.query(
          "SELECT count(*)::int AS n FROM outbox_messages WHERE topic <> 'mail' AND status = 'pending' AND created_at >= $1",
          [since],
        )
      ).rows[0].n;
    // Requests still in flight when the load stops commit a moment later: let them land first.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (let waited = 0; waited < 30_000 && (await pending()) > 0; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const lag = (
      await client.query(
        `SELECT count(*)::int AS events, count(*) FILTER (WHERE status <> 'delivered')::int AS undelivered,
                percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at) * 1000) AS ms,
                max(extract(epoch FROM delivered_at - created_at) * 1000) AS max
           FROM outbox_messages WHERE topic = 'trip.created' AND created_at >= $1`,
        [since],
      )
    ).rows[0];
    return {
      rps: writes.requests.average,
      requestP50: writes.latency.p50,
      requestP99: writes.latency.p99,
      non2xx: writes.non2xx + writes.errors,
      events: lag.events,
      undelivered: lag.undelivered,
      p50: lag.ms?.[0],
      p99: lag.ms?.[1],
      max: lag.max,
    };
  } finally {
    await client.end();
  }
}

/**
 * The sandbox flight search's set-up: every bench organization gets a travel policy that judges
 * flights (a fare cap, nonstop only, preferred airlines), and the search is made for a draft trip
 * of the measured traveller. FRA–ATL and back, 60 and 65 days ahead: a route the sandbox answers
 * with its maximum of 200 offers.
 */
async function prepareFlightSearch(url, travellerToken) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      INSERT INTO travel_policies (organization_id, max_flight_fare, max_connections, preferred_airlines, min_advance_booking_days)
        SELECT o.id, 450, 0, '{LH,DL,UA}', 14 FROM organizations o
         WHERE NOT EXISTS (SELECT 1 FROM travel_policies p WHERE p.organization_id = o.id)`);
    const { sub } = jwt.decode(travellerToken);
    const trip = (
      await client.query("SELECT id FROM trips WHERE traveller_id = $1 AND status = 'draft' LIMIT 1", [sub])
    ).rows[0];
    const day = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const body = {
      slices: [
        { origin: 'FRA', destination: 'ATL', departureDate: day(60) },
        { origin: 'ATL', destination: 'FRA', departureDate: day(65) },
      ],
    };
    return { path: `/api/trips/${trip.id}/flight-searches`, body: JSON.stringify(body) };
  } finally {
    await client.end();
  }
}

async function measureSearch(server, url, token, body) {
  const before = cpuMs(server.pid);
  const result = await autocannon({
    url,
    method: 'POST',
    connections: SEARCH_CONNECTIONS,
    duration: DURATION,
    body,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  const cpu = cpuMs(server.pid) - before;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    cpuPerRequest: cpu / Math.max(1, result.requests.total),
  };
}

/** Ours and bare, alternating rounds, as the reads; each answer is checked once for its 200 judged offers. */
async function benchFlightSearch(url, targets, token) {
  const search = await prepareFlightSearch(url, token);
  for (const [name, { base }] of Object.entries(targets)) {
    const response = await fetch(base + search.path, {
      method: 'POST',
      body: search.body,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    const answer = await response.json();
    if (response.status !== 201 || answer.total !== 200)
      throw new Error(`flight search on ${name}: ${response.status}, ${answer.total} offers`);
    await autocannon({
      url: base + search.path,
      method: 'POST',
      connections: SEARCH_CONNECTIONS,
      duration: 2,
      body: search.body,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  }
  const runs = { ours: [], bare: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const name of round % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours']) {
      const sample = await measureSearch(targets[name].server, targets[name].base + search.path, token, search.body);
      runs[name].push(sample);
      log(
        `round ${round + 1} ${name.padEnd(4)} POST flight search: ${sample.rps.toFixed(1)} req/s, p99 ${sample.p99} ms, non-2xx ${sample.non2xx}`,
      );
    }
  }
  const summary = Object.fromEntries(
    Object.entries(runs).map(([name, samples]) => [
      name,
      {
        rps: median(samples.map((r) => r.rps)),
        p50: median(samples.map((r) => r.p50)),
        p99: median(samples.map((r) => r.p99)),
        cpu: median(samples.map((r) => r.cpuPerRequest)),
        non2xx: samples.reduce((sum, r) => sum + r.non2xx, 0),
      },
    ]),
  );
  log(
    `\nSandbox flight search (FRA–ATL return, 200 offers judged and stored, first page of 20), ${SEARCH_CONNECTIONS} connection(s), ${DURATION} s, medians of ${ROUNDS} rounds`,
  );
  log('| search | server | req/s | p50 ms | p99 ms | CPU ms/req | non-2xx |');
  log('|---|---|---|---|---|---|---|');
  for (const [name, s] of Object.entries(summary))
    log(
      `| POST /api/trips/:id/flight-searches | ${name} | ${s.rps.toFixed(1)} | ${s.p50} | ${s.p99} | ${s.cpu.toFixed(2)} | ${s.non2xx} |`,
    );
  log(
    `|   ratios | p99 ours/bare ${(summary.ours.p99 / summary.bare.p99).toFixed(2)} | throughput ours/bare ${(summary.ours.rps / summary.bare.rps).toFixed(2)} | CPU/request bare/ours ${(summary.bare.cpu / summary.ours.cpu).toFixed(2)} | p99 ours ${summary.ours.p99} ms (target < 100) | | |`,
  );
  return summary.ours.non2xx + summary.bare.non2xx > 0;
}

/** Booking: concurrent bookers (one traveller each), and the trips (one search each) set up per traveller. */
const BOOKING_WORKERS = Number(process.env.BENCH_BOOKING_CONNECTIONS || 10);
const BOOKING_TRIPS = Number(process.env.BENCH_BOOKING_TRIPS || 24);

/**
 * The booking bench's set-up (not measured), through the API where it encrypts (passenger
 * profiles) or computes (searches): in the first organization, a policy under which the sandbox's
 * economy offers are in policy (no fare cap to speak of, connections and airlines free, no advance
 * rule); BOOKING_WORKERS travellers, each with a passenger profile and BOOKING_TRIPS draft trips
 * without a budget, each trip with one stored FRA–ATL search of 200 offers (one live booking per
 * offer of a trip). Returns per worker its token and its (trip, in-policy offer) pairs, trips in turn.
 */
async function prepareBookings(url, base) {
  // A pool: the travellers are set up concurrently.
  const client = new Pool({ connectionString: url, max: 4 });
  try {
    const org = (
      await client.query(
        "SELECT organization_id AS id FROM users WHERE role = 'manager' ORDER BY organization_id LIMIT 1",
      )
    ).rows[0].id;
    await client.query(
      `INSERT INTO travel_policies (organization_id, max_flight_fare, max_connections, preferred_airlines, min_advance_booking_days)
       VALUES ($1, 10000, NULL, '{}', 0)
       ON CONFLICT (organization_id) DO UPDATE SET max_flight_fare = 10000, max_connections = NULL, preferred_airlines = '{}', min_advance_booking_days = 0`,
      [org],
    );
    const travellers = (
      await client.query(
        "SELECT id, organization_id FROM users WHERE organization_id = $1 AND role = 'traveller' ORDER BY email LIMIT $2",
        [org, BOOKING_WORKERS],
      )
    ).rows;
    const day = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    return await Promise.all(
      travellers.map(async (traveller, index) => {
        const bearer = token(traveller, 'traveller');
        const headers = { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' };
        const profile = {
          givenName: 'Bench',
          familyName: `Traveller ${String.fromCharCode(65 + (index % 26))}`,
          bornOn: '1985-04-12',
          gender: 'f',
          title: 'ms',
          email: `bench-${index}@bench.example`,
          phoneNumber: '+442071234567',
        };
        const put = await fetch(`${base}/api/users/me/passenger-profile`, {
          method: 'PUT',
          headers,
          body: JSON.stringify(profile),
        });
        if (put.status !== 200) throw new Error(`passenger profile: ${put.status} ${await put.text()}`);
        // One search per trip, and the worker books its trips in turn: each trip gains a few
        // flights per round robin, as a trip would, rather than thousands of activities on one.
        const offersByTrip = [];
        for (let t = 0; t < BOOKING_TRIPS; t += 1) {
          const trip = (
            await client.query(
              `INSERT INTO trips (organization_id, traveller_id, title, destination, start_date, end_date, status, latitude, longitude, timezone)
             VALUES ($1, $2, 'Bench bookings', 'Atlanta', $3, $4, 'draft', 33.749, -84.388, 'America/New_York') RETURNING id`,
              [traveller.organization_id, traveller.id, day(20 + (t % 60)), day(25 + (t % 60))],
            )
          ).rows[0];
          const body = {
            slices: [
              { origin: 'FRA', destination: 'ATL', departureDate: day(20 + (t % 60)) },
              { origin: 'ATL', destination: 'FRA', departureDate: day(25 + (t % 60)) },
            ],
          };
          const response = await fetch(`${base}/api/trips/${trip.id}/flight-searches`, {
            method: 'POST',
            headers,
            body: JSON.stringify(body),
          });
          if (response.status !== 201)
            throw new Error(`booking set-up search: ${response.status} ${await response.text()}`);
          offersByTrip.push(
            (
              await client.query(
                `SELECT o.id FROM flight_offers o JOIN flight_searches s ON s.id = o.search_id
              WHERE s.trip_id = $1 AND o.verdict = 'in_policy' ORDER BY o.policy_amount`,
                [trip.id],
              )
            ).rows.map((row) => ({ tripId: trip.id, offerId: row.id })),
          );
        }
        const offers = [];
        for (let i = 0; offersByTrip.some((list) => i < list.length); i += 1)
          for (const list of offersByTrip) if (i < list.length) offers.push(list[i]);
        return { token: bearer, offers };
      }),
    );
  } finally {
    await client.end();
  }
}

const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN;

/**
 * BOOKING_WORKERS concurrent bookers for `seconds`, each booking its own trip's next unused offer
 * with a fresh Idempotency-Key, one request at a time (the loop stops early when a worker's offers
 * run out, and says so). Every answer is checked: 201 and `confirmed`, else counted as non-2xx.
 */
async function bookingLoad(server, base, workers, seconds) {
  const before = cpuMs(server.pid);
  const latencies = [];
  let ok = 0;
  let bad = 0;
  let exhausted = 0;
  const firstBad = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    workers.map(async (worker) => {
      while (performance.now() < end) {
        const next = worker.offers.shift();
        if (!next) {
          exhausted += 1;
          return;
        }
        const sent = performance.now();
        try {
          const response = await fetch(`${base}/api/trips/${next.tripId}/bookings`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${worker.token}`,
              'content-type': 'application/json',
              'idempotency-key': randomUUID(),
            },
            body: JSON.stringify({ offerId: next.offerId }),
          });
          const body = await response.json();
          latencies.push(performance.now() - sent);
          if (response.status === 201 && body.status === 'confirmed') ok += 1;
          else {
            bad += 1;
            if (firstBad.length < 3) firstBad.push(`${response.status} ${body.status ?? body.code ?? ''}`);
          }
        } catch (error) {
          bad += 1;
          if (firstBad.length < 3) firstBad.push(String(error));
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuMs(server.pid) - before;
  latencies.sort((a, b) => a - b);
  if (firstBad.length) log(`  not confirmed: ${firstBad.join('; ')}`);
  if (exhausted) log(`  ${exhausted} worker(s) ran out of offers: raise BENCH_BOOKING_TRIPS`);
  return {
    rps: (ok + bad) / elapsed,
    p50: Math.round(percentile(latencies, 0.5)),
    p99: Math.round(percentile(latencies, 0.99)),
    non2xx: bad,
    count: ok + bad,
    cpuPerRequest: cpu / Math.max(1, ok + bad),
    exhausted,
  };
}

/**
 * Booking creation, ours and bare alternating as the reads; both book from the same pool of
 * offers. After the rounds the database is asked what was written: every booking of the run
 * confirmed, with its sandbox order and flight activities.
 */
async function benchBooking(url, targets) {
  const workers = await prepareBookings(url, targets.ours.base);
  const offers = workers.reduce((sum, w) => sum + w.offers.length, 0);
  log(
    `booking set-up: ${workers.length} travellers with a passenger profile and ${BOOKING_TRIPS} trips each, ${offers} in-policy offers`,
  );
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const since = (await client.query('SELECT now() AS t')).rows[0].t;
    for (const [name, { server, base }] of Object.entries(targets)) {
      const warm = await bookingLoad(server, base, workers, 2);
      if (warm.non2xx) throw new Error(`booking on ${name}: ${warm.non2xx} of ${warm.count} not confirmed`);
    }
    const runs = { ours: [], bare: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const name of round % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours']) {
        const sample = await bookingLoad(targets[name].server, targets[name].base, workers, DURATION);
        runs[name].push(sample);
        log(
          `round ${round + 1} ${name.padEnd(4)} POST booking: ${sample.rps.toFixed(1)} req/s, p99 ${sample.p99} ms, CPU ${sample.cpuPerRequest.toFixed(2)} ms/booking, non-2xx ${sample.non2xx}`,
        );
      }
    }
    const written = (
      await client.query(
        `SELECT count(*)::int AS bookings, count(*) FILTER (WHERE b.status = 'confirmed')::int AS confirmed,
              (SELECT count(*)::int FROM sandbox_flight_orders o WHERE o.created_at >= $1) AS orders,
              (SELECT count(*)::int FROM activities a WHERE a.type = 'flight' AND a.created_at >= $1) AS flights,
              (SELECT count(*)::int FROM outbox_messages m WHERE m.topic LIKE 'booking.%' AND m.created_at >= $1) AS events,
              (SELECT string_agg(topic || ' ' || n, ', ' ORDER BY topic) FROM (SELECT topic, count(*) AS n FROM outbox_messages
                WHERE topic LIKE 'booking.%' AND created_at >= $1 GROUP BY topic) t) AS topics,
              -- Ours and bare wrote rows of one shape: the same columns filled, the same answer's fields.
              count(DISTINCT num_nonnulls(b.*))::int + (SELECT count(DISTINCT num_nonnulls(a.*))::int - 1 FROM activities a WHERE a.type = 'flight' AND a.created_at >= $1) AS shapes,
              count(DISTINCT (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(b.response_body) k))::int AS answers
         FROM bookings b WHERE b.created_at >= $1`,
        [since],
      )
    ).rows[0];
    const summary = Object.fromEntries(
      Object.entries(runs).map(([name, samples]) => [
        name,
        {
          rps: median(samples.map((r) => r.rps)),
          p50: median(samples.map((r) => r.p50)),
          p99: median(samples.map((r) => r.p99)),
          cpu: median(samples.map((r) => r.cpuPerRequest)),
          non2xx: samples.reduce((sum, r) => sum + r.non2xx, 0),
          exhausted: samples.reduce((sum, r) => sum + r.exhausted, 0),
        },
      ]),
    );
    log(
      `\nBooking creation (sandbox supplier, in policy, confirmed), ${workers.length} concurrent bookers, ${DURATION} s, medians of ${ROUNDS} rounds`,
    );
    log('| booking | server | req/s | p50 ms | p99 ms | CPU ms/booking | non-2xx |');
    log('|---|---|---|---|---|---|---|');
    for (const [name, s] of Object.entries(summary))
      log(
        `| POST /api/trips/:id/bookings | ${name} | ${s.rps.toFixed(1)} | ${s.p50} | ${s.p99} | ${s.cpu.toFixed(2)} | ${s.non2xx} |`,
      );
    log(
      `|   ratios | throughput ours/bare ${(summary.ours.rps / summary.bare.rps).toFixed(2)} | CPU/booking bare/ours ${(summary.bare.cpu / summary.ours.cpu).toFixed(2)} | p99 ours/bare ${(summary.ours.p99 / summary.bare.p99).toFixed(2)} | | | |`,
    );
    log(
      `written: ${written.bookings} bookings (warm-up included), ${written.confirmed} confirmed, ${written.orders} sandbox orders, ${written.flights} flight activities, ${written.events} booking outbox rows (6 a booking: ordering → audit, realtime; confirmed → audit, mail, realtime, budget alerts: ${written.topics}); row shapes ${written.shapes}, answer shapes ${written.answers} (1 and 1: bare wrote what ours wrote)`,
    );
    return (
      summary.ours.non2xx + summary.bare.non2xx + summary.ours.exhausted + summary.bare.exhausted > 0 ||
      written.confirmed !== written.bookings ||
      written.orders !== written.bookings ||
      written.events !== 6 * written.bookings ||
      written.shapes !== 1 ||
      written.answers !== 1
    );
  } finally {
    await client.end();
  }
}

/**
 * `BENCH_ONLY=booking-sql`: one booking on the API with every statement it sends recorded
 * (scripts/bench/sql-trace.js), printed — what bare-server.js's booking is checked against. The
 * outbox worker's statements (delivering the booking's events: audit rows, the e-mail) are
 * interleaved with the request's; the "ran out of offers" line is expected (one offer is given).
 */
async function traceBookingSql(url, ours) {
  const workers = await prepareBookings(url, ours.base);
  const file = process.env.BENCH_SQL_TRACE;
  writeFileSync(file, '');
  const sample = await bookingLoad(
    ours.server,
    ours.base,
    workers.slice(0, 1).map((w) => ({ ...w, offers: w.offers.slice(0, 1) })),
    5,
  );
  log(readFileSync(file, 'utf8'));
  log(`${sample.count} booking, non-2xx ${sample.non2xx}`);
}

/**
 * `BENCH_ONLY=report`: 1M confirmed bookings (one in ten cancelled with a refund) spread over the
 * organizations' trips and two years, then the spend report of one organization for one year
 * (`GET /api/reports/spend`: its monthly spend and every breakdown) under load. No bare baseline:
 * the figure is the report's own latency against its goal (p99 < 200 ms).
 */
const REPORT_BOOKINGS = Number(process.env.BENCH_REPORT_BOOKINGS || 1_000_000);

async function benchReport(url, base, managerToken) {
  const client = new Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  const { rows } = await client.query('SELECT count(*)::int AS trips FROM trips');
  const perTrip = Math.max(1, Math.ceil(REPORT_BOOKINGS / rows[0].trips));
  await client.query(`
    INSERT INTO bookings (organization_id, trip_id, booker_id, passenger_ids, status, supplier, offer_id, supplier_offer_id,
        offer, total_amount, total_currency, policy_verdict, policy_version, policy_reasons, policy_reason_code,
        cheapest_in_policy, supplier_order_id, idempotency_key, request_fingerprint, report_currency, report_rate,
        emissions_kg, confirmed_at)
      SELECT t.organization_id, t.id, t.traveller_id, ARRAY[t.traveller_id],
             CASE WHEN n % 10 = 0 THEN 'cancelled' ELSE 'confirmed' END::booking_status, 'sandbox', gen_random_uuid(),
             'bench-' || t.id || '-' || n, '{}', 80 + (n * 37 + t.start_date - DATE '2024-01-01') % 900, 'EUR',
             CASE WHEN n % 7 = 0 THEN 'needs_approval' ELSE 'in_policy' END, 1, '[]',
             CASE WHEN n % 11 = 0 THEN 'client_requirement' END,
             jsonb_build_object('offerId', gen_random_uuid(), 'amount', '80.00', 'currency', 'EUR'),
             'order-' || t.id || '-' || n, 'key-' || t.id || '-' || n, repeat('0', 64), 'EUR', 1, 150 + n % 400,
             TIMESTAMPTZ '2024-01-01' + ((n * 7919 + t.start_date - DATE '2024-01-01') % 730) * INTERVAL '1 day'
      FROM trips t, generate_series(1, ${perTrip}) n`);
  await client.query(`UPDATE bookings SET cancelled_at = confirmed_at + INTERVAL '3 days', refund_amount = 40, refund_currency = 'EUR'
                       WHERE status = 'cancelled'`);
  await client.query('VACUUM ANALYZE bookings');
  const counts = (
    await client.query(`SELECT count(*)::int AS bookings, count(*) FILTER (WHERE organization_id = (
        SELECT organization_id FROM users WHERE role = 'manager' LIMIT 1) AND confirmed_at >= '2025-01-01' AND confirmed_at < '2026-01-01')::int AS year
      FROM bookings`)
  ).rows[0];
  await client.end();
  log(
    `\nreport data: ${counts.bookings} bookings (${counts.year} in the measured organization's year) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const path = '/api/reports/spend?from=2025-01-01&to=2025-12-31';
  await autocannon({
    url: base + path,
    connections: 2,
    duration: 2,
    headers: { authorization: `Bearer ${managerToken}` },
  });
  const samples = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const result = await autocannon({
      url: base + path,
      connections: 2,
      duration: DURATION,
      headers: { authorization: `Bearer ${managerToken}` },
    });
    samples.push({
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx + result.errors,
    });
    log(
      `round ${round + 1} GET ${path}: ${result.requests.average.toFixed(1)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    );
  }
  const p99 = median(samples.map((sample) => sample.p99));
  log(
    `| spend report, one organization's year | p50 ${median(samples.map((s) => s.p50))} ms | p99 ${p99} ms (target < 200) | ${median(samples.map((s) => s.rps)).toFixed(1)} req/s at 2 connections |`,
  );
  return samples.some((sample) => sample.non2xx > 0);
}

async function main() {
  const db = await database();
  const servers = [];
  try {
    const { managerToken, travellerToken, tripId } = await populate(db.url);
    if (process.env.BENCH_ONLY === 'booking-sql') {
      process.env.BENCH_SQL_TRACE ||= path.join(tmpdir(), `nestmap-bench-sql-${process.pid}.log`);
      const traced = await startOurs(db.url, ['-r', path.join(__dirname, 'sql-trace.js')], {
        BENCH_SQL_TRACE: process.env.BENCH_SQL_TRACE,
      });
      servers.push(traced);
      await traceBookingSql(db.url, { server: traced, base: 'http://127.0.0.1:5601' });
      return;
    }
    const ours = await startOurs(db.url);
    const bare = await start('bare', [path.join(__dirname, 'bare-server.js')], {
      DATABASE_URL: db.url,
      JWT_SECRET: SECRET,
      SESSION_SECRET: SESSION,
      DATA_ENCRYPTION_KEY: SESSION,
      BOOKING_DAILY_LIMIT_PER_USER: '100000000',
      PORT: '5602',
    });
    servers.push(ours, bare);
    const targets = {
      ours: { server: ours, base: 'http://127.0.0.1:5601' },
      bare: { server: bare, base: 'http://127.0.0.1:5602' },
    };
    // `BENCH_ONLY=flight-search` (with BENCH_ORGS=2 the data takes seconds): only the flight search's figures.
    if (process.env.BENCH_ONLY === 'flight-search') {
      if (await benchFlightSearch(db.url, targets, travellerToken)) process.exitCode = 1;
      return;
    }
    if (process.env.BENCH_ONLY === 'booking') {
      if (await benchBooking(db.url, targets)) process.exitCode = 1;
      return;
    }
    const live = () => benchSockets({ base: targets.ours.base, token: travellerToken, log });
    if (process.env.BENCH_ONLY === 'sockets') {
      const { missing } = await live();
      if (missing > 0) process.exitCode = 1;
      return;
    }
    if (process.env.BENCH_ONLY === 'report') {
      if (await benchReport(db.url, targets.ours.base, managerToken)) process.exitCode = 1;
      return;
    }
    const reads = readsOf({ managerToken, travellerToken, tripId });
    for (const target of Object.values(targets))
      for (const read of Object.values(reads)) {
        await autocannon({
          url: target.base + read.path,
          connections: CONNECTIONS,
          duration: 2,
          headers: { authorization: `Bearer ${read.token}` },
        });
      }
    const samples = {};
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = round % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours'];
      for (const [name, read] of Object.entries(reads)) {
        for (const targetName of order) {
          const { server, base } = targets[targetName];
          const sample = await measure(server, base + read.path, read.token);
          ((samples[name] ??= {})[targetName] ??= []).push(sample);
          log(
            `round ${round + 1} ${targetName.padEnd(4)} ${name}: ${sample.rps.toFixed(0)} req/s, p99 ${sample.p99} ms, non-2xx ${sample.non2xx}`,
          );
        }
      }
    }
    log(`\nResults: medians of ${ROUNDS} alternating rounds, ${CONNECTIONS} connections, ${DURATION} s each`);
    log('| read | server | req/s | p50 ms | p99 ms | CPU ms/req | non-2xx |');
    log('|---|---|---|---|---|---|---|');
    let failed = false;
    for (const [name, byTarget] of Object.entries(samples)) {
      const summary = {};
      for (const [targetName, runs] of Object.entries(byTarget)) {
        summary[targetName] = {
          rps: median(runs.map((r) => r.rps)),
          p50: median(runs.map((r) => r.p50)),
          p99: median(runs.map((r) => r.p99)),
          cpu: median(runs.map((r) => r.cpuPerRequest)),
          non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
        };
        const s = summary[targetName];
        log(
          `| ${name} | ${targetName} | ${s.rps.toFixed(0)} | ${s.p50} | ${s.p99} | ${s.cpu.toFixed(3)} | ${s.non2xx} |`,
        );
        if (s.non2xx > 0) failed = true;
      }
      const throughputRatio = summary.ours.rps / summary.bare.rps;
      const cpuRatio = summary.bare.cpu / summary.ours.cpu;
      log(
        `|   ratios | throughput ours/bare ${throughputRatio.toFixed(2)} (target ≥ 0.8) | CPU/request bare/ours ${cpuRatio.toFixed(2)} (target ≥ 0.6) | p99 ours ${summary.ours.p99} ms (target < 50) | | | |`,
      );
    }
    const lag = await measureEventLag(db.url, targets.ours.base, travellerToken);
    const ms = (value) => (value === null || value === undefined ? '–' : Number(value).toFixed(1));
    log(
      `\nDomain events under a write load (POST /api/trips, ${CONNECTIONS} connections, ${DURATION} s): ${lag.rps.toFixed(0)} writes/s (request p50 ${lag.requestP50} ms, p99 ${lag.requestP99} ms), ${lag.events} events`,
    );
    log(
      `| change → handler | p50 ${ms(lag.p50)} ms | p99 ${ms(lag.p99)} ms (target < 1000) | max ${ms(lag.max)} ms | undelivered ${lag.undelivered} | non-2xx ${lag.non2xx} |`,
    );
    if (lag.non2xx > 0 || lag.undelivered > 0) failed = true;
    if (process.env.BENCH_FLIGHT_SEARCH !== '0' && (await benchFlightSearch(db.url, targets, travellerToken)))
      failed = true;
    if (process.env.BENCH_BOOKING !== '0' && (await benchBooking(db.url, targets))) failed = true;
    if (process.env.BENCH_SOCKETS !== '0' && (await live()).missing > 0) failed = true;
    if (process.env.BENCH_REPORT !== '0' && (await benchReport(db.url, targets.ours.base, managerToken))) failed = true;
    if (failed) {
      log('non-2xx responses or undelivered events were seen: the run is not valid');
      process.exitCode = 1;
    }
  } finally {
    for (const server of servers) server.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await db.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`bench failed: ${error.stack || error}\n`);
    process.exitCode = 1;
  });
}

module.exports = {
  database,
  populate,
  readsOf,
  prepareFlightSearch,
  prepareBookings,
  bookingLoad,
  startOurs,
  CONNECTIONS,
  DURATION,
};
