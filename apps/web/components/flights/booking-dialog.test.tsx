import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '@/lib/api/api-error';
import { useBookFlight, type FlightOffer } from '@/lib/api/flights';
import type { StayRate } from '@/lib/api/stays';
import type { TripDetail } from '@/lib/api/trips';
import { BookingDialog } from './booking-dialog';

jest.mock('@/lib/api/flights', () => ({ useBookFlight: jest.fn() }));
jest.mock('@/lib/api/organization', () => ({
  usePolicy: () => ({ data: { reasonCodes: [{ code: 'client_meeting', label: 'Client meeting' }] } }),
}));
jest.mock('@/lib/api/passenger-profile', () => ({ useMyPassengerProfile: () => ({ data: null }) }));

const mutateAsync = jest.fn();
(useBookFlight as jest.Mock).mockReturnValue({ mutateAsync, isPending: false });

beforeAll(() => {
  // jsdom has no modal dialogs: opening one only marks it open.
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
});
beforeEach(() => mutateAsync.mockReset());

const TRIP = { id: 'trip-1', travellers: [{ id: 'me', name: 'Farah' }] } as unknown as TripDetail;
const airport = {
  iataCode: 'LHR',
  name: 'Heathrow',
  cityName: 'London',
  countryCode: 'GB',
  timeZone: 'Europe/London',
  latitude: 0,
  longitude: 0,
};
const OFFER = {
  id: 'offer-1',
  supplier: 'sandbox',
  totalAmount: { amount: '398.00', currency: 'EUR' },
  policy: { verdict: 'in_policy', policyVersion: 1, reasons: [] },
  slices: [
    {
      origin: airport,
      destination: airport,
      segments: [{ marketingCarrier: { iataCode: 'BA', name: 'British Airways' } }],
    },
  ],
} as unknown as FlightOffer;

const open = (offer: FlightOffer = OFFER) =>
  render(<BookingDialog trip={TRIP} userId="me" offer={offer} onClose={jest.fn()} onSearchAgain={jest.fn()} />);

/** What the API says of a booking paid on the organization's monthly statement. */
const INVOICED = { method: 'invoice', status: 'none', card: null, captured: null, refunded: null, failureCode: null };

