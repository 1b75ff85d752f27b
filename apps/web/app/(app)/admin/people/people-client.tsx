'use client';

import Link from 'next/link';
import { useState } from 'react';
import { PeopleMap, type PersonAway } from '@/components/map';
import { useUser } from '@/components/session/session-provider';
import { travellerName } from '@/components/trips/trip-list';
import { Card, EmptyState, LoadError, Loading, PageHeader } from '@/components/ui';
import { useTrips } from '@/lib/api/trips';
import { formatDateRange, formatDay, today } from '@/lib/time/zoned-time';
import styles from '../admin.module.css';

/** Duty of care: who is away today (approved or booked trips covering today) and where. */
export function PeopleClient() {
  const user = useUser();
  const now = today();
  const [selected, setSelected] = useState<string | null>(null);
  const trips = useTrips({ from: now, to: now, status: ['approved', 'booked'], limit: 100 });

  const items = trips.data?.items ?? [];
  const people: PersonAway[] = items
    .filter((trip) => trip.latitude !== null && trip.longitude !== null)
    .map((trip) => ({
      tripId: trip.id,
      name: travellerName(trip, user.id),
      destination: [trip.destination, trip.destinationCountry].filter(Boolean).join(', '),
      dates: formatDateRange(trip.startDate, trip.endDate),
      latitude: trip.latitude!,
      longitude: trip.longitude!,
    }));
  const unplaced = items.length - people.length;

  return (
    <>
      <PageHeader
        title="Where are my people"
        description={`Travellers on an approved or booked trip today, ${formatDay(now, undefined, true)}.`}
      />
      {trips.isError && <LoadError error={trips.error} onRetry={() => trips.refetch()} />}
      <div className={styles.peopleGrid}>
        <div className={styles.peopleMap}>
          <PeopleMap people={people} onSelect={setSelected} />
        </div>
        <Card title={trips.data ? `${items.length} away today` : 'Away today'} as="h2">
          {trips.isPending ? (
            <Loading />
          ) : items.length === 0 ? (
            <EmptyState icon="home" title="Nobody is travelling today">
              Travellers appear here, and on the map, on each day of an approved trip.
            </EmptyState>
          ) : (
            <ul className={styles.personList}>
              {items.map((trip) => (
                <li
                  key={trip.id}
                  className={[styles.person, selected === trip.id && styles.selected].filter(Boolean).join(' ')}
                >
                  <span className={styles.personName}>{travellerName(trip, user.id)}</span>
                  <span>
                    {[trip.destination, trip.destinationCountry].filter(Boolean).join(', ')} ·{' '}
                    {formatDateRange(trip.startDate, trip.endDate)}
                  </span>
                  <Link href={`/trips/${trip.id}`}>{trip.title}</Link>
                  {(trip.latitude === null || trip.longitude === null) && (
                    <span className={styles.bad}>No coordinates: not on the map.</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {unplaced > 0 && (
            <p className={styles.facts}>{unplaced} without coordinates are listed but not on the map.</p>
          )}
        </Card>
      </div>
    </>
  );
}
