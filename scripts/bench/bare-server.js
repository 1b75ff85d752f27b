// The bare baseline of `npm run bench`: plain node:http + pg, doing what the API does for the two
// measured reads — verify the JWT (HS256, issuer, audience), check the user and session in the database, then
// run the same SQL (the trip list's page with its traveller's name, and its count; the itinerary in
// time order) — with no framework at all. For the flight search, the same work as the API's with
// the same compiled pieces (the sandbox supplier, the policy parser and `judgeOffer`) and the same
// SQL (trip, policy, one transaction inserting the search and its offers, the first page and its
// count), without Nest, validation, TypeORM or our response mapping.
const { createHmac } = require('node:crypto');
const http = require('node:http');
const path = require('node:path');
const jwt = require('jsonwebtoken');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const secret = process.env.JWT_SECRET;

async function caller(request) {
  const token = /^Bearer (.+)$/.exec(request.headers.authorization || '')?.[1];
  if (!token) return undefined;
  let claims;
  try {
    claims = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: 'nestmap', audience: 'nestmap-api' });
  } catch {
    return undefined;
  }
  const { rows } = await pool.query(
    `SELECT id, organization_id, role, active, token_version,
            EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2 AND r.revoked_at IS NOT NULL) AS session_revoked
       FROM users WHERE id = $1`,
    [claims.sub, claims.sid],
  );
  const user = rows[0];
  if (!user || !user.active || user.token_version !== claims.ver || user.organization_id !== claims.org || user.session_revoked) return undefined;
  return user;
}

async function listTrips(user, url) {
  const params = [user.organization_id];
  let where = 't.organization_id = $1';
  if (user.role === 'traveller') where += ` AND t.traveller_id = $${params.push(user.id)}`;
  const status = url.searchParams.get('status');
  if (status) where += ` AND t.status = ANY($${params.push(status.split(','))}::trip_status[])`;
  const from = url.searchParams.get('from');
  if (from) where += ` AND t.end_date >= $${params.push(from)}`;
  const limit = Math.min(Number(url.searchParams.get('limit') || 20), 100);
  const [page, count] = await Promise.all([
    pool.query(`SELECT t.*, u.name AS traveller_name FROM trips t JOIN users u ON u.id = t.traveller_id WHERE ${where} ORDER BY t.start_date ASC, t.id ASC LIMIT ${limit} OFFSET 0`, params),
    pool.query(`SELECT count(*)::int AS total FROM trips t WHERE ${where}`, params),
  ]);
  return { items: page.rows, total: count.rows[0].total, page: 1, limit };
}

async function itinerary(user, tripId) {
  const visible = await pool.query(
    `SELECT id FROM trips WHERE id = $1 AND organization_id = $2 ${user.role === 'traveller' ? 'AND traveller_id = $3' : ''}`,
    user.role === 'traveller' ? [tripId, user.organization_id, user.id] : [tripId, user.organization_id],
  );
  if (!visible.rowCount) return undefined;
  const { rows } = await pool.query('SELECT * FROM activities WHERE organization_id = $1 AND trip_id = $2 ORDER BY starts_at, position, created_at', [user.organization_id, tripId]);
  return { items: rows, conflicts: [] };
}

const dist = (file) => path.join(__dirname, '../../dist', file);
let kit;
/** The compiled pieces the flight search shares with the API (loaded on first use). */
function flightKit() {
  if (!kit) {
    const { SandboxFlightSupplier } = require(dist('flights/supplier/sandbox/sandbox-flight-supplier.js'));
    const key = createHmac('sha256', process.env.SESSION_SECRET || 'bare').update('nestmap sandbox flight offers').digest('base64url');
    kit = {
      supplier: new SandboxFlightSupplier({}, key),
      judgeOffer: require(dist('flights/search/offer-verdict.js')).judgeOffer,
      policyRulesOf: require(dist('policy/travel-policy.schema.js')).policyRulesOf,
      findAirport: require(dist('places/airports.index.js')).findAirport,
    };
  }
  return kit;
}

const camel = (row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key.replace(/_([a-z])/g, (_m, c) => c.toUpperCase()), value]));
const OFFER_COLUMNS = ['organization_id', 'search_id', 'supplier_offer_id', 'offer', 'total_amount', 'total_currency', 'policy_amount', 'emissions_kg', 'duration_minutes', 'stops', 'carriers', 'verdict', 'reasons', 'expires_at'];

