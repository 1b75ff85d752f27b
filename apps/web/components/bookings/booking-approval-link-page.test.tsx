import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '@/lib/api/api-error';
import { useBookingApprovalPreview, useDecideByLink } from '@/lib/api/booking-approval-link';
import { BookingApprovalLinkPage } from './booking-approval-link-page';

jest.mock('@/lib/api/booking-approval-link', () => ({
  useBookingApprovalPreview: jest.fn(),
  useDecideByLink: jest.fn(),
}));

const mutateAsync = jest.fn();
const TOKEN = 't'.repeat(43);
const airport = (iataCode: string) => ({
  iataCode,
  name: iataCode,
  cityName: iataCode,
  countryCode: 'GB',
  timeZone: 'Europe/London',
  latitude: 0,
  longitude: 0,
});
const BOOKING = {
  id: 'booking-1',
  tripId: 'trip-1',
  status: 'pending_approval',
  supplier: 'sandbox',
  price: { amount: '812.40', currency: 'EUR' },
  cheapestInPolicy: { offerId: 'offer-2', price: { amount: '398.00', currency: 'EUR' } },
  policy: {
    verdict: 'needs_approval',
    policyVersion: 3,
    reasons: [
      {
        rule: 'flight_fare',
        message: 'The fare is over 500 EUR',
        limit: '500.00',
        actual: '812.40',
        unit: 'EUR',
        overridable: true,
        slices: [0],
      },
    ],
    reasonCode: null,
  },
  offer: { slices: [{ origin: airport('LHR'), destination: airport('JFK'), segments: [] }] },
  createdAt: '2027-01-10T09:00:00Z',
};

function withPreview(state: Record<string, unknown>) {
  (useBookingApprovalPreview as jest.Mock).mockReturnValue(state);
  (useDecideByLink as jest.Mock).mockReturnValue({ mutateAsync, isPending: false });
}

beforeEach(() => mutateAsync.mockReset());

describe('BookingApprovalLinkPage', () => {
  it('shows the booking and decides only on a button', async () => {
    withPreview({
      isPending: false,
      isError: false,
      data: { expiresAt: '2027-01-13T09:00:00Z', tripTitle: 'Client visit', booking: BOOKING },
    });
    mutateAsync.mockResolvedValueOnce({ ...BOOKING, status: 'confirmed', bookingReference: 'SBX-ABC123' });
    render(<BookingApprovalLinkPage token={TOKEN} />);
    expect(screen.getByText(/Client visit/)).toBeTruthy();
    expect(screen.getByText(/The fare is over 500 EUR/)).toBeTruthy();
    expect(mutateAsync).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Approve and book' }));
    await waitFor(() => expect(screen.getByText(/reference SBX-ABC123/)).toBeTruthy());
    expect(mutateAsync).toHaveBeenCalledWith({ action: 'approve', reason: undefined });
  });

  it('rejects with the reason typed', async () => {
    withPreview({
      isPending: false,
      isError: false,
      data: { expiresAt: '2027-01-13T09:00:00Z', tripTitle: 'Client visit', booking: BOOKING },
    });
    mutateAsync.mockResolvedValueOnce({ ...BOOKING, status: 'rejected' });
    render(<BookingApprovalLinkPage token={TOKEN} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reject…' }));
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: 'Take the cheaper flight' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reject the booking' }));
    await waitFor(() => expect(screen.getByText(/You rejected/)).toBeTruthy());
    expect(mutateAsync).toHaveBeenCalledWith({ action: 'reject', reason: 'Take the cheaper flight' });
  });

  it('says a used, expired or decided link no longer works', () => {
    const notFound = new ApiError(404, ['Approval link not found'], undefined, undefined, 'NOT_FOUND');
    withPreview({ isPending: false, isError: true, error: notFound });
    render(<BookingApprovalLinkPage token={TOKEN} />);
    expect(screen.getByText('This approval link no longer works')).toBeTruthy();
  });
});
