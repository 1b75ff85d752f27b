import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** docs/collaboration.md § Share links: a read-only page for people outside the company. */
describe('Share links', () => {
  let t: TestApp;
  let admin: Session;
  let owner: Session;
  let colleague: Session;
  let stranger: Session;
  let trip: { id: string };

  const as = (session: Session) => ({ token: session.accessToken });
  const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerOrganization(t.api);
    owner = await addMember(t.api, admin, 'traveller', 'Olga Owner');
    colleague = await addMember(t.api, admin, 'traveller', 'Carl Colleague');
    stranger = await registerOrganization(t.api);
    trip = await createTrip(t.api, owner, { coTravellerIds: [colleague.user.id] });
    await t.api.post(
      `/api/trips/${trip.id}/activities`,
      {
        title: 'Client dinner',
        type: 'meal',
        startsAt: '2026-03-10T19:00:00+01:00',
        locationName: 'Restaurant Tim Raue',
        latitude: 52.5067,
        longitude: 13.3911,
        notes: 'Ask for Mr. Schmidt, mobile +49 170 0000000',
        cost: { amount: '480.00', currency: 'EUR' },
        bookingReference: 'TR-99812',
      },
      as(owner),
    );
    await t.api.post(`/api/trips/${trip.id}/comments`, { body: 'Secret internal remark' }, as(owner));
  });
  afterAll(() => t.close());

  it('shows the itinerary and map data without a session, and nothing private', async () => {
    const created = await t.api.post(`/api/trips/${trip.id}/share-links`, { expiresInDays: 7 }, as(owner));
    expect(created.status).toBe(201);
    expect(created.body.url).toMatch(/\/share\/[\w-]{43}$/);
    const token = tokenOf(created.body.url);
    // Only a hash is stored.
    const stored = await t.sql.query('SELECT token_hash FROM share_links WHERE id = $1', [created.body.id]);
    expect(stored.rows[0].token_hash).not.toContain(token);

    const shared = await t.api.get(`/api/shared-trips/${token}`);
    expect(shared.status).toBe(200);
    expect(shared.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(shared.headers.get('cache-control')).toBe('no-store');
    expect(shared.body).toMatchObject({ title: 'Sales kick-off', destination: 'Berlin', latitude: 52.52 });
    expect(shared.body.activities).toEqual([
      expect.objectContaining({ title: 'Client dinner', locationName: 'Restaurant Tim Raue', latitude: 52.5067 }),
    ]);
    for (const secret of [
      '480',
      'TR-99812',
      'Schmidt',
      'Secret internal remark',
      'Olga',
      'Carl',
      owner.user.email,
      owner.user.id,
      colleague.user.id,
      admin.user.organizationId,
      'budget',
      '2500',
    ]) {
      expect(shared.text).not.toContain(secret);
    }
  });

  it('answers 404 once revoked, for an expired link, and for any other token', async () => {
    const created = await t.api.post(`/api/trips/${trip.id}/share-links`, {}, as(admin));
    const token = tokenOf(created.body.url);
    expect((await t.api.get(`/api/shared-trips/${token}`)).status).toBe(200);
    expect((await t.api.delete(`/api/share-links/${created.body.id}`, as(owner))).status).toBe(204);
    const revoked = await t.api.get(`/api/shared-trips/${token}`);
    expect(revoked.status).toBe(404);
    expect(revoked.headers.get('x-robots-tag')).toBe('noindex, nofollow');

    const expiring = await t.api.post(`/api/trips/${trip.id}/share-links`, { expiresInDays: 1 }, as(owner));
    await t.sql.query("UPDATE share_links SET expires_at = now() - interval '1 second' WHERE id = $1", [
      expiring.body.id,
    ]);
    expect((await t.api.get(`/api/shared-trips/${tokenOf(expiring.body.url)}`)).status).toBe(404);
    expect((await t.api.get(`/api/shared-trips/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await t.api.get('/api/shared-trips/short')).status).toBe(404);

    const listed = await t.api.get(`/api/trips/${trip.id}/share-links`, as(owner));
    const byId = new Map(listed.body.items.map((link: { id: string; active: boolean }) => [link.id, link.active]));
    expect([byId.get(created.body.id), byId.get(expiring.body.id)]).toEqual([false, false]);
    expect(JSON.stringify(listed.body)).not.toMatch(/url|token/i);
  });

  it('lets only whoever manages the trip share it; other organizations get 404', async () => {
    expect((await t.api.post(`/api/trips/${trip.id}/share-links`, {}, as(colleague))).status).toBe(403);
    expect((await t.api.get(`/api/trips/${trip.id}/share-links`, as(colleague))).status).toBe(403);
    expect((await t.api.post(`/api/trips/${trip.id}/share-links`, {}, as(stranger))).status).toBe(404);
    const created = await t.api.post(`/api/trips/${trip.id}/share-links`, {}, as(owner));
    expect((await t.api.delete(`/api/share-links/${created.body.id}`, as(stranger))).status).toBe(404);
    expect((await t.api.delete(`/api/share-links/${created.body.id}`, as(colleague))).status).toBe(403);
    expect((await t.api.post(`/api/trips/${trip.id}/share-links`, { expiresInDays: 365 }, as(owner))).status).toBe(400);
  });
});

/** docs/security.md § Rate limits: the public secret-link route has a per-IP limit of its own. */
describe('Share links: guessing tokens is bounded', () => {
  const LIMIT = 5;
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_SHARED_LINK_LIMIT: String(LIMIT), THROTTLE_SHARED_LINK_TTL_SECONDS: '60' });
  });
  afterAll(() => t.close());

  it(`answers request ${LIMIT + 1} from one address with 429 RATE_LIMITED + Retry-After, a real token too; signed-in routes go on`, async () => {
    const owner = await registerOrganization(t.api);
    const trip = await createTrip(t.api, owner);
    const created = await t.api.post(`/api/trips/${trip.id}/share-links`, {}, { token: owner.accessToken });
    expect(created.status).toBe(201);
    const real = `/api/shared-trips/${new URL(created.body.url).pathname.split('/').pop()}`;

    expect((await t.api.get(real)).status).toBe(200);
    for (let guess = 1; guess < LIMIT; guess++) {
      expect((await t.api.get(`/api/shared-trips/${'g'.repeat(42)}${guess}`)).status).toBe(404);
    }
    for (const path of [`/api/shared-trips/${'g'.repeat(43)}`, real]) {
      const refused = await t.api.get(path);
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual(expect.objectContaining({ statusCode: 429, code: 'RATE_LIMITED' }));
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    // The tight limit is the secret link's only: the same address still works signed in.
    expect((await t.api.get(`/api/trips/${trip.id}/share-links`, { token: owner.accessToken })).status).toBe(200);
  });
});
