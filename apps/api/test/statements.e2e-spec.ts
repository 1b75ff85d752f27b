import { writeFileSync } from 'node:fs';
import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { type BookingRow, insertBookingRow } from './support/booking-rows';
import { pdfPages } from './support/pdf-text';
import { startTestApp, TestApp } from './support/test-app';

const FLIGHT_OFFER = {
  owner: { iataCode: 'BA', name: 'British Airways' },
  slices: [
    {
      origin: { iataCode: 'LHR' },
      destination: { iataCode: 'JFK' },
      segments: [{ departingAt: '2026-09-15T09:05:00+01:00' }],
    },
    {
      origin: { iataCode: 'JFK' },
      destination: { iataCode: 'LHR' },
      segments: [{ departingAt: '2026-09-19T18:00:00-04:00' }],
    },
  ],
};
const STAY = {
  quote: {
    property: { name: 'Hotel Ōkura 東京', address: { cityName: 'Tokyo' } },
    checkInDate: '2026-09-21',
    checkOutDate: '2026-09-24',
  },
};
const NAMES = ['Zoë Þórsdóttir', 'Дмитрий Соколов', '李小龍'];

/** Issue 11 § Payments, without Stripe: the monthly statement of what is invoiced to the organization. */
describe('Monthly statements', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let traveller: Session;
  let stranger: Session;
  let travellers: Session[];
  let formula: Session;
  const as = (session: Session) => ({ token: session.accessToken });
  const insert = (row: Omit<BookingRow, 'rate'>) => insertBookingRow(t.sql, admin, { rate: '1', ...row });
  const statement = (month: string, session = admin) => t.api.get(`/api/statements/${month}`, as(session));
  /** The body as bytes (the test client reads text). */
  const download = async (path: string, session = admin) => {
    const response = await fetch(t.api.baseUrl + path, { headers: { authorization: `Bearer ${session.accessToken}` } });
    return { response, body: Buffer.from(await response.arrayBuffer()) };
  };
  const thisMonth = () => new Date().toISOString().slice(0, 7);
  const nextMonth = () => {
    const date = new Date();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + 1);
    return date.toISOString().slice(0, 7);
  };

  beforeAll(async () => {
    t = await startTestApp({ BOOKING_RECONCILE_INTERVAL_MS: '0' });
    admin = await registerOrganization(t.api, { organizationName: 'Ærøskøbing Ltd — 株式会社' });
    manager = await addMember(t.api, admin, 'manager', 'Mia Manager');
    traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    travellers = [];
    for (const name of NAMES) travellers.push(await addMember(t.api, admin, 'traveller', name));
    formula = await addMember(t.api, admin, 'traveller', '=HYPERLINK("http://evil.example")');
    stranger = await registerOrganization(t.api);

    const tokyo = await createTrip(t.api, admin, { title: '東京 offsite', destination: 'Tokyo' });
    const sales = await createTrip(t.api, admin, { title: '@SUM(A1:A9) visit', destination: 'New York' });
    const [zoe, dmitri, bruce] = travellers.map((session) => session.user.id);
    // September: a flight in USD, a stay in EUR (cancelled in October with everything back),
    // and the refund of an August booking cancelled in September.
    await insert({
      tripId: sales.id,
      passengerIds: [zoe, formula.user.id],
      amount: '100.00',
      currency: 'USD',
      confirmedAt: '2026-09-10T09:00:00Z',
      offer: FLIGHT_OFFER,
      bookingReference: 'BA7X2Q',
    });
    await insert({
      tripId: tokyo.id,
      passengerIds: [bruce, dmitri],
      amount: '300.00',
      currency: 'EUR',
      confirmedAt: '2026-09-20T12:00:00Z',
      stay: STAY,
      bookingReference: 'OKR-551',
      cancelledAt: '2026-10-02T08:00:00Z',
      refund: '300.00',
    });
    await insert({
      tripId: sales.id,
      passengerIds: [zoe],
      amount: '80.00',
      currency: 'EUR',
      confirmedAt: '2026-08-31T23:59:59Z',
      cancelledAt: '2026-09-01T00:00:00Z',
      refund: '50.00',
    });
    // Paid by the organization's card (Stripe): settled by the charge, on no statement — the
    // September and June totals below would show it otherwise.
    for (const confirmedAt of ['2026-09-15T10:00:00Z', '2026-06-15T10:00:00Z']) {
      const paidByCard = await insert({
        tripId: sales.id,
        passengerIds: [zoe],
        amount: '700.00',
        currency: 'USD',
        confirmedAt,
      });
      await t.sql.query(`UPDATE bookings SET payment_method = 'card', payment_status = 'captured' WHERE id = $1`, [
        paidByCard,
      ]);
    }
    // Never confirmed: on no statement.
    await insert({ tripId: sales.id, passengerIds: [zoe], amount: '999.00', currency: 'EUR', confirmedAt: null });
    // July: enough lines for several pages.
    for (let day = 0; day < 90; day++)
      await insert({
        tripId: tokyo.id,
        passengerIds: [travellers[day % 3].user.id],
        amount: `${100 + day}.50`,
        currency: day % 2 ? 'JPY' : 'EUR',
        confirmedAt: `2026-07-${String(1 + (day % 28)).padStart(2, '0')}T10:${String(day % 60).padStart(2, '0')}:00Z`,
        stay: STAY,
      });
  });
  afterAll(() => t.close());

  it('lists bookings confirmed and refunds of cancellations in the month, with totals per currency', async () => {
    const response = await statement('2026-09');
    expect(response.status).toBe(200);
    const { body } = response;
    expect(body).toMatchObject({
      number: `NM-${admin.user.organizationId.slice(0, 8).toUpperCase()}-202609`,
      month: '2026-09',
      from: '2026-09-01',
      to: '2026-09-30',
      provisional: false,
      organization: { id: admin.user.organizationId, name: 'Ærøskøbing Ltd — 株式会社' },
      totals: [
        { currency: 'EUR', charges: '300.00', refunds: '50.00', net: '250.00' },
        { currency: 'USD', charges: '100.00', refunds: '0.00', net: '100.00' },
      ],
    });
    expect(body.lines).toEqual([
      expect.objectContaining({
        date: '2026-09-01T00:00:00.000Z',
        entry: 'refund',
        kind: 'flight',
        travellers: 'Zoë Þórsdóttir',
        amount: '-50.00',
        currency: 'EUR',
      }),
      {
        date: '2026-09-10T09:00:00.000Z',
        entry: 'charge',
        bookingId: expect.any(String),
        kind: 'flight',
        supplier: 'sandbox',
        bookingReference: 'BA7X2Q',
        tripTitle: '@SUM(A1:A9) visit',
        travellers: 'Zoë Þórsdóttir; =HYPERLINK("http://evil.example")',
        description: 'LHR–JFK, JFK–LHR · British Airways · departs 2026-09-15',
        amount: '100.00',
        currency: 'USD',
      },
      expect.objectContaining({
        entry: 'charge',
        kind: 'stay',
        bookingReference: 'OKR-551',
        tripTitle: '東京 offsite',
        travellers: '李小龍; Дмитрий Соколов',
        description: 'Hotel Ōkura 東京, Tokyo · 3 nights, 2026-09-21 to 2026-09-24',
        amount: '300.00',
      }),
    ]);
    // The same month always has the same number.
    expect((await statement('2026-09')).body.number).toBe(body.number);
  });

  it('counts a refund in the month of the cancellation, not of the booking', async () => {
    const { body } = await statement('2026-10');
    expect(body.lines.map((line: { entry: string; amount: string }) => [line.entry, line.amount])).toEqual([
      ['refund', '-300.00'],
    ]);
    expect(body.totals).toEqual([{ currency: 'EUR', charges: '0.00', refunds: '300.00', net: '-300.00' }]);
    const august = await statement('2026-08');
    expect(august.body.totals).toEqual([{ currency: 'EUR', charges: '80.00', refunds: '0.00', net: '80.00' }]);
  });

  it('lists the months with activity, newest first, the current one provisional', async () => {
    const response = await t.api.get('/api/statements', as(admin));
    expect(response.status).toBe(200);
    const months = response.body.months;
    expect(months[0]).toMatchObject({ month: thisMonth(), provisional: true, lines: 0, totals: [] });
    expect(months.slice(1)).toEqual([
      expect.objectContaining({
        month: '2026-10',
        provisional: false,
        lines: 1,
        totals: [{ currency: 'EUR', charges: '0.00', refunds: '300.00', net: '-300.00' }],
      }),
      expect.objectContaining({
        month: '2026-09',
        number: `NM-${admin.user.organizationId.slice(0, 8).toUpperCase()}-202609`,
        lines: 3,
        totals: [
          { currency: 'EUR', charges: '300.00', refunds: '50.00', net: '250.00' },
          { currency: 'USD', charges: '100.00', refunds: '0.00', net: '100.00' },
        ],
      }),
      expect.objectContaining({ month: '2026-08', lines: 1 }),
      expect.objectContaining({ month: '2026-07', lines: 90 }),
    ]);
  });

  it('answers an empty month with no lines, the current one provisional, and refuses a later or malformed one', async () => {
    const empty = await statement('2026-01');
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ lines: [], totals: [], provisional: false });
    expect((await statement(thisMonth())).body.provisional).toBe(true);
    for (const path of [nextMonth(), `${nextMonth()}.csv`, `${nextMonth()}.pdf`, '2999-01']) {
      const response = await statement(path);
      expect([path, response.status, response.body.code]).toEqual([path, 400, 'STATEMENT_MONTH_IN_FUTURE']);
    }
    for (const path of ['2026-13', '2026-00', '2026-9', 'september', '2026-09-01', '2026-13.csv', 'x.pdf']) {
      const response = await statement(path);
      expect([path, response.status, response.body.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
      expect(response.body.errors[0].field).toBe('month');
    }
  });

  it('is for managers and admins, each organization seeing only its own', async () => {
    expect((await statement('2026-09', manager)).body.lines).toHaveLength(3);
    for (const path of ['', '/2026-09', '/2026-09.csv', '/2026-09.pdf'])
      expect([path, (await t.api.get(`/api/statements${path}`, as(traveller))).status]).toEqual([path, 403]);
    const theirs = await statement('2026-09', stranger);
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ lines: [], totals: [], organization: { id: stranger.user.organizationId } });
    expect(theirs.body.number).not.toBe((await statement('2026-09')).body.number);
    expect((await t.api.get('/api/statements', as(stranger))).body.months).toEqual([
      expect.objectContaining({ month: thisMonth(), lines: 0 }),
    ]);
    const csv = await t.api.get('/api/statements/2026-09.csv', as(stranger));
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(1);
  });

  it('downloads the CSV, formula-like cells defused and refunds kept as numbers', async () => {
    const response = await t.api.get('/api/statements/2026-09.csv', as(admin));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const number = `NM-${admin.user.organizationId.slice(0, 8).toUpperCase()}-202609`;
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="statement-${number}.csv"`);
    const lines = response.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'statement,date,entry,booking id,booking reference,kind,supplier,trip,travellers,description,amount,currency',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(new RegExp(`^${number},2026-09-01T00:00:00.000Z,refund,`));
    expect(lines[1]).toMatch(/,-50\.00,EUR$/);
    expect(lines[2]).toContain(`,'@SUM(A1:A9) visit,"Zoë Þórsdóttir; =HYPERLINK(""http://evil.example"")",`);
    expect(lines[2]).toMatch(/,100\.00,USD$/);
    expect(lines[3]).toMatch(
      /,OKR-551,stay,sandbox,東京 offsite,李小龍; Дмитрий Соколов,"Hotel Ōkura 東京, Tokyo · 3 nights, 2026-09-21 to 2026-09-24",300\.00,EUR$/,
    );
    expect(response.text).not.toMatch(/(^|,)"?[=@+][A-Z]/m);
  });

  it('draws the PDF: A4, the names in any script, totals per currency', async () => {
    const { response, body } = await download('/api/statements/2026-09.pdf');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="statement-NM-[0-9A-F]{8}-202609\.pdf"$/,
    );
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(body.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const pages = pdfPages(body);
    expect(pages).toHaveLength(1);
    // Words in order; a name wrapped in its cell, or drawn in two fonts, is on two lines of the text.
    const text = pages[0].replace(/\s+/g, ' ');
    for (const words of [...NAMES, 'Ærøskøbing Ltd — 株式会社', '東京 offsite', 'Hotel Ōkura 東京', 'Page 1 of 1'])
      expect([words, text.includes(words)]).toEqual([words, true]);
    expect(text).toMatch(
      /Totals per currency Currency Charges Refunds Net EUR 300\.00 50\.00 250\.00 USD 100\.00 0\.00 100\.00/,
    );
    // The fonts embedded: Noto Sans, and Noto Sans JP for the Han characters; only the glyphs used.
    expect(body.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/);
    expect(body.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP/);
    expect(body.length).toBeLessThan(400_000);
  });

  it('breaks a long statement over pages, repeating the table header and numbering them', async () => {
    const { body } = await download('/api/statements/2026-07.pdf');
    // To look at it: STATEMENT_PDF_OUT=/tmp/statement.pdf, then pdftoppm -png.
    if (process.env.STATEMENT_PDF_OUT) writeFileSync(process.env.STATEMENT_PDF_OUT, body);
    const pages = pdfPages(body);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page).toContain('Description');
    });
    expect(pages.slice(1).every((page) => page.includes('(continued)'))).toBe(true);
    // Every line once: 90 amounts, 45 in each currency.
    expect(pages.join('').match(/\d\.50 (EUR|JPY)/g)).toHaveLength(90);
    expect(pages.at(-1)).toContain('Totals per currency');
  });

  it('draws an empty month too', async () => {
    const { response, body } = await download('/api/statements/2026-01.pdf');
    expect(response.status).toBe(200);
    expect(pdfPages(body)[0]).toContain('No invoiced bookings or refunds in this month.');
  });
});
