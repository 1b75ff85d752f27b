'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { useRole, useUser } from '@/components/session/session-provider';
import { travellerName } from '@/components/trips/trip-list';
import { TripStatusBadge } from '@/components/trips/trip-status-badge';
import { Alert, Button, ButtonLink, Card, EmptyState, LoadError, Loading, PageHeader } from '@/components/ui';
import { usePolicy } from '@/lib/api/organization';
import { useCreateTrip, useTrips, type Trip } from '@/lib/api/trips';
import { daysBetween, formatDateRange, today } from '@/lib/time/zoned-time';
import styles from './dashboard.module.css';

// Opened on demand: the form and its validation library stay out of the dashboard's first load.
const TripForm = dynamic(() => import('@/components/trips/trip-form').then((module) => module.TripForm), {
  loading: () => <Loading label="Opening the form…" />,
});
const TripPlanner = dynamic(() => import('@/components/assistant/trip-planner'), {
  ssr: false,
  loading: () => <Loading label="Opening the assistant…" />,
});

function when(trip: Trip, now: string): string {
  if (trip.startDate <= now && trip.endDate >= now) return 'Travelling now';
  const days = daysBetween(now, trip.startDate);
  return days === 1 ? 'Tomorrow' : `In ${days} days`;
}

function TripItems({ trips, now, names }: { trips: Trip[]; now: string; names?: (trip: Trip) => string }) {
  return (
    <ul className={styles.list}>
      {trips.map((trip) => (
        <li key={trip.id} className={styles.tripItem}>
          <div className={styles.tripText}>
            <Link href={`/trips/${trip.id}`} className={styles.tripTitle}>
              {trip.title}
            </Link>
            <span className={styles.tripMeta}>
              {names && `${names(trip)} · `}
              {trip.destination} · {formatDateRange(trip.startDate, trip.endDate)} ·{' '}
              <span className={trip.startDate <= now ? styles.now : undefined}>{when(trip, now)}</span>
            </span>
          </div>
          <TripStatusBadge status={trip.status} />
        </li>
      ))}
    </ul>
  );
}

export function DashboardClient() {
  const user = useUser();
  const { canManage } = useRole();
  const router = useRouter();
  const params = useSearchParams();
  const now = today();
  const [quickCreate, setQuickCreate] = useState(false);
  const [planning, setPlanning] = useState(false);
  const upcoming = useTrips({
    travellerId: user.id,
    from: now,
    status: ['draft', 'submitted', 'approved', 'booked'],
    sort: 'startDate',
    order: 'asc',
    limit: 5,
  });
  const waiting = useTrips(
    { status: ['submitted'], sort: 'startDate', order: 'asc', limit: 20 },
    { enabled: canManage },
  );
  const policy = usePolicy();
  const createTrip = useCreateTrip();
  const forMe = (waiting.data?.items ?? []).filter((trip) => trip.allowedActions.includes('decide'));

  return (
    <>
      <PageHeader
        title={`Hello, ${user.name.split(' ')[0]}`}
        description="Your trips at a glance."
        actions={
          <>
            {!planning && <Button onClick={() => setPlanning(true)}>Plan with the assistant</Button>}
            {!quickCreate && (
              <Button variant="primary" onClick={() => setQuickCreate(true)}>
                Plan a trip
              </Button>
            )}
          </>
        }
      />
      {params.get('welcome') && (
        <div className={styles.welcome}>
          <Alert tone="success" title="Welcome to NestMap">
            {user.role === 'admin'
              ? 'Your organization is ready. Plan a trip, invite colleagues from Admin → Invitations, and set your travel policy.'
              : user.role === 'manager'
                ? 'You are in as a manager: trips your colleagues submit wait for you on the right and in Admin → Approvals.'
                : 'You are in. Plan your first trip; your approver is notified when you submit it.'}
          </Alert>
        </div>
      )}
      <div className={styles.grid}>
        <div className={styles.column}>
          {planning && (
            <Card
              title="Plan with the assistant"
              description="One sentence; you check the draft before anything is saved."
            >
              <TripPlanner onCancel={() => setPlanning(false)} />
            </Card>
          )}
          {quickCreate && (
            <Card title="Plan a trip" description="Where and when; the itinerary comes next.">
              <TripForm
                submitLabel="Create trip"
                defaultCurrency={policy.data?.currency ?? 'EUR'}
                onSubmit={async (body) => {
                  const trip = await createTrip.mutateAsync(body);
                  router.push(`/trips/${trip.id}?created=1`);
                }}
                onCancel={() => setQuickCreate(false)}
              />
            </Card>
          )}
          <Card
            title="Current and upcoming trips"
            actions={
              <ButtonLink href="/trips" size="sm" variant="ghost">
                All my trips
              </ButtonLink>
            }
          >
            {upcoming.isPending ? (
              <Loading />
            ) : upcoming.isError ? (
              <LoadError error={upcoming.error} onRetry={() => upcoming.refetch()} />
            ) : upcoming.data.items.length === 0 ? (
              <EmptyState
                icon="meeting"
                title="Nothing coming up"
                action={
                  !quickCreate && (
                    <Button variant="primary" onClick={() => setQuickCreate(true)}>
                      Plan a trip
                    </Button>
                  )
                }
              >
                Plan a trip to see it here, with its dates and approval status.
              </EmptyState>
            ) : (
              <TripItems trips={upcoming.data.items} now={now} />
            )}
          </Card>
        </div>
        <div className={styles.column}>
          {canManage && (
            <Card
              title="Waiting for your approval"
              actions={
                <ButtonLink href="/admin/approvals" size="sm" variant="ghost">
                  Approvals queue
                </ButtonLink>
              }
            >
              {waiting.isPending ? (
                <Loading />
              ) : waiting.isError ? (
                <LoadError error={waiting.error} onRetry={() => waiting.refetch()} />
              ) : forMe.length === 0 ? (
                <EmptyState icon="check" title="You are all caught up">
                  Trips your colleagues submit appear here for you to approve or reject.
                </EmptyState>
              ) : (
                <TripItems trips={forMe.slice(0, 5)} now={now} names={(trip) => travellerName(trip, user.id)} />
              )}
            </Card>
          )}
          <Card title="Good to know">
            <ul className={styles.list}>
              <li className={styles.tripItem}>
                <span className={styles.tripMeta}>
                  Submit a trip when its itinerary is ready: a manager approves it, and you receive an e-mail.
                </span>
              </li>
              <li className={styles.tripItem}>
                <span className={styles.tripMeta}>
                  On a trip page, “Subscribe” gives you one calendar address for all your trips.
                </span>
              </li>
            </ul>
          </Card>
        </div>
      </div>
    </>
  );
}
