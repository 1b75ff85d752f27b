'use client';

import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, Loading } from '@/components/ui';
import { describeError, hasErrorCode } from '@/lib/api/api-error';
import { useBookingCancellation, type Booking } from '@/lib/api/bookings';
import { bookingRoute } from '@/lib/flights/flight-offers';
import { refundDestination } from '@/lib/payments/payment-label';
import { formatTimeOfDay } from '@/lib/time/zoned-time';
import { formatMoney } from '@/lib/trips/money';
import { SandboxLabel } from './booking-dialog';
import styles from './flights.module.css';

/** A quote the booking holds that can still be confirmed (no expiry: until the supplier says otherwise). */
export function hasLiveQuote(booking: Booking, now = Date.now()): boolean {
  if (booking.status !== 'cancellation_quoted' || !booking.cancellation) return false;
  const { expiresAt } = booking.cancellation;
  return expiresAt === null || Date.parse(expiresAt) > now;
}

/** The element that had focus when the dialog opened gets it back; if it is gone, the booking's row. */
export function bookingRowId(booking: Pick<Booking, 'id'>): string {
  return `booking-${booking.id}`;
}

/**
 * Cancels a booking at a quoted refund: asks the supplier for a quote when opened (unless the booking
 * already holds a live one, e.g. quoted in another tab), shows it, and confirms it. An expired quote
 * says so and offers a new one. Mounted once per opening.
 */
export function CancelBookingDialog({ booking, onClose }: { booking: Booking; onClose(): void }) {
  const cancellation = useBookingCancellation();
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(
    () => () => {
      if (opener?.isConnected) opener.focus();
      else document.getElementById(bookingRowId(booking))?.focus();
    },
    [opener, booking],
  );
  const [current, setCurrent] = useState(booking);
  const [expired, setExpired] = useState(() => booking.status === 'cancellation_quoted' && !hasLiveQuote(booking));
  const [failure, setFailure] = useState<{ step: 'quote' | 'cancel'; message: string } | null>(null);

  const run = async (step: 'quote' | 'cancel') => {
    setFailure(null);
    try {
      setCurrent(await cancellation.mutateAsync({ step, booking }));
      setExpired(false);
    } catch (error) {
      if (hasErrorCode(error, 'CANCELLATION_QUOTE_EXPIRED')) setExpired(true);
      else setFailure({ step, message: describeError(error) });
    }
  };

  // Opened on a booking without a quote: ask for one, once (not again on a Strict Mode re-run).
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current || booking.status === 'cancellation_quoted') return;
    asked.current = true;
    void run('quote');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opening
  }, []);

  const stay = booking.kind === 'stay';
  const cancelled = current.status === 'cancelled';
  const quote = current.status === 'cancellation_quoted' && !expired ? current.cancellation : null;
  const step = cancellation.isPending ? cancellation.variables?.step : undefined;

  return (
    <Dialog open title={cancelled ? 'Booking cancelled' : 'Cancel this booking?'} onClose={onClose}>
      <div className={styles.dialogForm}>
        {booking.supplier === 'sandbox' && <SandboxLabel />}
        <p className={styles.hint}>
          {bookingRoute(booking)}
          {booking.bookingReference ? ` · ${booking.bookingReference}` : ''} · {formatMoney(booking.price)}
        </p>
        {cancelled ? (
          <Alert tone="success" title="Cancelled">
            {current.cancellation
              ? `${formatMoney(current.cancellation.refund)} goes back to ${refundDestination(current.payment)}. `
              : ''}
            {stay ? 'The stay is off the trip’s itinerary.' : 'The flights are off the trip’s itinerary.'}
          </Alert>
        ) : expired ? (
          <Alert tone="warning" title="This quote has expired">
            {stay ? 'The hotel’s refund changes with time.' : 'Airlines hold a refund only for a while.'} Ask for a new
            quote to cancel.
          </Alert>
        ) : step === 'quote' ? (
          <Loading label={stay ? 'Reading what the hotel refunds…' : 'Asking the airline what it refunds…'} />
        ) : quote ? (
          <p className={styles.dialogPrice}>
            Refund: <strong>{formatMoney(quote.refund)}</strong> (to {refundDestination(booking.payment)})
            {quote.expiresAt ? `, this quote is valid until ${formatTimeOfDay(quote.expiresAt)}` : ''}.{' '}
            {stay ? 'The stay leaves' : 'The flights leave'} the trip’s itinerary.
          </p>
        ) : null}
        {failure && <Alert tone="danger">{failure.message}</Alert>}
        <DialogActions>
          {cancelled ? (
            <Button variant="primary" onClick={onClose}>
              Close
            </Button>
          ) : (
            <>
              <Button variant="ghost" onClick={onClose}>
                Keep it
              </Button>
              {expired || (failure?.step === 'quote' && !quote) ? (
                <Button variant="primary" loading={step === 'quote'} onClick={() => void run('quote')}>
                  {expired ? 'Get a new quote' : 'Try again'}
                </Button>
              ) : (
                <Button
                  variant="danger"
                  loading={step === 'cancel'}
                  disabled={!quote || step === 'quote'}
                  onClick={() => void run('cancel')}
                >
                  Cancel the booking
                </Button>
              )}
            </>
          )}
        </DialogActions>
      </div>
    </Dialog>
  );
}
