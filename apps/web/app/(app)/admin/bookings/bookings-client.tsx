'use client';

import Link from 'next/link';
import { useState } from 'react';
import { DayRangeFields, dayRangeError } from '@/components/admin/day-range-fields';
import { PagedTable } from '@/components/admin/paged-list';
import {
  BOOKING_STATUS,
  BookingStatusBadge,
  BookingVerdictBadge,
  PaymentLabel,
  SupplierLabel,
} from '@/components/bookings/booking-badges';
import { useUser } from '@/components/session/session-provider';
import { Button, Card, EmptyState, Field, PageHeader, Select, tableStyles } from '@/components/ui';
import { useBookings, type BookingStatus, type BookingsPage } from '@/lib/api/bookings';
import { useMemberDirectory, type Member } from '@/lib/api/organization';
import { firstDeparture, totalsByCurrency } from '@/lib/bookings/booking-summary';
import { bookingRoute } from '@/lib/flights/flight-offers';
import { countOf } from '@/lib/format/plural';
import { formatTimestamp, formatDay } from '@/lib/time/zoned-time';
import { formatMoney } from '@/lib/trips/money';
import styles from '../admin.module.css';

const PER_PAGE = 50;
const BOOKINGS = { one: 'booking', other: 'bookings' };

function nameOf(id: string, members: Map<string, Member> | undefined, userId: string): string {
  if (id === userId) return 'You';
  return members?.get(id)?.name ?? 'Former member';
}

/**
 * The API gives no totals for a filtered list, so these are the page's own, and say so: adding
 * up every page here would mean reading them all.
 */
function PageTotals({ page }: { page: BookingsPage }) {
  const totals = totalsByCurrency(page.items);
  return (
    <p className={styles.totals} aria-label="Totals on this page">
      <strong>{totals.length ? totals.map((total) => formatMoney(total)).join(' + ') : 'Nothing spent'}</strong>{' '}
      <span>
        on this page ({countOf(page.items.length, BOOKINGS)}
        {page.total > page.items.length ? ` of ${page.total}` : ''}, per currency; rejected, failed and cancelled
        bookings not counted)
      </span>
    </p>
  );
}

/** The organization's flight bookings, newest first, for managers and admins. */
export function BookingsClient() {
  const user = useUser();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<BookingStatus | ''>('');
  const [bookerId, setBookerId] = useState('');
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const rangeError = dayRangeError(fromDay, toDay);
  const bookings = useBookings({
    page,
    limit: PER_PAGE,
    status: status ? [status] : undefined,
    bookerId: bookerId || undefined,
    ...(rangeError ? {} : { from: fromDay || undefined, to: toDay || undefined }),
  });
  const members = useMemberDirectory(true).data;
  const filtered = Boolean(status || bookerId || fromDay || toDay);

  const change =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };

  return (
    <>
      <PageHeader
        title="Bookings"
        description="Flights booked in your organization, newest first: what they cost and what the travel policy said."
      />
      <Card>
        <form
          className={`${styles.filters} ${styles.auditFilters}`}
          role="search"
          aria-label="Filter the bookings"
          onSubmit={(event) => event.preventDefault()}
        >
          <Field label="Status">
            <Select value={status} onChange={(event) => change(setStatus)(event.target.value as BookingStatus | '')}>
              <option value="">Any status</option>
              {Object.entries(BOOKING_STATUS).map(([value, { label }]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Booked by">
            <Select value={bookerId} onChange={(event) => change(setBookerId)(event.target.value)}>
              <option value="">Anyone</option>
              {[...(members?.values() ?? [])]
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((member) => (
                  <option key={member.id} value={member.id}>
                    {member.name}
                  </option>
                ))}
            </Select>
          </Field>
          <DayRangeFields
            from={fromDay}
            to={toDay}
            onFromChange={change(setFromDay)}
            onToChange={change(setToDay)}
            labels={{ from: 'Booked from', to: 'Booked until' }}
          />
          {filtered && (
            <Button
              variant="ghost"
              onClick={() => {
                setStatus('');
                setBookerId('');
                setFromDay('');
                setToDay('');
                setPage(1);
              }}
            >
              Clear
            </Button>
          )}
        </form>
        {bookings.data && bookings.data.items.length > 0 && <PageTotals page={bookings.data} />}
        <PagedTable
          query={bookings}
          caption="Bookings"
          noun={BOOKINGS}
          onPageChange={setPage}
          loadingLabel="Loading the bookings…"
          errorTitle="The bookings could not be loaded"
          empty={
            <EmptyState icon="log" title={filtered ? 'No booking matches' : 'No flight booked yet'}>
              {filtered
                ? 'Try another status, person or dates, or clear the filters.'
                : 'Flights booked from a trip’s page appear here, with their price and policy verdict.'}
            </EmptyState>
          }
          columns={
            <>
              <th scope="col">Booked</th>
              <th scope="col">Route</th>
              <th scope="col">Travellers</th>
              <th scope="col">Status</th>
              <th scope="col">Reference</th>
              <th scope="col">Price</th>
              <th scope="col">Payment</th>
              <th scope="col">Policy</th>
              <th scope="col">Supplier</th>
            </>
          }
          row={(booking) => {
            const departure = firstDeparture(booking);
            return (
              <tr key={booking.id}>
                <td data-label="Booked" className={tableStyles.muted}>
                  <span className={tableStyles.nowrap}>{formatTimestamp(booking.createdAt)}</span>
                  <br />
                  by {nameOf(booking.bookedBy.id, members, user.id)}
                </td>
                <td data-label="Route">
                  <Link href={`/trips/${booking.tripId}`} className={tableStyles.nowrap}>
                    {bookingRoute(booking)}
                  </Link>
                  {departure && (
                    <div className={tableStyles.muted}>departs {formatDay(departure, undefined, true)}</div>
                  )}
                </td>
                <td data-label="Travellers">
                  {booking.passengerIds.map((id) => nameOf(id, members, user.id)).join(', ')}
                </td>
                <td data-label="Status">
                  <BookingStatusBadge status={booking.status} />
                </td>
                <td data-label="Reference" className={styles.code}>
                  {booking.bookingReference ?? '—'}
                </td>
                <td data-label="Price" className={tableStyles.nowrap}>
                  {formatMoney(booking.price)}
                </td>
                <td data-label="Payment">
                  <PaymentLabel payment={booking.payment} />
                </td>
                <td data-label="Policy">
                  <BookingVerdictBadge booking={booking} />
                </td>
                <td data-label="Supplier">
                  <SupplierLabel supplier={booking.supplier} />
                </td>
              </tr>
            );
          }}
        />
      </Card>
    </>
  );
}
