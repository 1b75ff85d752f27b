'use client';

import { useState } from 'react';
import { PagedList } from '@/components/admin/paged-list';
import { useUser } from '@/components/session/session-provider';
import { TRIP_ACTION_DONE } from '@/components/trips/trip-actions';
import { Alert, Card, EmptyState, PageHeader } from '@/components/ui';
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
      <PagedList
        query={trips}
        noun={{ one: 'trip', other: 'trips' }}
        onPageChange={setPage}
        loadingLabel="Loading the queue…"
        errorTitle="The queue could not be loaded"
        className={styles.stack}
        empty={
          <Card>
            <EmptyState icon="check" title="Nothing waits for approval">
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
