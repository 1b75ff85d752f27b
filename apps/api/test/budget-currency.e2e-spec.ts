import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ExchangeRates1796230000000 } from '../src/database/migrations/1796230000000-ExchangeRates';
import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const ECB_XML = readFileSync(join(__dirname, 'fixtures/eurofxref-daily.xml'), 'utf8');
const AT = '2026-03-10T10:00:00+01:00';

/** Stands in for the ECB: serves the fixture, or drops the connection like an unreachable host. */
async function fakeEcb(): Promise<{ server: Server; url: string; setDown(down: boolean): void }> {
  let down = false;
  const server = createServer((_request, response) => {
    if (down) return response.socket?.destroy();
    response.writeHead(200, { 'content-type': 'text/xml' }).end(ECB_XML);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/eurofxref-daily.xml`,
    setDown: (value) => (down = value),
  };
}

describe('Budget in every currency, exchange rates (issue 7 §5, R17)', () => {
  let t: TestApp;
  let ecb: Awaited<ReturnType<typeof fakeEcb>>;
  let admin: Session;
  let traveller: Session;
  let otherAdmin: Session;

  beforeAll(async () => {
    ecb = await fakeEcb();
    t = await startTestApp({
      ECB_RATES_URL: ecb.url,
      ECB_RATES_TIMEOUT_MS: '2000',
      DB_LOCK_TIMEOUT_MS: '30000',
      DB_STATEMENT_TIMEOUT_MS: '60000',
    });
    admin = await registerOrganization(t.api);
    traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    otherAdmin = await registerOrganization(t.api);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => ecb.server.close(resolve));
  });

  const as = (session: Session) => ({ token: session.accessToken });
  const addCost = (tripId: string, amount: string, currency: string) =>
    t.api.post(
      `/api/trips/${tripId}/activities`,
      { title: `${amount} ${currency}`, type: 'other', startsAt: AT, cost: { amount, currency } },
      as(traveller),
    );
  const activityRows = async (tripId: string) =>
    (
      await t.sql.query(
        'SELECT cost_amount::text AS amount, cost_currency AS currency, cost_rate::text AS rate, cost_rate_date::text AS date FROM activities WHERE trip_id = $1 ORDER BY position',
        [tripId],
      )
    ).rows;

  it('refuses 99,999,999 USD on a 100 EUR budget (422, naming the planned total) and converts what fits at the recorded rate', async () => {
    const trip = await createTrip(t.api, traveller, { budget: { amount: '100.00', currency: 'EUR' } });
    expect((await addCost(trip.id, '101.00', 'EUR')).status).toBe(422);
    const huge = await addCost(trip.id, '99999999.00', 'USD');
    expect(huge.body).toMatchObject({ statusCode: 422, code: 'BUDGET_EXCEEDED' });
    expect(huge.body.message).toContain('already planned: 0.00 EUR');
    // 50 USD at the snapshot's 1 EUR = 1.1476 USD is 43.57 EUR; 57 USD more (49.67 EUR) would make 93.24.
    expect((await addCost(trip.id, '50.00', 'USD')).status).toBe(201);
    expect((await addCost(trip.id, '57.00', 'USD')).status).toBe(201);
    const over = await addCost(trip.id, '8.00', 'USD'); // 6.97 EUR → 100.21
    expect(over.status).toBe(422);
    expect(over.body.message).toContain('already planned: 93.24 EUR');
    expect((await addCost(trip.id, '6.76', 'EUR')).status).toBe(201); // exactly 100.00
    expect(await activityRows(trip.id)).toEqual([
      { amount: '50.00', currency: 'USD', rate: '0.871383757407', date: '2026-03-13' },
      { amount: '57.00', currency: 'USD', rate: '0.871383757407', date: '2026-03-13' },
      { amount: '6.76', currency: 'EUR', rate: '1.000000000000', date: null },
    ]);
  });

  it('refuses a budget lowered below what is planned (422 with the total) and leaves the trip as it was', async () => {
    const trip = await createTrip(t.api, traveller, { budget: { amount: '100.00', currency: 'EUR' } });
    expect((await addCost(trip.id, '50.00', 'EUR')).status).toBe(201);
    const lowered = await t.api.patch(
      `/api/trips/${trip.id}`,
      { budget: { amount: '1.00', currency: 'EUR' } },
      as(traveller),
    );
    expect(lowered.body).toMatchObject({ statusCode: 422, code: 'BUDGET_BELOW_PLANNED' });
    expect(lowered.body.message).toContain('already plans: 50.00 EUR');
    const { rows } = await t.sql.query('SELECT budget_amount::text AS amount, version FROM trips WHERE id = $1', [
      trip.id,
    ]);
    expect(rows[0]).toEqual({ amount: '100.00', version: 1 });
    expect(
      (await t.api.patch(`/api/trips/${trip.id}`, { budget: { amount: '50.00', currency: 'EUR' } }, as(traveller)))
        .status,
    ).toBe(200);
  });

  it('re-converts every cost when the budget currency changes, and refuses the switch when it breaks the budget', async () => {
    const trip = await createTrip(t.api, traveller, { budget: { amount: '100.00', currency: 'EUR' } });
    expect((await addCost(trip.id, '90.00', 'EUR')).status).toBe(201);
    expect((await addCost(trip.id, '1000.00', 'JPY')).status).toBe(201); // 5.47 EUR
    // In USD: 90 EUR = 103.28 USD and 1000 JPY = 6.28 USD, so 100 USD is too little (rates checked with Python's decimal).
    const tooSmall = await t.api.patch(
      `/api/trips/${trip.id}`,
      { budget: { amount: '100.00', currency: 'USD' } },
      as(traveller),
    );
    expect(tooSmall.body).toMatchObject({ statusCode: 422, code: 'BUDGET_BELOW_PLANNED' });
    expect(tooSmall.body.message).toContain('already plans: 109.56 USD');
    expect((await activityRows(trip.id)).map((row) => row.rate)).toEqual(['1.000000000000', '0.005468963631']);
    const switched = await t.api.patch(
      `/api/trips/${trip.id}`,
      { budget: { amount: '109.56', currency: 'USD' } },
      as(traveller),
    );
    expect(switched.status).toBe(200);
    expect(switched.body.budget).toEqual({ amount: '109.56', currency: 'USD' });
    expect((await activityRows(trip.id)).map((row) => [row.rate, row.date])).toEqual([
      ['1.147600000000', '2026-03-13'],
      ['0.006276182663', '2026-03-13'],
    ]);
    expect((await addCost(trip.id, '0.01', 'USD')).status).toBe(422);
  });

  it('refuses a cost in a currency without a rate (422, saying so) until an admin records one', async () => {
    const trip = await createTrip(t.api, traveller, { budget: { amount: '1000.00', currency: 'EUR' } });
    const unknown = await addCost(trip.id, '10.00', 'AED');
    expect(unknown.body).toMatchObject({ statusCode: 422, code: 'EXCHANGE_RATE_MISSING' });
    expect(unknown.body.message).toMatch(/No exchange rate for AED/);
    const set = await t.api.put(
      '/api/exchange-rates',
      { rates: [{ currency: 'AED', rate: '4.2', date: '2026-03-20', source: 'Treasury' }] },
      as(admin),
    );
    expect(set.status).toBe(200);
    expect(set.body.items).toContainEqual({ currency: 'AED', rate: '4.2', date: '2026-03-20', source: 'Treasury' });
    expect((await addCost(trip.id, '10.00', 'AED')).status).toBe(201);
    expect((await activityRows(trip.id))[0]).toMatchObject({ rate: '0.238095238095', date: '2026-03-20' });
    // Same currency as the budget needs no rate at all.
    const xofTrip = await createTrip(t.api, traveller, { budget: { amount: '10.00', currency: 'XOF' } });
    expect((await addCost(xofTrip.id, '10.00', 'XOF')).status).toBe(201);
  });

  it("the migration gives existing costs of budgeted trips their rate (the snapshot's cross rate; none for an unknown currency)", async () => {
    const trip = await createTrip(t.api, traveller, { budget: { amount: '1000.00', currency: 'USD' } });
    for (const currency of ['USD', 'EUR', 'JPY', 'CHF'])
      expect((await addCost(trip.id, '10.00', currency)).status).toBe(201);
    // As before the migration: no rates, and a currency the snapshot lacks.
    await t.sql.query(
      "UPDATE activities SET cost_rate = NULL, cost_rate_date = NULL, cost_currency = CASE WHEN cost_currency = 'CHF' THEN 'AED' ELSE cost_currency END WHERE trip_id = $1",
      [trip.id],
    );
    const backfill = (sql: string, parameters?: unknown[]) =>
      sql.trim().startsWith('WITH rates') ? t.sql.query(sql, parameters) : Promise.resolve();
    await new ExchangeRates1796230000000().up({ query: backfill } as never);
    expect((await activityRows(trip.id)).map((row) => [row.currency, row.rate, row.date])).toEqual([
      ['USD', '1.000000000000', null],
      ['EUR', '1.147600000000', '2026-03-13'],
      ['JPY', '0.006276182663', '2026-03-13'],
      ['AED', null, null],
    ]);
  });

  describe('exchange-rate routes', () => {
    it('lists the bundled ECB snapshot with its source and date to any member', async () => {
      const response = await t.api.get('/api/exchange-rates', as(traveller));
      expect(response.status).toBe(200);
      expect(response.body.base).toBe('EUR');
      expect(response.body.items).toContainEqual({
        currency: 'USD',
        rate: '1.1476',
        date: '2026-03-13',
        source: expect.stringMatching(/^ECB/),
      });
    });

    it("keeps each organization's rates its own", async () => {
      await t.api.put(
        '/api/exchange-rates',
        { rates: [{ currency: 'CHF', rate: '2', date: '2026-03-20', source: 'Ours' }] },
        as(admin),
      );
      const others = await t.api.get('/api/exchange-rates', as(otherAdmin));
      expect(others.body.items.find((item: { currency: string }) => item.currency === 'CHF')).toMatchObject({
        rate: '0.9034',
        date: '2026-03-13',
      });
      const { rows } = await t.sql.query("SELECT organization_id FROM exchange_rates WHERE currency = 'CHF'");
      expect(rows).toEqual([{ organization_id: admin.user.organizationId }]);
    });

    it.each([
      ['EUR, the base', { currency: 'EUR', rate: '1', date: '2026-03-20', source: 'x' }],
      ['a zero rate', { currency: 'USD', rate: '0.000', date: '2026-03-20', source: 'x' }],
      [
        'a rate so small that costs would convert to nothing',
        { currency: 'KWD', rate: '0.000000000001', date: '2026-03-20', source: 'x' },
      ],
      ['a rate too large to cross', { currency: 'VND', rate: '100000000', date: '2026-03-20', source: 'x' }],
      ['a rate with 13 decimals', { currency: 'USD', rate: '1.0000000000001', date: '2026-03-20', source: 'x' }],
      ['a float rate', { currency: 'USD', rate: 1.2, date: '2026-03-20', source: 'x' }],
      ['an impossible date', { currency: 'USD', rate: '1.2', date: '2026-02-30', source: 'x' }],
      ['no source', { currency: 'USD', rate: '1.2', date: '2026-03-20' }],
    ])('refuses %s (400)', async (_name, rate) => {
      expect((await t.api.put('/api/exchange-rates', { rates: [rate] }, as(admin))).status).toBe(400);
    });

    it('refuses the same currency twice in one update (400)', async () => {
      const rate = { currency: 'USD', rate: '1.2', date: '2026-03-20', source: 'x' };
      expect((await t.api.put('/api/exchange-rates', { rates: [rate, rate] }, as(admin))).status).toBe(400);
    });

    it('lets only admins change or refresh rates (403)', async () => {
      expect(
        (
          await t.api.put(
            '/api/exchange-rates',
            { rates: [{ currency: 'USD', rate: '9', date: '2026-03-20', source: 'x' }] },
            as(traveller),
          )
        ).status,
      ).toBe(403);
      expect((await t.api.post('/api/exchange-rates/refresh', undefined, as(traveller))).status).toBe(403);
    });

    it('refreshes from the configured ECB feed, and answers 503 with a clear message when it cannot be reached', async () => {
      ecb.setDown(true);
      const down = await t.api.post('/api/exchange-rates/refresh', undefined, as(otherAdmin));
      expect(down.body).toMatchObject({ statusCode: 503, code: 'EXCHANGE_RATES_UNREACHABLE' });
      expect(down.body.message).toMatch(/ECB reference rates could not be fetched/);
      ecb.setDown(false);
      const refreshed = await t.api.post('/api/exchange-rates/refresh', undefined, as(otherAdmin));
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.items).toContainEqual({
        currency: 'USD',
        rate: '1.08',
        date: '2026-04-01',
        source: expect.stringMatching(/eurofxref-daily/),
      });
      // A currency the feed left out keeps the snapshot's rate; the first organization is untouched.
      expect(refreshed.body.items).toContainEqual(expect.objectContaining({ currency: 'CHF', rate: '0.9034' }));
      const mine = await t.api.get('/api/exchange-rates', as(admin));
      expect(mine.body.items).toContainEqual(expect.objectContaining({ currency: 'USD', rate: '1.1476' }));
    });
  });

  it('keeps converted costs within the budget under concurrent creations', async () => {
    const trip = await createTrip(t.api, traveller, { budget: { amount: '100.00', currency: 'EUR' } });
    // 10 USD = 8.71 EUR: 11 fit (95.81 EUR), a 12th would not.
    const responses = await Promise.all(Array.from({ length: 30 }, () => addCost(trip.id, '10.00', 'USD')));
    expect(responses.filter((response) => response.status === 201)).toHaveLength(11);
    expect(responses.filter((response) => response.status === 422)).toHaveLength(19);
  });
});
