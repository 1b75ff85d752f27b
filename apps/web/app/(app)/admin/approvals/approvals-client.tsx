'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useUser } from '@/components/session/session-provider';
import { TRIP_ACTION_DONE, TripActions } from '@/components/trips/trip-actions';
import { travellerName } from '@/components/trips/trip-list';
import { Alert, Button, Card, EmptyState, Loading, PageHeader, Pagination } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { useMemberDirectory, usePolicy } from '@/lib/api/organization';
import { useTrips } from '@/lib/api/trips';
import { checkTripAgainstPolicy } from '@/lib/trips/policy-check';
import { formatMoney } from '@/lib/trips/money';
import { formatDateRange, today } from '@/lib/time/zoned-time';
import styles from '../admin.module.css';

/** Submitted trips, oldest departure first, each with its policy check and the decision buttons. */
export function ApprovalsClient() {
  const user = useUser();
  const [page, setPage] = useState(1);
  const [done, setDone] = useState<string | null>(null);
  const trips = useTrips({ status: ['submitted'], sort: 'startDate', order: 'asc', page, limit: 20 });
  const members = useMemberDirectory(true);
  const policy = usePolicy();
  const now = today();

  return (
    <>
      <PageHeader title="Approvals" description="Trips submitted by your colleagues, soonest departure first." />
      {done && (
        <div style={{ marginBottom: 'var(--space-4)' }}>
          <Alert tone="success">{done}</Alert>
        </div>
      )}
      {trips.isPending ? (
        <Loading label="Loading the queue…" />
      ) : trips.isError ? (
        <Alert
          tone="danger"
          title="The queue could not be loaded"
          actions={
            <Button size="sm" onClick={() => trips.refetch()}>
              Try again
            </Button>
          }
        >
          {describeError(trips.error)}
        </Alert>
      ) : trips.data.items.length === 0 ? (
        <Card>
          <EmptyState icon="check" title="Nothing waits for approval">
            When a colleague submits a trip, it appears here with its policy check. You are notified by e-mail too.
          </EmptyState>
        </Card>
      ) : (
        <div className={styles.stack}>
          {trips.data.items.map((trip) => {
            const check = policy.data ? checkTripAgainstPolicy(trip, policy.data, now) : null;
            const own = trip.travellerId === user.id;
            return (
              <Card key={trip.id} aria-label={trip.title}>
                <div className={styles.approval}>
                  <div>
                    <Link href={`/trips/${trip.id}`} className={styles.approvalTitle}>
                      {trip.title}
                    </Link>
                    <div className={styles.facts}>
                      <span>{travellerName(trip, members.data, user.id)}</span>
                      <span>{[trip.destination, trip.destinationCountry].filter(Boolean).join(', ')}</span>
                      <span>{formatDateRange(trip.startDate, trip.endDate)}</span>
                      {trip.budget && <span>{formatMoney(trip.budget)}</span>}
                    </div>
                    {trip.purpose && <p className={styles.purpose}>{trip.purpose}</p>}
                    {check && check.notes.length > 0 && (
                      <ul className={styles.notes} aria-label="Policy check">
                        {check.notes.map((note) => (
                          <li key={note.text} className={note.ok ? styles.ok : styles.bad}>
                            {note.ok ? '✓' : '!'} {note.text}
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                  <div className={styles.buttons}>
                    {own ? (
                      <span className={styles.facts}>Your own trip: another manager or admin decides.</span>
                    ) : (
                      <TripActions
                        trip={trip}
                        size="sm"
                        only={['approve', 'reject']}
                        onDone={(action) => setDone(`“${trip.title}”: ${TRIP_ACTION_DONE[action]}`)}
                      />
                    )}
                  </div>
                </div>
              </Card>
            );
          })}
          <Pagination
            page={trips.data.page}
            limit={trips.data.limit}
            total={trips.data.total}
            noun={{ one: 'trip', other: 'trips' }}
            onPageChange={setPage}
          />
        </div>
      )}
    </>
  );
}
