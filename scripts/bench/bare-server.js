// The bare baseline of `npm run bench`: plain node:http + pg, doing what the API does for the two
// measured reads — verify the JWT (HS256, issuer, audience), check the user and session in the database, then
// run the same SQL (the trip list's page with its traveller's name, and its count; the itinerary in
// time order) — with no framework at all. For the flight search, the same work as the API's with
// the same compiled pieces (the sandbox supplier, the policy parser and `judgeOffer`) and the same
// SQL (trip, policy, one transaction inserting the search and its offers, the first page and its
// count), without Nest, validation, TypeORM or our response mapping. For a booking, the reads and
// writes of an in-policy sandbox booking ordered at once, with the API's compiled pieces (the
// sandbox supplier's createOrder over a pg INSERT, judgeOffer, the idempotency key and fingerprint,
// the flight activities, the booking's response mapping); what it leaves out is listed in
// docs/performance.md § Booking creation.
const { createHmac, randomUUID } = require('node:crypto');
const http = require('node:http');
const path = require('node:path');
const jwt = require('jsonwebtoken');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const secret = process.env.JWT_SECRET;
const DAILY_LIMIT = Number(process.env.BOOKING_DAILY_LIMIT_PER_USER || 20);

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
  if (
    !user ||
    !user.active ||
    user.token_version !== claims.ver ||
    user.organization_id !== claims.org ||
    user.session_revoked
  )
    return undefined;
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
    pool.query(
      `SELECT t.*, u.name AS traveller_name FROM trips t JOIN users u ON u.id = t.traveller_id WHERE ${where} ORDER BY t.start_date ASC, t.id ASC LIMIT ${limit} OFFSET 0`,
      params,
    ),
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
  const { rows } = await pool.query(
    'SELECT * FROM activities WHERE organization_id = $1 AND trip_id = $2 ORDER BY starts_at, position, created_at',
    [user.organization_id, tripId],
  );
  return { items: rows, conflicts: [] };
}

const dist = (file) => path.join(__dirname, '../../dist', file);
let kit;
/** The compiled pieces the flight search shares with the API (loaded on first use). */
function flightKit() {
  if (!kit) {
    const { SandboxFlightSupplier } = require(dist('flights/supplier/sandbox/sandbox-flight-supplier.js'));
    const key = createHmac('sha256', process.env.SESSION_SECRET || 'bare')
      .update('nestmap sandbox flight offers')
      .digest('base64url');
    kit = {
      supplier: new SandboxFlightSupplier({}, key),
      judgeOffer: require(dist('flights/search/offer-verdict.js')).judgeOffer,
      policyRulesOf: require(dist('policy/travel-policy.schema.js')).policyRulesOf,
      findAirport: require(dist('places/airports.index.js')).findAirport,
    };
  }
  return kit;
}

const camel = (row) =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key.replace(/_([a-z])/g, (_m, c) => c.toUpperCase()), value]),
  );
const OFFER_COLUMNS = [
  'organization_id',
  'search_id',
  'supplier_offer_id',
  'offer',
  'total_amount',
  'total_currency',
  'policy_amount',
  'emissions_kg',
  'duration_minutes',
  'stops',
  'carriers',
  'verdict',
  'reasons',
  'expires_at',
];

