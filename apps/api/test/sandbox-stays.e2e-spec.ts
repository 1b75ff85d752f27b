import { type StaySearchRequest, type StaySupplier, SupplierError } from '../src/stays/supplier/stay-supplier';
import { createStaySupplier } from '../src/stays/supplier/stay-suppliers.module';
import { supplierWorkers } from './support/supplier-workers';

/**
 * The sandbox stay supplier's bookings live in PostgreSQL (`sandbox_stay_bookings`): two suppliers
 * on two connections stand for two PM2 workers, a third made later for a restart. Searches, rates and
 * quotes need no storage: their ids carry them (unit tests: sandbox-stay-supplier.spec.ts).
 */
describe('Sandbox stay supplier bookings (PostgreSQL)', () => {
  const { worker, dataSources } = supplierWorkers<StaySupplier>(createStaySupplier);

  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const search = (): StaySearchRequest => ({
    where: { latitude: 41.3874, longitude: 2.1686, radiusKm: 8 },
    checkInDate: inDays(30),
    checkOutDate: inDays(33),
    rooms: 1,
    guests: 2,
  });

  async function quoteFrom(supplier: StaySupplier, refundable: boolean) {
    const { results } = await supplier.search(search());
    const { rates } = await supplier.rates(results[0].supplierResultId);
    const rate = rates.find((candidate) => candidate.cancellation.refundable === refundable)!;
    return supplier.quote(rate.supplierRateId);
  }

  const request = (supplierQuoteId: string, bookingId: string, total: { amount: string; currency: string }) => ({
    supplierQuoteId,
    guests: [
      { givenName: 'Ada', familyName: 'Lovelace' },
      { givenName: 'Grace', familyName: 'Hopper' },
    ],
    email: 'ada@example.com',
    phoneNumber: '+442080160509',
    expectedTotal: total,
    bookingId,
  });

  it('books on one worker; another worker and a restarted one see it; cancelling refunds in full before the deadline', async () => {
    const first = await worker();
    const second = await worker();
    expect(first.name).toBe('sandbox');
    const since = new Date(Date.now() - 1000);
    // A rate quoted on one worker is booked on another: its id carries it.
    const quote = await quoteFrom(first, true);
    const made = await second.book(request(quote.supplierQuoteId, 'bkg-stay-a', quote.totalAmount));
    expect(made).toMatchObject({
      supplier: 'sandbox',
      status: 'confirmed',
      bookingId: 'bkg-stay-a',
      totalAmount: quote.totalAmount,
      property: quote.property,
      refund: null,
    });
    expect(made.reference).toMatch(/^SBX-H[A-HJ-NP-Z2-9]{6}$/);
    expect(await first.getBooking(made.supplierBookingId)).toEqual(made);
    expect(await first.findBookingByBookingId('bkg-stay-a', since)).toEqual(made);
    expect(await first.findBookingByBookingId('bkg-stay-a', new Date(Date.now() + 60_000))).toBeNull();
    const [row] = await dataSources[0].query(`SELECT * FROM sandbox_stay_bookings WHERE booking_id = 'bkg-stay-a'`);
    expect(row.guests).toBe(2);
    // No guest's name, e-mail or phone is kept by the sandbox.
    expect(JSON.stringify(row)).not.toMatch(/Lovelace|Hopper|ada@example.com|2080160509/);

    const restarted = await worker();
    const cancelled = await restarted.cancel(made.supplierBookingId);
    expect(cancelled).toMatchObject({ status: 'cancelled', refund: quote.totalAmount });
    // Cancelling twice (a retry) answers the same cancellation.
    expect(await second.cancel(made.supplierBookingId)).toEqual(cancelled);
  });

  it('refunds nothing on a non-refundable rate', async () => {
    const supplier = await worker();
    const quote = await quoteFrom(supplier, false);
    const made = await supplier.book(request(quote.supplierQuoteId, 'bkg-stay-b', quote.totalAmount));
    expect(made.cancellation).toEqual({ refundable: false, timeline: [] });
    expect((await supplier.cancel(made.supplierBookingId)).refund).toEqual({ amount: '0.00', currency: 'EUR' });
  });

  it('refuses another price, the wrong guests, and unknown or forged ids; stores nothing then', async () => {
    const supplier = await worker();
    const quote = await quoteFrom(supplier, true);
    const fail = (work: Promise<unknown>) =>
      work.then(
        () => null,
        (error: unknown) => (error as SupplierError).failure,
      );
    expect(
      await fail(supplier.book(request(quote.supplierQuoteId, 'bkg-x', { amount: '1.00', currency: 'EUR' }))),
    ).toBe('price_changed');
    expect(
      await fail(
        supplier.book({
          ...request(quote.supplierQuoteId, 'bkg-x', quote.totalAmount),
          guests: [{ givenName: 'A', familyName: 'B' }],
        }),
      ),
    ).toBe('invalid_request');
    expect(await fail(supplier.book(request(`${quote.supplierQuoteId}x`, 'bkg-x', quote.totalAmount)))).toBe(
      'not_found',
    );
    expect(await fail(supplier.getBooking('sbx_bok_00000000-0000-0000-0000-000000000000'))).toBe('not_found');
    expect(await fail(supplier.cancel('bok_foreign'))).toBe('not_found');
    expect(await supplier.findBookingByBookingId('bkg-x', new Date(0))).toBeNull();
  });
});
