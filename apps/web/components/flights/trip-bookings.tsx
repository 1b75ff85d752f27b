'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import { BookingStatusBadge, PaymentLabel, SupplierLabel } from '@/components/bookings/booking-badges';
import { Button, Card } from '@/components/ui';
import type { Booking } from '@/lib/api/bookings';
import { bookingRoute } from '@/lib/flights/flight-offers';
import { formatMoney } from '@/lib/trips/money';
import { bookingRowId } from './cancel-booking-dialog';
import styles from './flights.module.css';

// The dialog's code loads when a cancellation starts, not with the page.
const CancelBookingDialog = dynamic(
  () => import('./cancel-booking-dialog').then((module) => module.CancelBookingDialog),
  {
    ssr: false,
  },
);

/** A trip's bookings (flights or stays): status, route or hotel, reference and price; cancelling one at a quote. */
export function TripBookings({ bookings }: { bookings: Booking[] }) {
  const [cancelling, setCancelling] = useState<Booking | null>(null);
  if (bookings.length === 0) return null;
  return (
    <Card title="Bookings" aria-label="Bookings">
      <ul className={styles.bookings}>
        {bookings.map((booking) => {
          const quoted = booking.status === 'cancellation_quoted' && booking.allowedActions.includes('cancel');
          const canCancel = quoted || booking.allowedActions.includes('quote_cancellation');
          return (
            <li key={booking.id} id={bookingRowId(booking)} tabIndex={-1} className={styles.bookingRow}>
              <BookingStatusBadge status={booking.status} />
              <span className={styles.bookingRoute}>{bookingRoute(booking)}</span>
              <span>{booking.bookingReference ?? '—'}</span>
              <span>{formatMoney(booking.price)}</span>
              <PaymentLabel payment={booking.payment} />
              <SupplierLabel supplier={booking.supplier} />
              {canCancel && (
                <Button size="sm" className={styles.bookingAction} onClick={() => setCancelling(booking)}>
                  {quoted ? 'Confirm the cancellation…' : 'Cancel booking…'}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {cancelling && (
        <CancelBookingDialog key={cancelling.id} booking={cancelling} onClose={() => setCancelling(null)} />
      )}
    </Card>
  );
}