async function flightSearch(user, tripId, body) {
  const visible = await pool.query(
    `SELECT id FROM trips WHERE id = $1 AND organization_id = $2 AND status NOT IN ('rejected', 'completed', 'cancelled') ${user.role === 'traveller' ? 'AND traveller_id = $3' : ''}`,
    user.role === 'traveller' ? [tripId, user.organization_id, user.id] : [tripId, user.organization_id],
  );
  if (!visible.rowCount) return undefined;
  const { supplier, judgeOffer, policyRulesOf, findAirport } = flightKit();
  const policy = policyRulesOf(camel((await pool.query('SELECT * FROM travel_policies WHERE organization_id = $1', [user.organization_id])).rows[0]));
  const slices = body.slices;
  const cabin = body.cabin || 'economy';
  const now = new Date();
  const result = await supplier.search({ slices, passengers: 1, cabin, maxConnections: body.maxConnections ?? null });
  const convert = (money) => {
    if (money.currency !== policy.currency) throw new Error('the bench prices in the policy currency');
    return money.amount;
  };
  const context = { now, timeZone: findAirport(slices[0].origin)?.timezone ?? 'UTC', convert };
  const rows = result.offers.map((offer) => {
    const verdict = judgeOffer(policy, offer, 1, context);
    const carriers = [...new Set(offer.slices.flatMap((s) => s.segments.flatMap((g) => [g.marketingCarrier.iataCode, g.operatingCarrier.iataCode])))];
    return [user.organization_id, null, offer.supplierOfferId, JSON.stringify(offer), offer.totalAmount.amount, offer.totalAmount.currency, offer.totalAmount.amount, offer.totalEmissionsKg === null ? null : Math.round(offer.totalEmissionsKg), offer.slices.reduce((sum, s) => sum + s.durationMinutes, 0), Math.max(0, ...offer.slices.map((s) => s.segments.length - 1)), carriers, verdict.verdict, JSON.stringify(verdict.reasons), offer.expiresAt];
  });
  const expiresAt = new Date(Math.max(now.getTime(), ...result.offers.map((offer) => Date.parse(offer.expiresAt))));
  const client = await pool.connect();
  let search;
  try {
    await client.query('BEGIN');
    search = (await client.query(
      `INSERT INTO flight_searches (organization_id, trip_id, searched_by_id, supplier, supplier_search_id, slices, passengers, cabin, max_connections, policy_version, policy_currency, offer_count, expires_at)
       VALUES ($1, $2, $3, 'sandbox', $4, $5, 1, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [user.organization_id, tripId, user.id, result.supplierSearchId, JSON.stringify(slices), cabin, body.maxConnections ?? null, policy.version, policy.currency, rows.length, expiresAt],
    )).rows[0];
    if (rows.length) {
      const parameters = [];
      const values = rows.map((row) => `(${row.map((value, index) => `$${parameters.push(index === 1 ? search.id : value)}`).join(', ')})`);
      await client.query(`INSERT INTO flight_offers (${OFFER_COLUMNS.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`, parameters);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  const where = 'o.organization_id = $1 AND o.search_id = $2 AND o.expires_at > $3';
  const parameters = [user.organization_id, search.id, now];
  const [page, count] = await Promise.all([
    pool.query(`SELECT o.* FROM flight_offers o WHERE ${where} ORDER BY o.policy_amount ASC NULLS LAST, o.duration_minutes ASC, o.id ASC LIMIT 20 OFFSET 0`, parameters),
    pool.query(`SELECT count(*)::int AS total FROM flight_offers o WHERE ${where}`, parameters),
  ]);
  return { items: page.rows, total: count.rows[0].total, page: 1, limit: 20, search };
}

async function readJson(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const server = http.createServer(async (request, response) => {
  const send = (status, body) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  };
  try {
    const url = new URL(request.url, 'http://localhost');
    const user = await caller(request);
    if (!user) return send(401, { statusCode: 401 });
    if (url.pathname === '/api/trips') return send(200, await listTrips(user, url));
    const search = /^\/api\/trips\/([0-9a-f-]{36})\/flight-searches$/.exec(url.pathname);
    if (search && request.method === 'POST') {
      const body = await flightSearch(user, search[1], await readJson(request));
      return body ? send(201, body) : send(404, { statusCode: 404 });
    }
    const match = /^\/api\/trips\/([0-9a-f-]{36})\/activities$/.exec(url.pathname);
    if (match) {
      const body = await itinerary(user, match[1]);
      return body ? send(200, body) : send(404, { statusCode: 404 });
    }
    send(404, { statusCode: 404 });
  } catch {
    send(500, { statusCode: 500 });
  }
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
