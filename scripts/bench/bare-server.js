// The bare baseline of `npm run bench`: plain node:http + pg, doing what the API does for the two
// measured reads — verify the JWT (HS256, issuer, audience), check the user and session in the database, then
// run the same SQL (the trip list's page with its traveller's name, and its count; the itinerary in
// time order) — with no framework at all.
const http = require('node:http');
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
