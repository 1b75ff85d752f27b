import { BookingStatusBadge, SupplierLabel } from '@/components/bookings/booking-badges';
import { Card } from '@/components/ui';
import type { Booking } from '@/lib/api/bookings';
import { bookingRoute } from '@/lib/flights/flight-offers';
import { formatMoney } from '@/lib/trips/money';
import styles from './flights.module.css';

/** The trip's flight bookings: status, route, booking reference and price. */
export function TripBookings({ bookings }: { bookings: Booking[] }) {
  if (bookings.length === 0) return null;
  return (
    <Card title="Bookings" aria-label="Bookings">
      <ul className={styles.bookings}>
        {bookings.map((booking) => (
          <li key={booking.id} className={styles.bookingRow}>
            <BookingStatusBadge status={booking.status} />
            <span className={styles.bookingRoute}>{bookingRoute(booking)}</span>
            <span>{booking.bookingReference ?? '—'}</span>
            <span>{formatMoney(booking.price)}</span>
            <SupplierLabel supplier={booking.supplier} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
