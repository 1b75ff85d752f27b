'use client';

import type { Schemas } from '@nestmap/api-client';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { TripMap, type MapDay } from '@/components/map';
import { activityTimeLabel } from '@/components/itinerary/activity-card';
import { Logo } from '@/components/shell/logo';
import { Alert, EmptyState, Loading, PageHeader } from '@/components/ui';
import { hasErrorCode } from '@/lib/api/api-error';
import { api, call } from '@/lib/api/client';
import { groupByLocalDay, mapDaysOf, type Activity } from '@/lib/itinerary/itinerary-days';
import { formatDateRange, formatDay } from '@/lib/time/zoned-time';
import styles from './share.module.css';

type SharedActivity = Schemas['SharedActivityResponse'];

/**
 * The shared activities in the itinerary's shape, so the day grouping and the map read them as they
 * read a trip's own (the public answer has no ids, costs or notes: those stay empty here).
 */
function asActivity(activity: SharedActivity, index: number): Activity {
  return {
    ...activity,
    id: `shared-${index}`,
    tripId: '',
    notes: null,
    cost: null,
    bookingReference: null,
    position: index,
    version: 1,
    createdAt: '',
    updatedAt: '',
  } as Activity;
}

/** A trip through its share link, for people outside the company: the itinerary and the map. */
export function SharedTripPage({ token }: { token: string }) {
  const shared = useQuery({
    queryKey: ['shared-trip', token],
    queryFn: () => call(api.GET('/api/shared-trips/{token}', { params: { path: { token } } })),
    retry: false,
  });
  const days = useMemo(
    () => (shared.data ? groupByLocalDay(shared.data.activities.map(asActivity), shared.data) : []),
    [shared.data],
  );
  const mapDays: MapDay[] = useMemo(() => mapDaysOf(days, (date) => formatDay(date)), [days]);

  return (
    <main id="main" className={styles.page}>
      <span className={styles.brand}>
        <Logo />
        NestMap
      </span>
      {shared.isPending ? (
        <Loading label="Opening the shared trip…" />
      ) : shared.isError ? (
        hasErrorCode(shared.error, 'NOT_FOUND') ? (
          <EmptyState icon="compass" title="This link does not work">
            It may have expired or been revoked. Ask whoever sent it for a new one.
          </EmptyState>
        ) : (
          <Alert tone="danger" title="The trip could not be loaded">
            Please try again in a moment.
          </Alert>
        )
      ) : (
        <>
          <PageHeader
            title={shared.data.title}
            description={`${[shared.data.destination, shared.data.destinationCountry].filter(Boolean).join(', ')} · ${formatDateRange(shared.data.startDate, shared.data.endDate)}`}
          />
          <div className={styles.layout}>
            <div>
              {days.every((day) => day.activities.length === 0) ? (
                <EmptyState icon="calendar" title="Nothing planned yet" />
              ) : (
                days
                  .filter((day) => day.activities.length > 0)
                  .map((day) => (
                    <section key={day.date} className={styles.day} aria-labelledby={`day-${day.date}`}>
                      <h2 id={`day-${day.date}`} className={styles.dayTitle}>
                        {day.dayNumber ? `Day ${day.dayNumber} · ` : ''}
                        {formatDay(day.date)}
                      </h2>
                      <ul className={styles.list}>
                        {day.activities.map((activity) => (
                          <li key={activity.id} className={styles.activity}>
                            <span className={styles.time}>
                              {activityTimeLabel(activity, shared.data.timezone).time}
                            </span>
                            <span>
                              <strong>{activity.title}</strong>
                              {activity.locationName && <span className={styles.place}>{activity.locationName}</span>}
                            </span>
                          </li>
                        ))}
                      </ul>
                    </section>
                  ))
              )}
            </div>
            <div className={styles.map}>
              <TripMap
                destination={
                  shared.data.latitude !== null && shared.data.longitude !== null
                    ? {
                        name: shared.data.destination,
                        latitude: shared.data.latitude,
                        longitude: shared.data.longitude,
                      }
                    : null
                }
                days={mapDays}
                selectedDay={null}
                highlightedId={null}
                onSelectActivity={() => undefined}
              />
            </div>
          </div>
          <p className={styles.note}>
            A read-only view shared from NestMap. This link works until{' '}
            {formatDay(shared.data.expiresAt.slice(0, 10), undefined, true)}.
          </p>
        </>
      )}
    </main>
  );
}
