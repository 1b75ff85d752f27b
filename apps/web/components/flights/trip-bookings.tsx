import { Badge, Card, type Tone } from '@/components/ui';
import type { Booking } from '@/lib/api/flights';
import { bookingRoute } from '@/lib/flights/flight-offers';
import { formatMoney } from '@/lib/trips/money';
import styles from './flights.module.css';

const STATUS: Record<Booking['status'], { label: string; tone: Tone }> = {
  pending_approval: { label: 'Waiting for approval', tone: 'warning' },
  approved: { label: 'Approved', tone: 'info' },
  rejected: { label: 'Rejected', tone: 'danger' },
  ordering: { label: 'Booking…', tone: 'info' },
  confirmed: { label: 'Confirmed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  cancellation_quoted: { label: 'Cancellation quoted', tone: 'warning' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  changed_by_airline: { label: 'Changed by the airline', tone: 'warning' },
};

/** The trip's flight bookings: status, route, booking reference and price. */
export function TripBookings({ bookings }: { bookings: Booking[] }) {
  if (bookings.length === 0) return null;
  return (
    <Card title="Bookings" aria-label="Bookings">
      <ul className={styles.bookings}>
        {bookings.map((booking) => (
          <li key={booking.id} className={styles.bookingRow}>
            <Badge tone={STATUS[booking.status].tone}>{STATUS[booking.status].label}</Badge>
            <span className={styles.bookingRoute}>{bookingRoute(booking)}</span>
            <span>{booking.bookingReference ?? '—'}</span>
            <span>{formatMoney(booking.price)}</span>
            {booking.supplier === 'sandbox' && <span className={styles.sandboxTag}>Sandbox</span>}
          </li>
        ))}
      </ul>
    </Card>
  );
}