async function flightSearch(user, tripId, body) {
  const visible = await pool.query(
    `SELECT id FROM trips WHERE id = $1 AND organization_id = $2 AND status NOT IN ('rejected', 'completed', 'cancelled') ${user.role === 'traveller' ? 'AND traveller_id = $3' : ''}`,
    user.role === 'traveller' ? [tripId, user.organization_id, user.id] : [tripId, user.organization_id],
  );
  if (!visible.rowCount) return undefined;
  const { supplier, judgeOffer, policyRulesOf, findAirport } = flightKit();
  const policy = policyRulesOf(
    camel(
      (await pool.query('SELECT * FROM travel_policies WHERE organization_id = $1', [user.organization_id])).rows[0],
    ),
  );
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
    const carriers = [
      ...new Set(
        offer.slices.flatMap((s) =>
          s.segments.flatMap((g) => [g.marketingCarrier.iataCode, g.operatingCarrier.iataCode]),
        ),
      ),
    ];
    return [
      user.organization_id,
      null,
      offer.supplierOfferId,
      JSON.stringify(offer),
      offer.totalAmount.amount,
      offer.totalAmount.currency,
      offer.totalAmount.amount,
      offer.totalEmissionsKg === null ? null : Math.round(offer.totalEmissionsKg),
      offer.slices.reduce((sum, s) => sum + s.durationMinutes, 0),
      Math.max(0, ...offer.slices.map((s) => s.segments.length - 1)),
      carriers,
      verdict.verdict,
      JSON.stringify(verdict.reasons),
      offer.expiresAt,
    ];
  });
  const expiresAt = new Date(Math.max(now.getTime(), ...result.offers.map((offer) => Date.parse(offer.expiresAt))));
  const client = await pool.connect();
  let search;
  try {
    await client.query('BEGIN');
    search = (
      await client.query(
        `INSERT INTO flight_searches (organization_id, trip_id, searched_by_id, supplier, supplier_search_id, slices, passengers, cabin, max_connections, policy_version, policy_currency, offer_count, expires_at)
       VALUES ($1, $2, $3, 'sandbox', $4, $5, 1, $6, $7, $8, $9, $10, $11) RETURNING *`,
        [
          user.organization_id,
          tripId,
          user.id,
          result.supplierSearchId,
          JSON.stringify(slices),
          cabin,
          body.maxConnections ?? null,
          policy.version,
          policy.currency,
          rows.length,
          expiresAt,
        ],
      )
    ).rows[0];
    if (rows.length) {
      const parameters = [];
      const values = rows.map(
        (row) => `(${row.map((value, index) => `$${parameters.push(index === 1 ? search.id : value)}`).join(', ')})`,
      );
      await client.query(
        `INSERT INTO flight_offers (${OFFER_COLUMNS.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
        parameters,
      );
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
    pool.query(
      `SELECT o.* FROM flight_offers o WHERE ${where} ORDER BY o.policy_amount ASC NULLS LAST, o.duration_minutes ASC, o.id ASC LIMIT 20 OFFSET 0`,
      parameters,
    ),
    pool.query(`SELECT count(*)::int AS total FROM flight_offers o WHERE ${where}`, parameters),
  ]);
  return { items: page.rows, total: count.rows[0].total, page: 1, limit: 20, search };
}

let bookingKit;
/** The compiled pieces the booking shares with the API, and a sandbox supplier that writes its orders with pg. */
function bookingPieces() {
  if (!bookingKit) {
    const { SandboxFlightSupplier } = require(dist('flights/supplier/sandbox/sandbox-flight-supplier.js'));
    const key = createHmac('sha256', process.env.SESSION_SECRET || 'bare')
      .update('nestmap sandbox flight offers')
      .digest('base64url');
    // The supplier's `Repository<SandboxFlightOrder>`: create() and save() are all createOrder uses; save is the one INSERT the API sends.
    const orders = {
      create: (row) => row,
      save: async (row) => {
        const { rows } = await pool.query(
          `INSERT INTO sandbox_flight_orders (booking_id, offer_id, booking_reference, total_amount, total_currency, passenger_count, slices, conditions, cancellation_id, refund_amount, cancellation_expires_at, cancelled_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id, created_at`,
          [
            row.bookingId,
            row.offerId,
            row.bookingReference,
            row.totalAmount,
            row.totalCurrency,
            row.passengerCount,
            JSON.stringify(row.slices),
            JSON.stringify(row.conditions),
            row.cancellationId,
            row.refundAmount,
            row.cancellationExpiresAt,
            row.cancelledAt,
          ],
        );
        return { ...row, id: rows[0].id, createdAt: rows[0].created_at };
      },
    };
    const { DataEncryption } = require(dist('common/crypto/data-encryption.js'));
    bookingKit = {
      supplier: new SandboxFlightSupplier(orders, key),
      encryption: new DataEncryption(process.env.DATA_ENCRYPTION_KEY),
      ...require(dist('booking/idempotency-key.js')),
      ...require(dist('booking/booking-itinerary.js')),
      toBookingResponse: require(dist('booking/booking.mapper.js')).toBookingResponse,
    };
  }
  return bookingKit;
}

class Refusal extends Error {
  constructor(status, code) {
    super(code);
    this.status = status;
    this.code = code;
  }
}

/** One statement per event, as DomainEvents.publish: a row per handler and the NOTIFY (on a channel of its own: the API's outbox worker shares this database and must not deliver bare's rows). */
/** The API's subscribers of each event (one outbox row each): keep in step with its handlers' EVENTS lists. */
const ORDERING_HANDLERS = ['audit.recorder', 'realtime.publisher'];
const CONFIRMED_HANDLERS = ['audit.recorder', 'mail.booking-notifier', 'realtime.publisher', 'mail.budget-alerter'];

async function publish(client, user, type, handlers, booking, trip, from) {
  const { flightLines } = bookingPieces();
  const data = {
    bookingId: booking.id,
    tripId: booking.trip_id,
    tripTitle: trip.title,
    bookerId: booking.booker_id,
    passengerIds: booking.passenger_ids,
    supplier: booking.supplier,
    from,
    to: booking.status,
    amount: booking.total_amount,
    currency: booking.total_currency,
    bookingReference: booking.booking_reference,
    flights: flightLines(booking.order?.slices ?? booking.offer.slices),
    policy: booking.policy_verdict,
  };
  await client.query(
    `WITH queued AS (
       INSERT INTO outbox_messages (organization_id, topic, handler, event_id, payload, next_attempt_at)
       SELECT $1, $2, handler, $3, $4, 'infinity' FROM unnest($5::varchar[]) AS handler
       RETURNING 1)
     SELECT pg_notify($6, '') FROM queued LIMIT 1`,
    [
      user.organization_id,
      type,
      randomUUID(),
      JSON.stringify({ actor: { id: user.id, role: user.role }, data }),
      handlers,
      'nestmap_bench_bare',
    ],
  );
}

async function inTransaction(work) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/**
 * A booking of an in-policy sandbox offer, as BookingsService.create and BookingOrders.place do it
 * (docs/performance.md says what this leaves out): the trip's access, the key, the stored offer and
 * its search, the re-price, the verdict, the passenger profiles (birth date decrypted), the cheapest
 * in-policy alternative; the claim transaction (the booker's advisory lock, the key and the daily
 * count, the booking, `booking.ordering`); the sandbox order; the confirm transaction (booking and
 * trip locked, the flight activities, the renumbering, `confirmed`, `booking.confirmed`, the answer).
 */
async function book(user, tripId, keyHeader, body) {
  const pieces = bookingPieces();
  const traveller = user.role === 'traveller';
  const trip = (
    await pool.query(
      `SELECT t.*, t.start_date::text AS start_date, t.end_date::text AS end_date,
            ARRAY(SELECT tt.user_id::text FROM trip_travellers tt WHERE tt.trip_id = t.id AND tt.organization_id = $2 ORDER BY tt.position) AS co_traveller_ids
       FROM trips t WHERE t.id = $1 AND t.organization_id = $2
       ${traveller ? 'AND (t.traveller_id = $3 OR EXISTS (SELECT 1 FROM trip_travellers tt WHERE tt.trip_id = t.id AND tt.user_id = $3 AND tt.organization_id = $2))' : ''}`,
      traveller ? [tripId, user.organization_id, user.id] : [tripId, user.organization_id],
    )
  ).rows[0];
  if (!trip) throw new Refusal(404, 'NOT_FOUND');
  if (['rejected', 'completed', 'cancelled'].includes(trip.status)) throw new Refusal(409, 'TRIP_CLOSED');
  let key;
  try {
    key = pieces.idempotencyKeyOf(keyHeader);
  } catch {
    throw new Refusal(400, 'IDEMPOTENCY_KEY_INVALID');
  }
  const fingerprint = pieces.requestFingerprint({ tripId, ...body });
  const findByKey = (client) =>
    client.query('SELECT * FROM bookings WHERE booker_id = $1 AND idempotency_key = $2 AND organization_id = $3', [
      user.id,
      key,
      user.organization_id,
    ]);
  // A key seen before would be replayed: the bench never sends one twice, and bare does not replay.
  if ((await findByKey(pool)).rowCount) throw new Refusal(409, 'BARE_NO_REPLAY');
  const stored = (
    await pool.query('SELECT * FROM flight_offers WHERE id = $1 AND organization_id = $2 LIMIT 1', [
      body.offerId,
      user.organization_id,
    ])
  ).rows[0];
  if (!stored) throw new Refusal(404, 'NOT_FOUND');
  const search = (
    await pool.query('SELECT * FROM flight_searches WHERE id = $1 AND organization_id = $2 LIMIT 1', [
      stored.search_id,
      user.organization_id,
    ])
  ).rows[0];
  if (!search || search.trip_id !== tripId) throw new Refusal(404, 'NOT_FOUND');
  const passengerIds = [trip.traveller_id, ...trip.co_traveller_ids];
  if (passengerIds.length !== stored.offer.supplierPassengerIds.length)
    throw new Refusal(422, 'BOOKING_PASSENGERS_MISMATCH');
  const offer = await pieces.supplier.getOffer(stored.supplier_offer_id);
  if (
    offer.totalAmount.currency !== stored.total_currency ||
    Number(offer.totalAmount.amount) > Number(stored.total_amount)
  )
    throw new Refusal(409, 'FLIGHT_OFFER_PRICE_CHANGED');
  const { judgeOffer, policyRulesOf } = flightKit();
  const policy = policyRulesOf(
    camel(
      (await pool.query('SELECT * FROM travel_policies WHERE organization_id = $1 LIMIT 1', [user.organization_id]))
        .rows[0],
    ),
  );
  if (policy.currency !== offer.totalAmount.currency) throw new Error('the bench prices in the policy currency');
  const verdict = judgeOffer(policy, offer, offer.supplierPassengerIds.length, {
    now: new Date(),
    timeZone: trip.timezone ?? 'UTC',
    convert: (money) => money.amount,
    reasonCode: null,
  });
  // Only what the bench books: in policy, ordered at once (no approval, no reason code).
  if (verdict.verdict !== 'in_policy') throw new Refusal(422, 'BARE_IN_POLICY_ONLY');
  const profiles = (
    await pool.query(
      `SELECT * FROM passenger_profiles WHERE user_id IN (${passengerIds.map((_id, i) => `$${i + 1}`).join(', ')}) AND organization_id = $${passengerIds.length + 1}`,
      [...passengerIds, user.organization_id],
    )
  ).rows;
  const identities = passengerIds.map((id, index) => {
    const profile = profiles.find((row) => row.user_id === id);
    if (!profile) throw new Refusal(422, 'PASSENGER_PROFILE_INCOMPLETE');
    return {
      givenName: profile.given_name,
      familyName: profile.family_name,
      bornOn: pieces.encryption.decrypt(profile.born_on_encrypted, `passenger_profiles.born_on:${id}`),
      gender: profile.gender,
      title: profile.title,
      email: profile.email,
      phoneNumber: profile.phone_number,
      ...(profile.loyalty_programmes.length > 0 ? { loyaltyProgrammeAccounts: profile.loyalty_programmes } : {}),
      supplierPassengerId: offer.supplierPassengerIds[index],
    };
  });
  const cheapest = (
    await pool.query(
      `SELECT o.* FROM flight_offers o WHERE o.organization_id = $3 AND o.search_id = $1 AND o.expires_at > $2 AND o.verdict = 'in_policy'
      ORDER BY o.policy_amount ASC NULLS LAST, o.duration_minutes ASC, o.id ASC LIMIT 1`,
      [search.id, new Date(), user.organization_id],
    )
  ).rows[0];

  const claimed = await inTransaction(async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('booking:' || $1 || ':' || $2, 0))`, [
      user.id,
      user.organization_id,
    ]);
    if ((await findByKey(client)).rowCount) throw new Refusal(409, 'BARE_NO_REPLAY');
    const { n } = (
      await client.query(
        `SELECT count(*)::int AS n FROM bookings
        WHERE organization_id = $2 AND booker_id = $1 AND created_at > now() - interval '1 day' AND status NOT IN ('failed', 'rejected')`,
        [user.id, user.organization_id],
      )
    ).rows[0];
    if (n >= DAILY_LIMIT) throw new Refusal(422, 'BOOKING_DAILY_LIMIT_REACHED');
    const booking = (
      await client.query(
        `INSERT INTO bookings (organization_id, trip_id, booker_id, passenger_ids, status, supplier, offer_id, supplier_offer_id, offer, total_amount, total_currency,
                             policy_verdict, policy_version, policy_reasons, policy_reason_code, cheapest_in_policy, idempotency_key, request_fingerprint, ordering_started_at)
       VALUES ($1, $2, $3, $4, 'ordering', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, now()) RETURNING *`,
        [
          user.organization_id,
          tripId,
          user.id,
          passengerIds,
          offer.supplier,
          stored.id,
          offer.supplierOfferId,
          JSON.stringify(offer),
          offer.totalAmount.amount,
          offer.totalAmount.currency,
          verdict.verdict,
          policy.version,
          JSON.stringify(verdict.reasons),
          null,
          cheapest
            ? JSON.stringify({ offerId: cheapest.id, amount: cheapest.total_amount, currency: cheapest.total_currency })
            : null,
          key,
          fingerprint,
        ],
      )
    ).rows[0];
    await publish(client, user, 'booking.ordering', ORDERING_HANDLERS, booking, trip, null);
    return booking;
  }).catch((error) => {
    if (error.constraint === 'uq_bookings_live_offer' || error.constraint === 'uq_bookings_idempotency')
      throw new Refusal(409, 'FLIGHT_OFFER_ALREADY_BOOKED');
    throw error;
  });

  const order = await pieces.supplier.createOrder({
    supplierOfferId: claimed.supplier_offer_id,
    passengers: identities,
    payment: { type: 'balance', amount: { amount: claimed.total_amount, currency: claimed.total_currency } },
    bookingId: claimed.id,
  });

  return inTransaction(async (client) => {
    const locked = (
      await client.query('SELECT * FROM bookings WHERE id = $1 AND organization_id = $2 LIMIT 1 FOR UPDATE', [
        claimed.id,
        user.organization_id,
      ])
    ).rows[0];
    if (locked.status !== 'ordering') throw new Error('bare: the booking moved on');
    const lockedTrip = (
      await client.query('SELECT * FROM trips WHERE id = $1 AND organization_id = $2 LIMIT 1 FOR UPDATE', [
        tripId,
        user.organization_id,
      ])
    ).rows[0];
    const flights = pieces.flightActivities({
      supplier: locked.supplier,
      bookingReference: order.bookingReference,
      total: order.totalAmount,
      slices: order.slices.length > 0 ? order.slices : locked.offer.slices,
    });
    let position = (
      await client.query(
        'SELECT COALESCE(MAX(position) + 1, 0) AS next FROM activities WHERE organization_id = $1 AND trip_id = $2',
        [user.organization_id, tripId],
      )
    ).rows[0].next;
    const activityIds = [];
    for (const flight of flights) {
      // The bench's trips have no budget: no rate to look up (the API's TripBudget.conversionFor returns null too).
      const { rows } = await client.query(
        `INSERT INTO activities (organization_id, trip_id, title, type, starts_at, ends_at, timezone, end_timezone, location_name, latitude, longitude, notes, cost_amount, cost_currency, cost_rate, cost_rate_date, booking_reference, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, NULL, NULL, $15, $16) RETURNING id`,
        [
          user.organization_id,
          tripId,
          flight.title,
          flight.type,
          flight.startsAt,
          flight.endsAt,
          flight.timezone,
          flight.endTimezone,
          flight.locationName,
          flight.latitude,
          flight.longitude,
          flight.notes,
          flight.costAmount,
          flight.costCurrency,
          flight.bookingReference,
          position++,
        ],
      );
      activityIds.push(rows[0].id);
    }
    await client.query(
      `UPDATE activities AS a SET position = o.position
         FROM (SELECT id, row_number() OVER (ORDER BY starts_at, position, created_at, id) - 1 AS position FROM activities WHERE trip_id = $1 AND organization_id = $2) AS o
        WHERE a.id = o.id AND a.organization_id = $2 AND a.position <> o.position`,
      [tripId, user.organization_id],
    );
    const confirmed = (
      await client.query(
        `UPDATE bookings SET supplier_order_id = $1, booking_reference = $2, "order" = $3, activity_ids = $4, confirmed_at = now(), reconcile_lease_until = NULL,
              status = 'confirmed', version = version + 1, updated_at = CURRENT_TIMESTAMP
        WHERE id = $5 AND status = 'ordering' AND organization_id = $6 RETURNING *`,
        [
          order.supplierOrderId,
          order.bookingReference,
          JSON.stringify(order),
          activityIds,
          claimed.id,
          user.organization_id,
        ],
      )
    ).rows[0];
    // An approved trip would become booked here (trip.booked): the bench's trips are drafts, in both servers.
    await publish(client, user, 'booking.confirmed', CONFIRMED_HANDLERS, confirmed, lockedTrip, 'ordering');
    const answer = pieces.toBookingResponse(camel(confirmed), { userId: user.id, role: user.role });
    await client.query(
      'UPDATE bookings SET response_status = $2, response_body = $3 WHERE id = $1 AND organization_id = $4 AND response_status IS NULL',
      [claimed.id, 201, JSON.stringify(answer), user.organization_id],
    );
    return answer;
  });
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
    const booking = /^\/api\/trips\/([0-9a-f-]{36})\/bookings$/.exec(url.pathname);
    if (booking && request.method === 'POST') {
      try {
        return send(201, await book(user, booking[1], request.headers['idempotency-key'], await readJson(request)));
      } catch (error) {
        if (error instanceof Refusal) return send(error.status, { statusCode: error.status, code: error.code });
        throw error;
      }
    }
    const match = /^\/api\/trips\/([0-9a-f-]{36})\/activities$/.exec(url.pathname);
    if (match) {
      const body = await itinerary(user, match[1]);
      return body ? send(200, body) : send(404, { statusCode: 404 });
    }
    send(404, { statusCode: 404 });
  } catch (error) {
    if (process.env.BENCH_BARE_DEBUG) process.stderr.write(`bare: ${error.stack}\n`);
    send(500, { statusCode: 500 });
  }
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
