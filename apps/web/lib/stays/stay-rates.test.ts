import { cancellationText, defaultStayDates, starsLabel } from './stay-rates';

describe('cancellationText', () => {
  const eur = (amount: string) => ({ amount, currency: 'EUR' });
  it('says non-refundable for an empty timeline, free cancellation for one full step, else the refund', () => {
    expect(cancellationText({ refundable: false, timeline: [] })).toBe('Non-refundable');
    expect(
      cancellationText(
        { refundable: true, timeline: [{ before: '2027-03-01T17:00:00Z', refund: eur('300.00') }] },
        'en-GB',
      ),
    ).toMatch(/^Free cancellation until 1 Mar 2027/);
    expect(
      cancellationText(
        {
          refundable: true,
          timeline: [
            { before: '2027-02-20T17:00:00Z', refund: eur('300.00') },
            { before: '2027-03-01T17:00:00Z', refund: eur('100.00') },
          ],
        },
        'en-GB',
      ),
    ).toMatch(/^€100 refunded if cancelled before 1 Mar 2027/);
  });
});

describe('starsLabel and defaultStayDates', () => {
  it('reads stars both ways, and takes the trip’s dates from today on with at least one night', () => {
    expect(starsLabel(3)).toEqual({ visual: '★★★', spoken: '3 stars' });
    expect(starsLabel(null)).toBeNull();
    expect(defaultStayDates({ startDate: '2027-03-01', endDate: '2027-03-04' }, '2027-02-01')).toEqual({
      checkInDate: '2027-03-01',
      checkOutDate: '2027-03-04',
    });
    expect(defaultStayDates({ startDate: '2027-03-01', endDate: '2027-03-04' }, '2027-03-04')).toEqual({
      checkInDate: '2027-03-04',
      checkOutDate: '2027-03-05',
    });
  });
});
