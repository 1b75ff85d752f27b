import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '@/lib/api/api-error';
import { useBookingCancellation, type Booking } from '@/lib/api/bookings';
import { CancelBookingDialog, hasLiveQuote } from './cancel-booking-dialog';

jest.mock('@/lib/api/bookings', () => ({ useBookingCancellation: jest.fn() }));

const mutateAsync = jest.fn();
(useBookingCancellation as jest.Mock).mockReturnValue({ mutateAsync, isPending: false });

beforeAll(() => {
  // jsdom has no modal dialogs: opening one only marks it open.
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
});
beforeEach(() => mutateAsync.mockReset());

const airport = (iataCode: string) => ({ iataCode, name: iataCode, cityName: iataCode, timeZone: 'Europe/London' });
const LATER = new Date(Date.now() + 15 * 60_000).toISOString();
const BOOKING = {
  id: 'booking-1',
  tripId: 'trip-1',
  status: 'confirmed',
  supplier: 'sandbox',
  price: { amount: '398.00', currency: 'EUR' },
  bookingReference: 'SBX-ABC123',
  cancellation: null,
  allowedActions: ['quote_cancellation'],
  payment: { method: 'invoice', status: 'none', card: null, captured: null, refunded: null, failureCode: null },
  offer: { slices: [{ origin: airport('LHR'), destination: airport('CDG'), segments: [] }] },
} as unknown as Booking;
const quoted = (expiresAt: string | null, amount = '120.00'): Booking => ({
  ...BOOKING,
  status: 'cancellation_quoted',
  cancellation: { refund: { amount, currency: 'EUR' }, expiresAt, cancelledAt: null },
  allowedActions: ['quote_cancellation', 'cancel'],
});
const expiredError = () =>
  new ApiError(
    422,
    ['The cancellation quote has expired: ask for a new one.'],
    'req',
    undefined,
    'CANCELLATION_QUOTE_EXPIRED',
  );

describe('CancelBookingDialog', () => {
  it('asks for a quote when opened, shows the refund and its expiry, then confirms it', async () => {
    mutateAsync.mockResolvedValueOnce(quoted(LATER)).mockResolvedValueOnce({
      ...quoted(LATER),
      status: 'cancelled',
      allowedActions: [],
    });
    render(<CancelBookingDialog booking={BOOKING} onClose={jest.fn()} />);
    expect(mutateAsync).toHaveBeenCalledWith({ step: 'quote', booking: BOOKING });
    await screen.findByText(/Refund:/);
    expect(screen.getByText(/to the organization’s balance\), this quote is valid until \d/)).toBeTruthy();
    expect(screen.getByText('€120')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Cancel the booking' }));
    await screen.findByRole('heading', { name: 'Booking cancelled' });
    expect(mutateAsync).toHaveBeenLastCalledWith({ step: 'cancel', booking: BOOKING });
    expect(mutateAsync).toHaveBeenCalledTimes(2);
  });

  it('refunds a card-paid booking to the card it was charged to', async () => {
    const paid: Booking = {
      ...BOOKING,
      payment: { ...BOOKING.payment, method: 'card', status: 'captured', card: { brand: 'visa', last4: '4242' } },
    };
    mutateAsync
      .mockResolvedValueOnce({ ...quoted(LATER), payment: paid.payment })
      .mockResolvedValueOnce({ ...quoted(LATER), payment: paid.payment, status: 'cancelled', allowedActions: [] });
    render(<CancelBookingDialog booking={paid} onClose={jest.fn()} />);
    await screen.findByText(/\(to Visa ···· 4242\), this quote is valid until/);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel the booking' }));
    await screen.findByText(/€120 goes back to Visa ···· 4242\./);
  });

  it('shows a quote the booking already holds (another tab) without asking again', () => {
    render(<CancelBookingDialog booking={quoted(LATER)} onClose={jest.fn()} />);
    expect(mutateAsync).not.toHaveBeenCalled();
    expect(screen.getByText(/Refund:/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Cancel the booking' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('says an expired quote has expired and gets a new one on request', async () => {
    mutateAsync.mockRejectedValueOnce(expiredError()).mockResolvedValueOnce(quoted(LATER, '80.00'));
    render(<CancelBookingDialog booking={quoted(LATER)} onClose={jest.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel the booking' }));
    await screen.findByText('This quote has expired');
    expect(screen.queryByRole('button', { name: 'Cancel the booking' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Get a new quote' }));
    await screen.findByText('€80');
    expect(mutateAsync).toHaveBeenLastCalledWith({ step: 'quote', booking: quoted(LATER) });
    expect(screen.queryByText('This quote has expired')).toBeNull();
  });

  it('treats a stored quote past its expiry as expired before anything is sent', () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    expect(hasLiveQuote(quoted(past))).toBe(false);
    expect(hasLiveQuote(quoted(null))).toBe(true);
    render(<CancelBookingDialog booking={quoted(past)} onClose={jest.fn()} />);
    expect(mutateAsync).not.toHaveBeenCalled();
    expect(screen.getByText('This quote has expired')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Get a new quote' })).toBeTruthy();
  });

  it('shows the API’s message when the quote is refused, and lets it be asked again', async () => {
    mutateAsync
      .mockRejectedValueOnce(
        new ApiError(422, ['The flight has departed.'], 'req', undefined, 'BOOKING_SUPPLIER_REFUSED'),
      )
      .mockResolvedValueOnce(quoted(LATER));
    const onClose = jest.fn();
    render(<CancelBookingDialog booking={BOOKING} onClose={onClose} />);
    await screen.findByText('The flight has departed.');
    expect(screen.queryByRole('button', { name: 'Cancel the booking' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText(/Refund:/);
    fireEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });
});
