import { firstDeparture, totalsByCurrency } from './booking-summary';

const slice = (origin: string, destination: string, departingAt = '2027-03-01T09:05:00+01:00') => ({
  origin: { iataCode: origin },
  destination: { iataCode: destination },
  segments: [{ departingAt }],
});
const offer = (...slices: ReturnType<typeof slice>[]) => ({ slices }) as never;

describe('firstDeparture', () => {
  it('is the local date of the first flight', () => {
    expect(firstDeparture({ offer: offer(slice('LHR', 'JFK', '2027-03-01T23:30:00+00:00')), stay: null })).toBe(
      '2027-03-01',
    );
    expect(firstDeparture({ offer: offer(), stay: null })).toBeNull();
  });

  it('is the check-in date of a stay', () => {
    expect(firstDeparture({ offer: null, stay: { checkInDate: '2027-03-02' } as never })).toBe('2027-03-02');
  });
});

describe('totalsByCurrency', () => {
  const booking = (amount: string, currency: string, status = 'confirmed') =>
    ({ price: { amount, currency }, status }) as never;

  it('adds up exactly per currency, without converting', () => {
    expect(
      totalsByCurrency([
        booking('0.10', 'EUR'),
        booking('0.20', 'EUR'),
        booking('99.99', 'USD'),
        booking('1250', 'EUR'),
      ]),
    ).toEqual([
      { currency: 'EUR', amount: '1250.30' },
      { currency: 'USD', amount: '99.99' },
    ]);
  });

  it('leaves out what was never bought or was cancelled, and counts what waits', () => {
    expect(
      totalsByCurrency([
        booking('100.00', 'EUR', 'rejected'),
        booking('100.00', 'EUR', 'failed'),
        booking('100.00', 'EUR', 'cancelled'),
        booking('80.00', 'EUR', 'pending_approval'),
      ]),
    ).toEqual([{ currency: 'EUR', amount: '80.00' }]);
    expect(totalsByCurrency([])).toEqual([]);
  });
});
