'use client';

import { useState } from 'react';
import { PagedList } from '@/components/admin/paged-list';
import { useUser } from '@/components/session/session-provider';
import { TRIP_ACTION_DONE } from '@/components/trips/trip-actions';
import { Alert, Card, EmptyState, LoadError, PageHeader } from '@/components/ui';
import { useBookings } from '@/lib/api/bookings';
import { useMemberDirectory, usePolicy } from '@/lib/api/organization';
import { useTrips } from '@/lib/api/trips';
import styles from '../admin.module.css';
import { ApprovalCard } from './approval-card';
import { BookingApprovalCard } from './booking-approval-card';

/**
 * Flight bookings waiting for approval (newest first, as the API lists them; shown only when there
 * are any), then submitted trips,
 * soonest departure first; each with the API's policy verdict and the decision buttons.
 */
export function ApprovalsClient() {
  const user = useUser();
  const [page, setPage] = useState(1);
  const [bookingsPage, setBookingsPage] = useState(1);
  const [done, setDone] = useState<string | null>(null);
  const trips = useTrips({ status: ['submitted'], sort: 'startDate', order: 'asc', page, limit: 20 });
  const bookings = useBookings({ status: ['pending_approval'], page: bookingsPage, limit: 20 });
  const policy = usePolicy();
  const hasBookings = bookings.isError || (bookings.data?.total ?? 0) > 0;
  const members = useMemberDirectory(hasBookings).data;

  return (
    <>
      <PageHeader
        title="Approvals"
        description="Flight bookings and trips waiting for your decision: bookings newest first, trips soonest departure first."
      />
      {done && (
        <div style={{ marginBottom: 'var(--space-4)' }}>
          <Alert tone="success">{done}</Alert>
        </div>
      )}
      {hasBookings && (
        <section aria-labelledby="approvals-bookings" className={styles.approvalSection}>
          <h2 id="approvals-bookings" className={styles.sectionTitle}>
            Flight bookings
          </h2>
          {bookings.isError ? (
            <LoadError
              title="The bookings waiting could not be loaded"
              error={bookings.error}
              onRetry={() => bookings.refetch()}
            />
          ) : (
            <PagedList
              query={bookings}
              noun={{ one: 'booking', other: 'bookings' }}
              onPageChange={setBookingsPage}
              className={styles.stack}
              empty={null}
            >
              {(items) =>
                items.map((booking) => (
                  <BookingApprovalCard
                    key={booking.id}
                    booking={booking}
                    userId={user.id}
                    members={members}
                    policy={policy.data}
                    onDecided={setDone}
                  />
                ))
              }
            </PagedList>
          )}
        </section>
      )}
      {hasBookings && <h2 className={styles.sectionTitle}>Trips</h2>}
      <PagedList
        query={trips}
        noun={{ one: 'trip', other: 'trips' }}
        onPageChange={setPage}
        loadingLabel="Loading the queue…"
        errorTitle="The queue could not be loaded"
        className={styles.stack}
        empty={
          <Card>
            <EmptyState icon="check" title={hasBookings ? 'No trip waits for approval' : 'Nothing waits for approval'}>
              When a colleague submits a trip, it appears here with what the travel policy says about it. You are
              notified by e-mail too.
            </EmptyState>
          </Card>
        }
      >
        {(items) =>
          items.map((trip) => (
            <ApprovalCard
              key={trip.id}
              trip={trip}
              userId={user.id}
              policy={policy.data}
              onDecided={(action) => setDone(`“${trip.title}”: ${TRIP_ACTION_DONE[action]}`)}
            />
          ))
        }
      </PagedList>
    </>
  );
}