describe('BookingDialog', () => {
  it('retries a booking whose answer was lost with the same Idempotency-Key, so it cannot order twice', async () => {
    mutateAsync.mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValueOnce({
      status: 'confirmed',
      supplier: 'sandbox',
      bookingReference: 'SBX-ABC123',
      price: OFFER.totalAmount,
      failure: null,
      payment: INVOICED,
    });
    open();
    expect(document.body.textContent).toContain('Sandbox — not a real booking');
    expect(document.body.textContent).toContain('You have none yet');
    fireEvent.click(screen.getByText('Book flight'));
    await screen.findByText(/Cannot reach NestMap/);
    fireEvent.click(screen.getByText('Try again'));
    await screen.findByText('Confirmed: booking reference SBX-ABC123');
    expect(document.body.textContent).toContain('— Invoiced.');
    const [first, second] = mutateAsync.mock.calls.map(([request]) => request);
    expect(first.body).toEqual({ offerId: 'offer-1' });
    expect(second.idempotencyKey).toBe(first.idempotencyKey);
    expect(first.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows a dearer price and books at it only when the booker accepts it', async () => {
    mutateAsync.mockRejectedValueOnce(
      new ApiError(
        409,
        // The price comes from details.newTotal; the message's wording may change.
        ['The fare went up'],
        undefined,
        undefined,
        'FLIGHT_OFFER_PRICE_CHANGED',
        [],
        { newTotal: { amount: '412.30', currency: 'EUR' } },
      ),
    );
    mutateAsync.mockResolvedValueOnce({ status: 'pending_approval', supplier: 'sandbox', failure: null });
    open();
    fireEvent.click(screen.getByText('Book flight'));
    await screen.findByText('The price rose to €412.30');
    fireEvent.click(screen.getByText('Book at €412.30'));
    await screen.findByText('Sent for approval');
    const [first, second] = mutateAsync.mock.calls.map(([request]) => request);
    expect(second.body).toEqual({ offerId: 'offer-1', acceptedPrice: { amount: '412.30', currency: 'EUR' } });
    expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
  });

  it('asks for a reason code when the API says the policy wants one, and sends the one chosen', async () => {
    mutateAsync.mockRejectedValueOnce(
      new ApiError(422, ['This flight is out of policy: …'], undefined, undefined, 'POLICY_REASON_REQUIRED'),
    );
    mutateAsync.mockResolvedValueOnce({
      status: 'confirmed',
      supplier: 'sandbox',
      bookingReference: 'SBX-XYZ789',
      price: OFFER.totalAmount,
      failure: null,
      payment: INVOICED,
    });
    open();
    fireEvent.click(screen.getByText('Book flight'));
    const picker = await screen.findByLabelText('Reason for booking out of policy');
    await waitFor(() => expect(document.activeElement).toBe(picker));
    expect(screen.getByText('Try again').closest('button')!.disabled).toBe(true);
    fireEvent.change(picker, { target: { value: 'client_meeting' } });
    fireEvent.click(screen.getByText('Try again'));
    await waitFor(() => expect(mutateAsync).toHaveBeenCalledTimes(2));
    expect(mutateAsync.mock.calls[1][0].body).toEqual({ offerId: 'offer-1', reasonCode: 'client_meeting' });
  });

  it('sends back to the search when the offer has expired', async () => {
    mutateAsync.mockRejectedValueOnce(
      new ApiError(
        422,
        ['The offer is no longer available: search again'],
        undefined,
        undefined,
        'FLIGHT_OFFER_EXPIRED',
      ),
    );
    const onSearchAgain = jest.fn();
    render(<BookingDialog trip={TRIP} userId="me" offer={OFFER} onClose={jest.fn()} onSearchAgain={onSearchAgain} />);
    fireEvent.click(screen.getByText('Book flight'));
    fireEvent.click(await screen.findByText('Search again'));
    expect(onSearchAgain).toHaveBeenCalled();
  });

  it('books a stay rate through the same route: stayRateId, guests, the rate’s price-changed code', async () => {
    const rate = {
      id: 'rate-1',
      supplier: 'sandbox',
      totalAmount: { amount: '300.00', currency: 'EUR' },
      dueAtProperty: { amount: '9.00', currency: 'EUR' },
      roomName: 'Standard Double Room',
      board: 'breakfast',
      cancellation: { refundable: false, timeline: [] },
      policy: { verdict: 'in_policy', policyVersion: 1, reasons: [] },
      property: { name: 'Hotel Opera Paris' },
    } as unknown as StayRate;
    mutateAsync
      .mockRejectedValueOnce(
        new ApiError(
          409,
          ['The rate now costs 320.00 EUR (you saw 300.00 EUR): book again'],
          undefined,
          undefined,
          'STAY_RATE_PRICE_CHANGED',
          [],
          { newTotal: { amount: '320.00', currency: 'EUR' } },
        ),
      )
      .mockResolvedValueOnce({
        status: 'confirmed',
        supplier: 'sandbox',
        bookingReference: 'SBX-HABC123',
        price: { amount: '320.00', currency: 'EUR' },
        failure: null,
        payment: INVOICED,
      });
    render(<BookingDialog trip={TRIP} userId="me" rate={rate} onClose={jest.fn()} onSearchAgain={jest.fn()} />);
    expect(screen.getByRole('dialog', { name: 'Book Hotel Opera Paris' })).toBeTruthy();
    expect(document.body.textContent).toContain('Guests');
    expect(document.body.textContent).toContain('Standard Double Room, breakfast included · Non-refundable');
    expect(document.body.textContent).toMatch(/paid at the hotel/);
    fireEvent.click(screen.getByText('Book stay'));
    fireEvent.click(await screen.findByText(/^Book at /));
    await screen.findByText('Confirmed: booking reference SBX-HABC123');
    const [first, second] = mutateAsync.mock.calls.map(([request]) => request);
    expect(first.body).toEqual({ stayRateId: 'rate-1' });
    expect(second.body).toEqual({ stayRateId: 'rate-1', acceptedPrice: { amount: '320.00', currency: 'EUR' } });
    expect(document.body.textContent).toContain('The stay is now on the trip’s itinerary.');
  });
});
