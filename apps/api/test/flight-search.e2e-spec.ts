import { FlightSearchesService } from '../src/flights/search/flight-searches.service';
import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { inDays, OPEN_POLICY } from './support/flight-fixtures';
import { startTestApp, TestApp } from './support/test-app';

interface Offer {
  id: string;
  supplier: string;
  totalAmount: { amount: string; currency: string };
  policyAmount: { amount: string; currency: string };
  emissionsKg: number | null;
  durationMinutes: number;
  stops: number;
  slices: {
    durationMinutes: number;
    stops: number;
    segments: {
      departingAt: string;
      arrivingAt: string;
      marketingCarrier: { iataCode: string };
      operatingCarrier: { iataCode: string };
    }[];
  }[];
  expiresAt: string;
  policy: {
    verdict: string;
    policyVersion: number;
    reasons: { rule: string; slices: number[]; actual: unknown; limit: unknown }[];
  };
}

const carriersOf = (offer: Offer, slice?: number) =>
  new Set(
    offer.slices
      .filter((_s, index) => slice === undefined || index === slice)
      .flatMap((s) =>
        s.segments.flatMap((segment) => [segment.marketingCarrier.iataCode, segment.operatingCarrier.iataCode]),
      ),
  );

/** Issue 10: flight search from a trip, each offer with its policy verdict, stored and read back. */
describe('Flight search', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let traveller: Session;
  let colleague: Session;
  let stranger: Session;
  let trip: { id: string };

  const as = (session: Session) => ({ token: session.accessToken });
  const ONE_WAY = () => ({ slices: [{ origin: 'FRA', destination: 'JFK', departureDate: inDays(60) }] });
  const RETURN = () => ({
    slices: [
      { origin: 'FRA', destination: 'JFK', departureDate: inDays(60) },
      { origin: 'JFK', destination: 'FRA', departureDate: inDays(65) },
    ],
  });
  const search = (session: Session, tripId: string, body: unknown, query = '') =>
    t.api.post(`/api/trips/${tripId}/flight-searches${query}`, body, as(session));
  const setPolicy = async (session: Session, changes: Record<string, unknown> = {}) => {
    const response = await t.api.put('/api/organizations/current/policy', { ...OPEN_POLICY, ...changes }, as(session));
    if (response.status !== 200) throw new Error(`policy: ${response.status} ${response.text}`);
    return response.body;
  };
  /** Every offer of a search (pages of 100). */
  const allOffers = async (session: Session, searchId: string, query = ''): Promise<Offer[]> => {
    const offers: Offer[] = [];
    for (let page = 1; ; page += 1) {
      const response = await t.api.get(`/api/flight-searches/${searchId}?limit=100&page=${page}${query}`, as(session));
      expect(response.status).toBe(200);
      offers.push(...response.body.items);
      if (offers.length >= response.body.total || response.body.items.length === 0) return offers;
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerOrganization(t.api);
    manager = await addMember(t.api, admin, 'manager', 'Mia Manager');
    traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    colleague = await addMember(t.api, admin, 'traveller', 'Cleo Colleague');
    stranger = await registerOrganization(t.api);
    await setPolicy(admin);
    trip = await createTrip(t.api, traveller, { startDate: inDays(60), endDate: inDays(66), budget: undefined });
  });
  afterAll(() => t.close());

  describe('searching', () => {
    it('answers 201 with the stored search and its offers from the sandbox, each with a verdict', async () => {
      const response = await search(traveller, trip.id, RETURN());
      expect(response.status).toBe(201);
      const { search: stored, items, total, page, limit } = response.body;
      expect(stored).toMatchObject({
        tripId: trip.id,
        supplier: 'sandbox',
        slices: RETURN().slices,
        passengers: 1,
        cabin: 'economy',
        maxConnections: null,
        policyCurrency: 'EUR',
      });
      expect(stored.offerCount).toBe(total);
      expect(total).toBeGreaterThan(0);
      expect([page, limit]).toEqual([1, 20]);
      expect(items.length).toBe(Math.min(20, total));
      const offer: Offer = items[0];
      expect(offer.supplier).toBe('sandbox');
      expect(offer.slices).toHaveLength(2);
      expect(offer.policy).toEqual({ verdict: 'in_policy', policyVersion: stored.policyVersion, reasons: [] });
      expect(Date.parse(offer.expiresAt)).toBeGreaterThan(Date.now());
      expect(Date.parse(stored.expiresAt)).toBeGreaterThanOrEqual(Date.parse(offer.expiresAt));
      for (const slice of offer.slices) {
        expect(slice.stops).toBe(slice.segments.length - 1);
        for (const segment of slice.segments) {
          expect(segment.departingAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
          expect(segment.arrivingAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
        }
      }
      expect(offer.slices[0].segments[0].departingAt.slice(0, 10)).toBe(inDays(60));
      expect(offer.durationMinutes).toBe(offer.slices[0].durationMinutes + offer.slices[1].durationMinutes);
      // Supplier ids stay inside.
      expect(JSON.stringify(offer)).not.toMatch(/supplierOfferId|supplierPassengerIds/);
      const rows = await t.sql.query('SELECT count(*)::int AS n FROM flight_offers WHERE search_id = $1', [stored.id]);
      expect(rows.rows[0].n).toBe(total);
    });

    it('lets a manager search for a traveller, and accepts lower-case codes', async () => {
      const response = await search(manager, trip.id, {
        slices: [{ origin: 'fra', destination: 'lhr', departureDate: inDays(30) }],
        cabin: 'business',
        maxConnections: 0,
      });
      expect(response.status).toBe(201);
      expect(response.body.search).toMatchObject({
        slices: [{ origin: 'FRA', destination: 'LHR' }],
        cabin: 'business',
        maxConnections: 0,
      });
    });

    it('refuses invalid searches field by field (400)', async () => {
      const cases: [unknown, string, string][] = [
        [{ slices: [] }, 'slices', 'TOO_SHORT'],
        [
          { slices: [{ origin: 'XQZ', destination: 'JFK', departureDate: inDays(60) }] },
          'slices.0.origin',
          'INVALID_FORMAT',
        ],
        [
          { slices: [{ origin: 'FRA', destination: 'FRA', departureDate: inDays(60) }] },
          'slices.0.destination',
          'INVALID',
        ],
        [
          { slices: [{ origin: 'FRA', destination: 'JFK', departureDate: '2027-02-30' }] },
          'slices.0.departureDate',
          'INVALID_FORMAT',
        ],
        [
          { slices: [{ origin: 'FRA', destination: 'JFK', departureDate: inDays(-2) }] },
          'slices.0.departureDate',
          'TOO_SMALL',
        ],
        [
          { slices: [{ origin: 'FRA', destination: 'JFK', departureDate: inDays(400) }] },
          'slices.0.departureDate',
          'TOO_LARGE',
        ],
        [
          { ...RETURN(), slices: [RETURN().slices[1], { ...RETURN().slices[0], departureDate: inDays(61) }] },
          'slices.1.departureDate',
          'INVALID',
        ],
        [{ ...ONE_WAY(), cabin: 'luxury' }, 'cabin', 'NOT_IN_LIST'],
        [{ ...ONE_WAY(), cabin: null }, 'cabin', 'REQUIRED'],
        [{ ...ONE_WAY(), maxConnections: 3 }, 'maxConnections', 'TOO_LARGE'],
        [{ ...ONE_WAY(), passengers: 2 }, 'passengers', 'NOT_ALLOWED'],
      ];
      for (const [body, field, code] of cases) {
        const response = await search(traveller, trip.id, body);
        expect({ field, status: response.status, code: response.body.code }).toEqual({
          field,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
        expect(response.body.errors).toContainEqual(expect.objectContaining({ field, code }));
      }
      const badQuery = await search(traveller, trip.id, ONE_WAY(), '?sort=cheapest');
      expect(badQuery.status).toBe(400);
    });

    it("answers 404 on another organization's trip and on a colleague's trip for a traveller, storing nothing", async () => {
      const before = (await t.sql.query('SELECT count(*)::int AS n FROM flight_searches')).rows[0].n;
      expect((await search(stranger, trip.id, ONE_WAY())).status).toBe(404);
      expect((await search(colleague, trip.id, ONE_WAY())).status).toBe(404);
      expect((await t.sql.query('SELECT count(*)::int AS n FROM flight_searches')).rows[0].n).toBe(before);
    });

    it('searches for every traveller of the trip; a co-traveller may read the search but not search (403)', async () => {
      const group = await createTrip(t.api, traveller, {
        startDate: inDays(60),
        endDate: inDays(66),
        budget: undefined,
        coTravellerIds: [colleague.user.id],
      });
      const response = await search(traveller, group.id, ONE_WAY());
      expect(response.status).toBe(201);
      expect(response.body.search.passengers).toBe(2);
      const refused = await search(colleague, group.id, ONE_WAY());
      expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
      expect((await t.api.get(`/api/trips/${group.id}`, as(colleague))).body.allowedActions).not.toContain(
        'book_travel',
      );
      expect((await t.api.get(`/api/flight-searches/${response.body.search.id}`, as(colleague))).status).toBe(200);
    });

    it('refuses a trip whose itinerary is closed (409 ITINERARY_CLOSED)', async () => {
      const cancelled = await createTrip(t.api, traveller, {
        startDate: inDays(60),
        endDate: inDays(66),
        budget: undefined,
      });
      expect((await t.api.post(`/api/trips/${cancelled.id}/cancel`, {}, as(traveller))).status).toBe(200);
      const response = await search(traveller, cancelled.id, ONE_WAY());
      expect([response.status, response.body.code]).toEqual([409, 'ITINERARY_CLOSED']);
    });

    it('lists book_travel in allowedActions exactly where the search is accepted', async () => {
      const read = await t.api.get(`/api/trips/${trip.id}`, as(traveller));
      expect(read.body.allowedActions).toContain('book_travel');
    });
  });

  describe('verdicts', () => {
    let org: Session;
    let orgTrip: { id: string };
    let baseline: Offer[];

    beforeAll(async () => {
      org = await registerOrganization(t.api);
      await setPolicy(org);
      orgTrip = await createTrip(t.api, org, { startDate: inDays(60), endDate: inDays(66), budget: undefined });
      const open = await search(org, orgTrip.id, RETURN());
      baseline = await allOffers(org, open.body.search.id);
    });

    it("match the organization's policy, with every broken rule and the slices that broke it", async () => {
      const prices = baseline.map((offer) => Number(offer.policyAmount.amount)).sort((a, b) => a - b);
      // A return's fare is split between two equally long slices: the cap is per slice.
      const perSliceCap = (prices[Math.floor(prices.length / 2)] / 2).toFixed(2);
      const carriers = [...new Set(baseline.flatMap((offer) => [...carriersOf(offer)]))].sort();
      const blocked = carriers[0];
      const policy = await setPolicy(org, {
        maxFlightFare: perSliceCap,
        maxConnections: 0,
        blockedAirlines: [blocked],
      });
      const response = await search(org, orgTrip.id, RETURN());
      expect(response.body.search.policyVersion).toBe(policy.version);
      const offers = await allOffers(org, response.body.search.id);
      expect(offers.length).toBe(baseline.length);
      const seen = new Set<string>();
      for (const offer of offers) {
        const rules = offer.policy.reasons.map((reason) => reason.rule);
        const halves = [0, 1].map((slice) => offer.slices[slice]);
        const fareOver = Number(offer.policyAmount.amount) / 2 > Number(perSliceCap) + 0.01;
        const fareUnder = Number(offer.policyAmount.amount) / 2 < Number(perSliceCap) - 0.01;
        if (fareOver) expect(rules).toContain('flight_fare');
        if (fareUnder) expect(rules).not.toContain('flight_fare');
        const connecting = halves.map((slice, index) => (slice.stops > 0 ? index : -1)).filter((index) => index >= 0);
        const connections = offer.policy.reasons.find((reason) => reason.rule === 'flight_connections');
        if (connecting.length) expect(connections?.slices).toEqual(connecting);
        else expect(connections).toBeUndefined();
        const blockedSlices = [0, 1].filter((slice) => carriersOf(offer, slice).has(blocked));
        const blockedReason = offer.policy.reasons.find((reason) => reason.rule === 'airline_blocked');
        expect(blockedReason?.slices ?? []).toEqual(blockedSlices);
        const expected = blockedSlices.length ? 'blocked' : rules.length ? 'needs_approval' : 'in_policy';
        expect({ offer: offer.id, verdict: offer.policy.verdict }).toEqual({ offer: offer.id, verdict: expected });
        expect(offer.policy.policyVersion).toBe(policy.version);
        seen.add(offer.policy.verdict);
      }
      expect(seen.size).toBeGreaterThan(1);
    });

    it('asks for a reason code under allowed_with_reason (blocked with the reason_code reason)', async () => {
      await setPolicy(org, { maxFlightFare: '1.00', outOfPolicy: 'allowed_with_reason' });
      const response = await search(org, orgTrip.id, ONE_WAY());
      const offer: Offer = response.body.items[0];
      expect(offer.policy.verdict).toBe('blocked');
      expect(offer.policy.reasons.map((reason) => [reason.rule, reason.slices])).toEqual([
        ['flight_fare', [0]],
        ['reason_code', [0]],
      ]);
      await setPolicy(org);
    });

    it('converts prices in another currency into the policy currency', async () => {
      await setPolicy(org, { currency: 'USD' });
      const response = await search(org, orgTrip.id, ONE_WAY());
      const offer: Offer = response.body.items[0];
      expect(offer.policyAmount.currency).toBe('USD');
      if (offer.totalAmount.currency !== 'USD') expect(offer.policyAmount.amount).not.toBe(offer.totalAmount.amount);
      await setPolicy(org);
    });
  });

  describe('reading a search', () => {
    let searchId: string;
    let offers: Offer[];

    beforeAll(async () => {
      const response = await search(traveller, trip.id, RETURN());
      searchId = response.body.search.id;
      offers = await allOffers(traveller, searchId);
    });

    const page = async (query: string, session: Session = traveller): Promise<Offer[]> => {
      const response = await t.api.get(`/api/flight-searches/${searchId}?limit=100${query}`, as(session));
      expect(response.status).toBe(200);
      return response.body.items;
    };
    const nonDecreasing = (values: number[]) =>
      values.every((value, index) => index === 0 || values[index - 1] <= value);

    it('sorts by price (policy currency), duration or emissions, either way', async () => {
      expect(nonDecreasing((await page('')).map((offer) => Number(offer.policyAmount.amount)))).toBe(true);
      expect(
        nonDecreasing((await page('&sort=price&order=desc')).map((offer) => -Number(offer.policyAmount.amount))),
      ).toBe(true);
      expect(nonDecreasing((await page('&sort=duration')).map((offer) => offer.durationMinutes))).toBe(true);
      const byEmissions = (await page('&sort=emissions&order=desc')).filter((offer) => offer.emissionsKg !== null);
      expect(nonDecreasing(byEmissions.map((offer) => -offer.emissionsKg!))).toBe(true);
    });

    it('filters by stops, airline and verdict', async () => {
      const nonstop = await page('&maxStops=0');
      expect(nonstop.length).toBe(offers.filter((offer) => offer.stops === 0).length);
      expect(nonstop.every((offer) => offer.slices.every((slice) => slice.stops === 0))).toBe(true);
      const airline = [...carriersOf(offers[0])][0];
      const byAirline = await page(`&airline=${airline.toLowerCase()},ZZ`);
      expect(byAirline.length).toBe(offers.filter((offer) => carriersOf(offer).has(airline)).length);
      const inPolicy = await page('&inPolicyOnly=true');
      expect(inPolicy.length).toBe(offers.filter((offer) => offer.policy.verdict === 'in_policy').length);
      expect((await t.api.get(`/api/flight-searches/${searchId}?maxStops=9`, as(traveller))).status).toBe(400);
      expect((await t.api.get(`/api/flight-searches/${searchId}?airline=LUFT`, as(traveller))).status).toBe(400);
    });

    it('pages without overlap', async () => {
      const first = await t.api.get(`/api/flight-searches/${searchId}?limit=2&page=1`, as(traveller));
      const second = await t.api.get(`/api/flight-searches/${searchId}?limit=2&page=2`, as(traveller));
      expect([first.body.total, second.body.page, second.body.limit]).toEqual([offers.length, 2, 2]);
      expect([...first.body.items, ...second.body.items].map((offer: Offer) => offer.id)).toEqual(
        offers.slice(0, 4).map((offer) => offer.id),
      );
    });

    it("is for whoever sees the trip: 404 for a colleague traveller and another organization's admin", async () => {
      expect((await t.api.get(`/api/flight-searches/${searchId}`, as(manager))).status).toBe(200);
      expect((await t.api.get(`/api/flight-searches/${searchId}`, as(colleague))).status).toBe(404);
      expect((await t.api.get(`/api/flight-searches/${searchId}`, as(stranger))).status).toBe(404);
      expect((await t.api.get('/api/flight-searches/00000000-0000-4000-8000-000000000000', as(admin))).status).toBe(
        404,
      );
    });

    it('gives the booking flow the cheapest in-policy alternative at a moment', async () => {
      const service = t.app.get(FlightSearchesService);
      const ctx = {
        userId: traveller.user.id,
        organizationId: traveller.user.organizationId,
        role: traveller.user.role,
      } as never;
      const cheapest = await service.cheapestInPolicyAlternative(ctx, searchId, new Date());
      const expected = (await page('&inPolicyOnly=true'))[0];
      expect(cheapest?.offer.id).toBe(expected.id);
      expect(cheapest?.search.id).toBe(searchId);
      const later = new Date(Math.max(...offers.map((offer) => Date.parse(offer.expiresAt))) + 1000);
      expect(await service.cheapestInPolicyAlternative(ctx, searchId, later)).toBeNull();
      const strangerCtx = {
        userId: stranger.user.id,
        organizationId: stranger.user.organizationId,
        role: 'admin',
      } as never;
      await expect(service.cheapestInPolicyAlternative(strangerCtx, searchId, new Date())).rejects.toThrow('not found');
    });

    it('says so when the search has expired (422 FLIGHT_SEARCH_EXPIRED), and hides expired offers before', async () => {
      const response = await search(traveller, trip.id, ONE_WAY());
      const id = response.body.search.id;
      const [first] = response.body.items as Offer[];
      await t.sql.query(`UPDATE flight_offers SET expires_at = now() - interval '1 minute' WHERE id = $1`, [first.id]);
      const read = await t.api.get(`/api/flight-searches/${id}`, as(traveller));
      expect(read.body.total).toBe(response.body.total - 1);
      expect(read.body.items.map((offer: Offer) => offer.id)).not.toContain(first.id);
      await t.sql.query(`UPDATE flight_searches SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
      const expired = await t.api.get(`/api/flight-searches/${id}`, as(traveller));
      expect([expired.status, expired.body.code]).toEqual([422, 'FLIGHT_SEARCH_EXPIRED']);
      expect(expired.body.message).toMatch(/expired .*search again/);
    });
  });
});
