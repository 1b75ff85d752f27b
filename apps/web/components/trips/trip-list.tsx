'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { Table, tableStyles } from '@/components/ui';
import type { Trip } from '@/lib/api/trips';
import { formatMoney } from '@/lib/trips/money';
import { formatDateRange } from '@/lib/time/zoned-time';
import styles from './trip-list.module.css';
import { TripStatusBadge } from './trip-status-badge';

export interface TripListProps {
  trips: Trip[];
  caption: string;
  /** Shows who travels (organization views). */
  showTraveller?: boolean;
  currentUserId?: string;
  /** Extra cell per row, e.g. approve/reject buttons. */
  actions?: (trip: Trip) => ReactNode;
}

/** Who travels, as the API names them in every trip ("You" for the caller's own). */
export function travellerName(trip: Pick<Trip, 'traveller'>, currentUserId?: string): string {
  return trip.traveller.id === currentUserId ? 'You' : trip.traveller.name;
}

/** Everyone on the trip, the lead first: "Traveller: You" or "Travellers: Lea Lead, You, Sam Second". */
export function travellersLabel(trip: Pick<Trip, 'traveller' | 'travellers'>, currentUserId?: string): string {
  const names = trip.travellers.map((traveller) => (traveller.id === currentUserId ? 'You' : traveller.name));
  return names.length > 1 ? `Travellers: ${names.join(', ')}` : `Traveller: ${travellerName(trip, currentUserId)}`;
}

export function TripList({ trips, caption, showTraveller, currentUserId, actions }: TripListProps) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <th scope="col">Trip</th>
          <th scope="col">Dates</th>
          {showTraveller && <th scope="col">Traveller</th>}
          <th scope="col">Budget</th>
          <th scope="col">Status</th>
          {actions && (
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {trips.map((trip) => (
          <tr key={trip.id} className={styles.row}>
            <td data-label="Trip">
              <div className={styles.titleCell}>
                <Link className={styles.title} href={`/trips/${trip.id}`}>
                  {trip.title}
                </Link>
                <span className={styles.destination}>
                  {[trip.destination, trip.destinationCountry].filter(Boolean).join(', ')}
                </span>
              </div>
            </td>
            <td data-label="Dates" className={tableStyles.nowrap}>
              {formatDateRange(trip.startDate, trip.endDate)}
            </td>
            {showTraveller && <td data-label="Traveller">{travellerName(trip, currentUserId)}</td>}
            <td data-label="Budget" className={tableStyles.muted}>
              {formatMoney(trip.budget) || '—'}
            </td>
            <td data-label="Status">
              <TripStatusBadge status={trip.status} />
            </td>
            {actions && (
              <td>
                <div className={tableStyles.actions}>{actions(trip)}</div>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
