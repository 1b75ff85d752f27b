import { type FlightSearchRequest, type FlightSupplier, SupplierError } from '../src/flights/supplier/flight-supplier';
import { createFlightSupplier } from '../src/flights/supplier/flight-suppliers.module';
import { supplierWorkers } from './support/supplier-workers';

/**
 * The sandbox supplier's orders live in PostgreSQL (`sandbox_flight_orders`): two suppliers on two
 * connections stand for two PM2 workers, a third made later for a restart. Offers need no storage:
 * their ids carry the search (unit tests: sandbox-flight-supplier.spec.ts).
 */
describe('Sandbox flight supplier orders (PostgreSQL)', () => {
  const { worker, dataSources } = supplierWorkers<FlightSupplier>(createFlightSupplier);

  const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const search = (): FlightSearchRequest => ({
    slices: [{ origin: 'FRA', destination: 'BCN', departureDate: inAMonth() }],
    passengers: 2,
    cabin: 'economy',
    maxConnections: null,
  });

  async function orderFrom(
    supplier: FlightSupplier,
    bookingId: string,
    pick: (offers: Awaited<ReturnType<FlightSupplier['search']>>['offers']) => number = () => 0,
  ) {
    const { offers } = await supplier.search(search());
    const offer = offers[pick(offers)];
    const order = await supplier.createOrder({
      supplierOfferId: offer.supplierOfferId,
      passengers: offer.supplierPassengerIds.map((id, i) => ({
        supplierPassengerId: id,
        givenName: `Given${i}`,
        familyName: 'Traveller',
        bornOn: '1990-01-0' + (i + 1),
        gender: 'm',
        title: 'mr',
        email: `t${i}@example.com`,
        phoneNumber: '+4930123456',
      })),
      payment: { type: 'balance', amount: offer.totalAmount },
      bookingId,
    });
    return { offer, order };
  }

  it('is the supplier when no DUFFEL_API_KEY is set', async () => {
    expect((await worker()).name).toBe('sandbox');
  });

  it('keeps an order made by one worker for the other, after a restart, and finds it by our booking id', async () => {
    const [a, b] = [await worker(), await worker()];
    const since = new Date(Date.now() - 1000);
    const { offer, order } = await orderFrom(a, 'booking-1');
    expect(order).toMatchObject({
      supplier: 'sandbox',
      supplierOrderId: expect.stringMatching(/^sbx_ord_/),
      bookingReference: expect.stringMatching(/^SBX-[A-HJ-NP-Z2-9]{6}$/),
      totalAmount: offer.totalAmount,
      slices: offer.slices,
      bookingId: 'booking-1',
      cancelled: false,
    });
    await expect(b.getOrder(order.supplierOrderId)).resolves.toEqual(order);
    await expect(b.findOrderByBookingId('booking-1', since)).resolves.toEqual(order);
    await expect(b.findOrderByBookingId('booking-1', new Date(Date.now() + 60_000))).resolves.toBeNull();
    await expect(b.findOrderByBookingId('booking-unknown', since)).resolves.toBeNull();
    const restarted = await worker();
    await expect(restarted.getOrder(order.supplierOrderId)).resolves.toEqual(order);

    const [row] = await dataSources[0].query(`SELECT * FROM sandbox_flight_orders WHERE booking_id = 'booking-1'`);
    expect(row.passenger_count).toBe(2);
    // No passenger's name, e-mail or date of birth is kept by the sandbox.
    expect(JSON.stringify(row)).not.toMatch(/Given0|1990-01-01|t0@example.com/);
  });

  it('refuses an order at a price the offer does not have, or naming other passengers, and stores nothing', async () => {
    const supplier = await worker();
    const { offers } = await supplier.search(search());
    const [offer] = offers;
    const attempt = (amount: string, ids = offer.supplierPassengerIds) =>
      supplier
        .createOrder({
          supplierOfferId: offer.supplierOfferId,
          passengers: ids.map((id) => ({
            supplierPassengerId: id,
            givenName: 'A',
            familyName: 'B',
            bornOn: '1990-01-01',
            gender: 'f',
            title: 'ms',
            email: 'a@example.com',
            phoneNumber: '+4930123456',
          })),
          payment: { type: 'balance', amount: { amount, currency: offer.totalAmount.currency } },
          bookingId: 'booking-refused',
        })
        .catch((error: SupplierError) => error.failure);
    expect(await attempt('1.00')).toBe('price_changed');
    expect(await attempt(offer.totalAmount.amount, [offer.supplierPassengerIds[0]])).toBe('invalid_request');
    const [{ count }] = await dataSources[0].query(
      `SELECT count(*)::int AS count FROM sandbox_flight_orders WHERE booking_id = 'booking-refused'`,
    );
    expect(count).toBe(0);
  });

  it('quotes a cancellation by fare on one worker and confirms it on another; confirming again answers the same', async () => {
    const [a, b] = [await worker(), await worker()];
    const flexible = await orderFrom(a, 'booking-flex', (offers) =>
      offers.findIndex((o) => o.conditions.refundBeforeDeparture?.allowed),
    );
    const penalty = Number(flexible.offer.conditions.refundBeforeDeparture!.penalty?.amount ?? 0);
    const quote = await a.quoteCancellation(flexible.order.supplierOrderId);
    expect(quote).toMatchObject({
      supplierCancellationId: expect.stringMatching(/^sbx_ore_/),
      supplierOrderId: flexible.order.supplierOrderId,
      refund: { amount: (Number(flexible.offer.totalAmount.amount) - penalty).toFixed(2), currency: 'EUR' },
      confirmedAt: null,
    });
    const confirmed = await b.confirmCancellation(quote.supplierCancellationId);
    expect(confirmed).toMatchObject({ refund: quote.refund, expiresAt: null, confirmedAt: expect.any(String) });
    await expect(a.confirmCancellation(quote.supplierCancellationId)).resolves.toEqual(confirmed);
    await expect(a.getOrder(flexible.order.supplierOrderId)).resolves.toMatchObject({ cancelled: true });
    const again = await a
      .quoteCancellation(flexible.order.supplierOrderId)
      .catch((error: SupplierError) => error.failure);
    expect(again).toBe('invalid_request');

    const locked = await orderFrom(a, 'booking-light', (offers) =>
      offers.findIndex((o) => !o.conditions.refundBeforeDeparture?.allowed),
    );
    await expect(b.quoteCancellation(locked.order.supplierOrderId)).resolves.toMatchObject({
      refund: { amount: '0.00' },
    });
  });

  it('replaces an unconfirmed quote with a new one: the old one can no longer be confirmed', async () => {
    const supplier = await worker();
    const { order } = await orderFrom(supplier, 'booking-requote');
    const first = await supplier.quoteCancellation(order.supplierOrderId);
    const second = await supplier.quoteCancellation(order.supplierOrderId);
    expect(
      (await supplier
        .confirmCancellation(first.supplierCancellationId)
        .catch((error: SupplierError) => error)) as SupplierError,
    ).toMatchObject({
      failure: 'not_found',
    });
    await expect(supplier.confirmCancellation(second.supplierCancellationId)).resolves.toMatchObject({
      confirmedAt: expect.any(String),
    });
    await expect(
      supplier.getOrder('sbx_ord_00000000-0000-0000-0000-000000000000').catch((error: SupplierError) => error.failure),
    ).resolves.toBe('not_found');
  });
});
