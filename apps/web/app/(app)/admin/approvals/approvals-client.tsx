'use client';

import { useState } from 'react';
import { useUser } from '@/components/session/session-provider';
import { TRIP_ACTION_DONE } from '@/components/trips/trip-actions';
import { Alert, Button, Card, EmptyState, Loading, PageHeader, Pagination } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { usePolicy } from '@/lib/api/organization';
import { useTrips } from '@/lib/api/trips';
import styles from '../admin.module.css';
import { ApprovalCard } from './approval-card';

/** Submitted trips, oldest departure first, each with the API's policy verdict, itinerary and the decision buttons. */
export function ApprovalsClient() {
  const user = useUser();
  const [page, setPage] = useState(1);
  const [done, setDone] = useState<string | null>(null);
  const trips = useTrips({ status: ['submitted'], sort: 'startDate', order: 'asc', page, limit: 20 });
  const policy = usePolicy();

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
            When a colleague submits a trip, it appears here with what the travel policy says about it. You are notified
            by e-mail too.
          </EmptyState>
        </Card>
      ) : (
        <div className={styles.stack}>
          {trips.data.items.map((trip) => (
            <ApprovalCard
              key={trip.id}
              trip={trip}
              userId={user.id}
              policy={policy.data}
              onDecided={(action) => setDone(`“${trip.title}”: ${TRIP_ACTION_DONE[action]}`)}
            />
          ))}
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
