import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import type { AuthContext } from '../src/common/auth/auth-context';
import { UserRole } from '../src/common/auth/user-role';
import { SpendReportService } from '../src/reports/spend-report.service';
import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { inDays, OPEN_POLICY, PASSENGER_PROFILE } from './support/flight-fixtures';
import { type BookingRow, insertBookingRow } from './support/booking-rows';
import { startTestApp, TestApp } from './support/test-app';

/** Issue 11 § Spend and CO2 reports: the figures, their filters, the CSV export streamed, and who may read them. */
describe('Spend and CO2 reports', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let traveller: Session;
  let colleague: Session;
  let stranger: Session;
  const as = (session: Session) => ({ token: session.accessToken });

  const insertBooking = (session: Session, row: BookingRow) => insertBookingRow(t.sql, session, row);
  const report = (query: string, session = admin) => t.api.get(`/api/reports/spend?${query}`, as(session));
  const QUARTER = 'from=2027-01-01&to=2027-03-31';

  beforeAll(async () => {
    t = await startTestApp({ BOOKING_RECONCILE_INTERVAL_MS: '0' });
    admin = await registerOrganization(t.api);
    manager = await addMember(t.api, admin, 'manager', 'Mia Manager');
    traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    colleague = await addMember(t.api, admin, 'traveller', '=HYPERLINK("http://evil.example")');
    stranger = await registerOrganization(t.api);
    expect((await t.api.put('/api/organizations/current/policy', OPEN_POLICY, as(admin))).status).toBe(200);

    const eng = await createTrip(t.api, admin, { costCentre: 'ENG', destination: 'Berlin', title: 'Berlin sprint' });
    const sales = await createTrip(t.api, admin, {
      costCentre: 'SALES',
      destination: 'Paris',
      title: '@SUM(A1:A9) offsite',
    });
    const none = await createTrip(t.api, admin, { destination: 'Lisbon', title: 'Lisbon', costCentre: undefined });
    const [tom, ada] = [traveller.user.id, colleague.user.id];
    // January: 100 USD at 0.9 (its cheapest in-policy alternative 80 USD) and 300 EUR for two, out of policy with a reason.
    await insertBooking(admin, {
      tripId: eng.id,
      passengerIds: [tom],
      amount: '100.00',
      currency: 'USD',
      rate: '0.9',
      confirmedAt: '2027-01-10T09:00:00Z',
      kg: 200,
      cheapest: { amount: '80.00', currency: 'USD' },
    });
    // …cancelled in February with 100 EUR back.
    await insertBooking(admin, {
      tripId: sales.id,
      passengerIds: [tom, ada],
      amount: '300.00',
      currency: 'EUR',
      rate: '1',
      confirmedAt: '2027-01-20T09:00:00Z',
      kg: 500,
      reasonCode: 'client_requirement',
      cancelledAt: '2027-02-05T09:00:00Z',
      refund: '100.00',
    });
    // March: 50 GBP at 1.2 through Duffel, approved out of policy, no CO2 figure.
    await insertBooking(admin, {
      tripId: none.id,
      passengerIds: [ada],
      amount: '50.00',
      currency: 'GBP',
      rate: '1.2',
      confirmedAt: '2027-03-01T00:00:00Z',
      supplier: 'duffel',
      verdict: 'needs_approval',
    });
    // Left out: before the period, never confirmed, and recorded in another reporting currency.
    await insertBooking(admin, {
      tripId: eng.id,
      passengerIds: [tom],
      amount: '999.00',
      currency: 'EUR',
      rate: '1',
      confirmedAt: '2026-12-31T23:59:59Z',
    });
    await insertBooking(admin, {
      tripId: eng.id,
      passengerIds: [tom],
      amount: '999.00',
      currency: 'EUR',
      rate: '1',
      confirmedAt: null,
    });
    await insertBooking(admin, {
      tripId: eng.id,
      passengerIds: [tom],
      amount: '999.00',
      currency: 'EUR',
      rate: '1.1',
      reportCurrency: 'USD',
      confirmedAt: '2027-01-15T00:00:00Z',
    });
  });
  afterAll(() => t.close());

  it('sums spend net of refunds per month, in the reporting currency at each booking’s recorded rate', async () => {
    const response = await report(QUARTER);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      currency: 'EUR',
      from: '2027-01-01',
      to: '2027-03-31',
      totals: { spend: '350.00', refunds: '100.00', bookings: 3, emissionsKg: 200 },
      byMonth: [
        { month: '2027-01', spend: '390.00', refunds: '0.00', bookings: 2, emissionsKg: 700 },
        { month: '2027-02', spend: '-100.00', refunds: '100.00', bookings: 0, emissionsKg: -500 },
        { month: '2027-03', spend: '60.00', refunds: '0.00', bookings: 1, emissionsKg: 0 },
      ],
      unconverted: 1,
    });
  });

  it('breaks spend down per traveller (shared by passengers), destination, supplier and cost centre', async () => {
    const { body } = await report(QUARTER);
    expect(body.byTraveller).toEqual([
      {
        travellerId: traveller.user.id,
        name: 'Tom Traveller',
        spend: '190.00',
        refunds: '50.00',
        bookings: 2,
        emissionsKg: 200,
      },
      {
        travellerId: colleague.user.id,
        name: colleague.user.name,
        spend: '160.00',
        refunds: '50.00',
        bookings: 2,
        emissionsKg: 0,
      },
    ]);
    expect(
      body.byDestination.map((row: { destination: string; spend: string }) => [row.destination, row.spend]),
    ).toEqual([
      ['Paris', '200.00'],
      ['Berlin', '90.00'],
      ['Lisbon', '60.00'],
    ]);
    expect(body.bySupplier.map((row: { supplier: string; spend: string }) => [row.supplier, row.spend])).toEqual([
      ['sandbox', '290.00'],
      ['duffel', '60.00'],
    ]);
    expect(
      body.byCostCentre.map((row: { costCentre: string | null; spend: string }) => [row.costCentre, row.spend]),
    ).toEqual([
      ['SALES', '200.00'],
      ['ENG', '90.00'],
      [null, '60.00'],
    ]);
  });

  it('shares in and out of policy with the reason codes used, and the savings missed against the cheapest in-policy offer', async () => {
    const { body } = await report(QUARTER);
    expect(body.policy).toEqual({
      inPolicy: 1,
      inPolicySpend: '90.00',
      outOfPolicy: 2,
      outOfPolicySpend: '360.00',
      reasonCodes: [{ code: 'client_requirement', bookings: 1, spend: '300.00' }],
    });
    expect(body.savings).toEqual({ bookings: 1, paid: '90.00', cheapestInPolicy: '72.00', missedSavings: '18.00' });
  });

  it('filters by cost centre (or none), supplier and traveller', async () => {
    expect((await report(`${QUARTER}&costCentre=SALES`)).body.totals.spend).toBe('200.00');
    expect((await report(`${QUARTER}&costCentre=none`)).body.totals.spend).toBe('60.00');
    expect((await report(`${QUARTER}&supplier=duffel`)).body.totals).toMatchObject({ spend: '60.00', bookings: 1 });
    expect((await report(`${QUARTER}&travellerId=${colleague.user.id}`)).body.totals).toMatchObject({
      spend: '260.00',
      bookings: 2,
    });
  });

  it('refuses a bad period or filter with 400', async () => {
    const reversed = await report('from=2027-03-01&to=2027-01-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.code).toBe('REPORT_PERIOD_INVALID');
    expect((await report('from=2020-01-01&to=2027-01-01')).body.code).toBe('REPORT_PERIOD_INVALID');
    for (const query of ['from=2027-02-30', 'costCentre=%3Dcmd', 'supplier=acme', 'travellerId=1', 'colour=red']) {
      const response = await report(query);
      expect([query, response.status, response.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
    }
  });

  it('is for managers and admins: 403 for a traveller; another organization sees only its own', async () => {
    expect((await report(QUARTER, manager)).body.totals.spend).toBe('350.00');
    expect((await report(QUARTER, traveller)).status).toBe(403);
    expect((await t.api.get(`/api/reports/spend.csv?${QUARTER}`, as(traveller))).status).toBe(403);
    const theirs = await report(QUARTER, stranger);
    expect(theirs.body.totals).toEqual({ spend: '0.00', refunds: '0.00', bookings: 0, emissionsKg: 0 });
    expect(theirs.body.byTraveller).toEqual([]);
    const csv = await t.api.get(`/api/reports/spend.csv?${QUARTER}`, as(stranger));
    expect(csv.text.trim().split('\r\n')).toHaveLength(1);
  });

  describe('the CSV export', () => {
    it('lists every booking and refund of the period, oldest first, with formula-like cells defused', async () => {
      const response = await t.api.get(`/api/reports/spend.csv?${QUARTER}`, as(admin));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="spend-2027-01-01-2027-03-31.csv"',
      );
      const lines = response.text.trimEnd().split('\r\n');
      expect(lines[0]).toMatch(/^date,entry,booking id,booking reference,trip,destination,cost centre,supplier/);
      expect(lines.slice(1).map((line) => line.split(',').slice(0, 2))).toEqual([
        ['2027-01-10T09:00:00.000Z', 'booking'],
        ['2027-01-20T09:00:00.000Z', 'booking'],
        ['2027-02-05T09:00:00.000Z', 'refund'],
        ['2027-03-01T00:00:00.000Z', 'booking'],
      ]);
      expect(lines[1]).toContain(',100.00,USD,0.9,90.00,EUR,200,in_policy,,72.00');
      expect(lines[3]).toContain(',-100.00,EUR,1,-100.00,EUR,-500,out_of_policy,client_requirement,');
      // A trip title and a traveller's name that a spreadsheet would run as formulas.
      expect(lines[2]).toContain(`,'@SUM(A1:A9) offsite,`);
      expect(lines[2]).toContain(`"Tom Traveller; =HYPERLINK(""http://evil.example"")"`);
      expect(lines[4]).toContain(`,"'=HYPERLINK(""http://evil.example"")",`);
      expect(response.text).not.toMatch(/(^|,)"?[=@+][A-Z]/m);
    });

    it('reads the database through a cursor as the client reads, and closes it when the client stops', async () => {
      const service = t.app.get(SpendReportService);
      const ctx: AuthContext = {
        userId: admin.user.id,
        organizationId: admin.user.organizationId,
        role: UserRole.Admin,
      };
      const fetches: number[] = [];
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (
        this: PostgresQueryRunner,
        ...args: Parameters<PostgresQueryRunner['query']>
      ) {
        if (args[0].startsWith('FETCH')) fetches.push(Date.now());
        return originalQuery.apply(this, args);
      } as never);
      try {
        // One row per FETCH: four rows need five fetches (the last one empty).
        const { stream } = await service.csv(ctx, { from: '2027-01-01', to: '2027-03-31' }, 1);
        const chunks: string[] = [];
        const whenFirstRow: number[] = [];
        for await (const chunk of stream as Readable) {
          chunks.push(chunk);
          if (chunks.length === 2) whenFirstRow.push(fetches.length);
        }
        expect(chunks).toHaveLength(5);
        expect(fetches).toHaveLength(5);
        // The first row reached the client before most of the result had been fetched.
        expect(whenFirstRow[0]).toBeLessThanOrEqual(3);

        fetches.length = 0;
        const early = (await service.csv(ctx, { from: '2027-01-01', to: '2027-03-31' }, 1)).stream as Readable;
        let read = 0;
        for await (const _chunk of early) if (++read === 2) break; // the client went away after the first row
        expect(fetches.length).toBeLessThan(5);
      } finally {
        spy.mockRestore();
      }
      // No connection is left holding the cursor's transaction.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const open = await t.sql.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' AND query LIKE 'FETCH%'`,
      );
      expect(open.rows[0].n).toBe(0);
    });
  });

  it('records the reporting currency, the rate and the CO2 with a booking made through the API', async () => {
    expect((await t.api.put('/api/users/me/passenger-profile', PASSENGER_PROFILE, as(traveller))).status).toBe(200);
    const policy = { ...OPEN_POLICY, currency: 'GBP' };
    expect((await t.api.put('/api/organizations/current/policy', policy, as(admin))).status).toBe(200);
    const trip = await createTrip(t.api, traveller, {
      startDate: inDays(40),
      endDate: inDays(45),
      budget: undefined,
      costCentre: 'ENG',
    });
    const search = await t.api.post(
      `/api/trips/${trip.id}/flight-searches`,
      { slices: [{ origin: 'FRA', destination: 'LHR', departureDate: inDays(41) }] },
      as(traveller),
    );
    const offer = search.body.items[0];
    const booked = await t.api.post(
      `/api/trips/${trip.id}/bookings`,
      { offerId: offer.id },
      { ...as(traveller), headers: { 'idempotency-key': randomUUID() } },
    );
    expect(booked.status).toBe(201);
    const [row] = (
      await t.sql.query(
        'SELECT report_currency, report_rate::float AS rate, emissions_kg FROM bookings WHERE id = $1',
        [booked.body.id],
      )
    ).rows;
    expect(row.report_currency).toBe('GBP');
    expect(row.rate).toBeGreaterThan(0.7);
    expect(row.rate).toBeLessThan(1);
    expect(row.emissions_kg).toBe(offer.emissionsKg);

    const today = new Date().toISOString().slice(0, 10);
    const { body } = await report(`from=${today}&to=${today}&costCentre=ENG`);
    expect(body.currency).toBe('GBP');
    const expected = Math.round(Number(offer.totalAmount.amount) * row.rate * 100) / 100;
    expect(Number(body.totals.spend)).toBeCloseTo(expected, 2);
    expect(body.totals.emissionsKg).toBe(offer.emissionsKg);
  });
});

const originalQuery = PostgresQueryRunner.prototype.query;
