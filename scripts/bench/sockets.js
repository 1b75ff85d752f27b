// `npm run bench` § live updates (`BENCH_ONLY=sockets` runs only this part): BENCH_SOCKETS concurrent
// WebSocket connections on one API process (authenticated as the web app does), BENCH_SOCKET_ROOM of
// them in one trip's room, then BENCH_SOCKET_WRITES activities created one after another and, for
// each, the time from the write's response (its transaction committed just before) to each socket
// in the room receiving the event (outbox → publisher → PostgreSQL adapter → socket). Loopback only,
// bounded: connections are opened in batches with a deadline.
const { io } = require('socket.io-client');

const SOCKETS = Number(process.env.BENCH_SOCKETS || 5000);
const ROOM = Number(process.env.BENCH_SOCKET_ROOM || 100);
const WRITES = Number(process.env.BENCH_SOCKET_WRITES || 50);
const BATCH = 100;
const DEADLINE_MS = Number(process.env.BENCH_SOCKET_DEADLINE_MS || 120_000);

const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

function connect(base, token) {
  const socket = io(base, {
    path: '/api/socket.io',
    addTrailingSlash: false,
    transports: ['websocket'],
    auth: { token },
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', () => {
      socket.close();
      resolve(null);
    });
  });
}

async function benchSockets({ base, token, log }) {
  // A draft trip of the traveller's own, so that its itinerary is open.
  const created = await fetch(`${base}/api/trips`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Live bench',
      destination: 'Berlin',
      startDate: '2026-03-09',
      endDate: '2026-03-12',
    }),
  });
  if (created.status !== 201) throw new Error(`trip creation answered ${created.status}`);
  const tripId = (await created.json()).id;
  const sockets = [];
  const started = Date.now();
  let refused = 0;
  while (sockets.length + refused < SOCKETS && Date.now() - started < DEADLINE_MS) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(BATCH, SOCKETS - sockets.length - refused) }, () => connect(base, token)),
    );
    for (const socket of batch) {
      if (socket) sockets.push(socket);
      else refused += 1;
    }
  }
  const connectSeconds = (Date.now() - started) / 1000;
  const alive = sockets.filter((socket) => socket.connected).length;
  log(
    `\nLive updates: ${alive} of ${SOCKETS} WebSocket connections open on one API process (${refused} refused), opened in ${connectSeconds.toFixed(1)} s`,
  );

  const room = sockets.slice(0, ROOM);
  for (const socket of room) await socket.timeout(20_000).emitWithAck('trip.join', { tripId });
  const latencies = [];
  let missing = 0;
  for (let write = 0; write < WRITES; write += 1) {
    const arrivals = room.map(
      (socket) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => resolve(null), 5000);
          socket.once('activity.created', () => {
            clearTimeout(timer);
            resolve(performance.now());
          });
        }),
    );
    const response = await fetch(`${base}/api/trips/${tripId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: `Live ${write}`, type: 'meeting', startsAt: '2026-03-10T10:00:00+01:00' }),
    });
    const committed = performance.now();
    if (response.status !== 201) throw new Error(`activity creation answered ${response.status}`);
    for (const arrived of await Promise.all(arrivals)) {
      if (arrived === null) missing += 1;
      else latencies.push(arrived - committed);
    }
  }
  const ms = (value) => (value === undefined ? '–' : value.toFixed(1));
  log(
    `| commit → client (${ROOM} sockets in the room, ${WRITES} writes) | p50 ${ms(percentile(latencies, 0.5))} ms | p99 ${ms(percentile(latencies, 0.99))} ms (target < 100) | max ${ms(Math.max(...latencies))} ms | missing ${missing} |`,
  );
  for (const socket of sockets) socket.close();
  return { alive, missing };
}

module.exports = { benchSockets, SOCKETS };
