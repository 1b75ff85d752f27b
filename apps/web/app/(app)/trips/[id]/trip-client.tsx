'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { ItineraryTimeline, type Editing } from '@/components/itinerary/itinerary-timeline';
import { TripMap, type MapDay } from '@/components/map';
import { useUser } from '@/components/session/session-provider';
import { useDocumentTitle } from '@/components/shell/use-document-title';
import { CalendarActions } from '@/components/trips/calendar-actions';
import { TRIP_ACTION_DONE, TripActions } from '@/components/trips/trip-actions';
import { travellersLabel } from '@/components/trips/trip-list';
import { TripStatusBadge } from '@/components/trips/trip-status-badge';
import { TripDecisionPanel } from '@/components/trips/trip-decision-panel';
import { TripPolicyPanel } from '@/components/trips/trip-policy-panel';
import { TripPresence } from '@/components/trips/trip-presence';
import { Alert, Button, ButtonLink, EmptyState, Loading, PageHeader, WhenNearView } from '@/components/ui';
import { useCommentsLinked } from '@/components/collaboration/use-comments-linked';
import {
  useCreateActivity,
  useDeleteActivity,
  useItinerary,
  useReorderActivities,
  useUpdateActivity,
} from '@/lib/api/activities';
import { describeError, hasErrorCode } from '@/lib/api/api-error';
import { useCommentCounts } from '@/lib/api/collaboration';
import type { ActivityBody } from '@/lib/api/contract';
import { useDeleteTrip, useTrip } from '@/lib/api/trips';
import { groupByLocalDay, localDayOf, mapDaysOf, type Activity } from '@/lib/itinerary/itinerary-days';
import { isDeletable, isEditable, isItineraryOpen } from '@/lib/trips/lifecycle';
import { draftKeys } from '@/lib/forms/session-drafts';
import { formatMoney } from '@/lib/trips/money';
import { formatDateRange, formatDay, today } from '@/lib/time/zoned-time';
import styles from './trip.module.css';
import { initialDay, initialTripView, tripViewReducer } from './trip-view';

const ADD_FIRST_ACTIVITY = 'add-first-activity';

/** Comments, checklist, notes, people and share links: below the fold, loaded as the reader nears them. */
const TripCollaboration = dynamic(() => import('@/components/collaboration/trip-collaboration'), {
  ssr: false,
  loading: () => <Loading label="Loading comments and checklist…" />,
});

// The assistant loads when someone opens it: none of it is in the trip page's first load.
const AssistantPanel = dynamic(() => import('@/components/assistant/assistant-panel'), {
  ssr: false,
  loading: () => <Loading label="Opening the assistant…" />,
});

function reopenedActivityForm(tripId: string): Editing {
  const [key] = draftKeys(`activity:${tripId}:`);
  const [kind, value] = key?.slice(`activity:${tripId}:`.length).split(/:(.*)/) ?? [];
  if (kind === 'edit' && value) return { kind: 'edit', id: value };
  if (kind === 'new' && value) return { kind: 'new', date: value };
  return null;
}

/** The NestMap view: the trip, its day-by-day timeline and the map, each pointing at the other. */
export function TripClient({ id }: { id: string }) {
  const router = useRouter();
  const params = useSearchParams();
  const user = useUser();
  const commentsLinked = useCommentsLinked();
  const trip = useTrip(id);
  const itinerary = useItinerary(id);
  const commentCounts = useCommentCounts(id);
  const createActivity = useCreateActivity(id);
  const updateActivity = useUpdateActivity(id);
  const deleteActivity = useDeleteActivity(id);
  const reorder = useReorderActivities(id);
  const deleteTrip = useDeleteTrip(id);
  const [assistantOpen, setAssistantOpen] = useState(false);
  const closeAssistant = useCallback(() => setAssistantOpen(false), []);
  useDocumentTitle(trip.data?.title);

  const [view, dispatch] = useReducer(tripViewReducer, null, () =>
    initialTripView(params.get('created') ? 'created' : params.get('saved') ? 'saved' : null),
  );
  // An activity form that was open when the session ended opens again, with what was typed: after
  // hydration, as the server knows nothing of this tab's drafts.
  useEffect(() => {
    const reopened = reopenedActivityForm(id);
    if (reopened) dispatch({ type: 'edit', editing: reopened });
  }, [id]);
  const { highlightedId, editing, picking, pickedPoint, notice, actionError, confirmDelete } = view;
  /** The element id to focus once a deleted card has left the page. */
  const focusAfterDelete = useRef<string | null>(null);

  // The one-off notice stays on screen, not in the address: a reload or a shared link shows none.
  useEffect(() => {
    if (params.get('created') || params.get('saved')) router.replace(`/trips/${id}`, { scroll: false });
  }, [params, router, id]);

  const activities = useMemo(() => itinerary.data?.items ?? [], [itinerary.data]);
  const days = useMemo(() => (trip.data ? groupByLocalDay(activities, trip.data) : []), [activities, trip.data]);

  // Until the reader picks a day: today's when travelling, else the first with something planned.
  const selectedDay = view.selectedDay ?? (trip.data ? initialDay(days, today(trip.data.timezone ?? undefined)) : null);

  const mapDays: MapDay[] = useMemo(() => mapDaysOf(days, (date) => formatDay(date)), [days]);

  const selectActivity = useCallback(
    (activityId: string, from: 'map' | 'timeline') => {
      const activity = activities.find((a) => a.id === activityId);
      if (!activity) return;
      dispatch({ type: 'selectActivity', id: activityId, date: localDayOf(activity) });
      if (from === 'map')
        document.getElementById(`activity-${activityId}`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    },
    [activities],
  );

  useEffect(() => {
    if (!focusAfterDelete.current) return;
    const target = document.getElementById(focusAfterDelete.current);
    // A card is focused through its main button, which names it.
    (target?.tagName === 'LI' ? target.querySelector<HTMLElement>('button') : target)?.focus();
    focusAfterDelete.current = null;
  }, [activities]);

  const stopPicking = () => dispatch({ type: 'stopPicking' });
  useEffect(() => {
    if (!picking) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && dispatch({ type: 'stopPicking' });
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [picking]);

  if (trip.isPending) return <Loading label="Loading the trip…" />;
  if (trip.isError) {
    const missing = hasErrorCode(trip.error, 'NOT_FOUND');
    return (
      <EmptyState
        icon="compass"
        title={missing ? 'This trip does not exist' : 'The trip could not be loaded'}
        action={
          <>
            {!missing && <Button onClick={() => trip.refetch()}>Try again</Button>}
            <ButtonLink href="/trips">Back to my trips</ButtonLink>
          </>
        }
      >
        {missing ? 'It may have been deleted, or the link belongs to another organization.' : describeError(trip.error)}
      </EmptyState>
    );
  }

  const t = trip.data;
  const editable = isItineraryOpen(t);
  const defaults = {
    timezone: t.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    currency: t.budget?.currency ?? 'EUR',
  };
  const destination =
    t.latitude !== null && t.longitude !== null
      ? { name: t.destination, latitude: t.latitude, longitude: t.longitude }
      : null;
  const busy = reorder.isPending || deleteActivity.isPending;

  // The API keeps the itinerary in time order, so a new or retimed activity needs no reorder here.
  const save = async (body: ActivityBody, edit: { id: string; version: number } | null) => {
    const saved: Activity = edit
      ? await updateActivity.mutateAsync({ ...edit, body })
      : await createActivity.mutateAsync(body);
    dispatch({ type: 'saved', id: saved.id, date: localDayOf(saved) });
  };

  /** Re-reads the itinerary: the activity as saved now, or null when it was deleted elsewhere. */
  const loadLatest = async (activityId: string) => {
    const result = await itinerary.refetch();
    if (result.isError) throw result.error;
    return result.data?.items.find((a) => a.id === activityId) ?? null;
  };

  /** After a deletion, focus goes to the next card (or the previous, or the way to add one). */
  const removeActivity = async (activityId: string) => {
    const index = activities.findIndex((a) => a.id === activityId);
    const neighbour = activities[index + 1] ?? activities[index - 1];
    // Set before the itinerary re-renders without the card, which the deletion's refetch causes.
    focusAfterDelete.current = neighbour ? `activity-${neighbour.id}` : ADD_FIRST_ACTIVITY;
    try {
      await deleteActivity.mutateAsync(activityId);
    } catch (error) {
      focusAfterDelete.current = null;
      throw error;
    }
    dispatch({ type: 'deleted' });
  };

  const runAction = async (run: () => Promise<unknown>) => {
    dispatch({ type: 'actionError', message: null });
    try {
      await run();
    } catch (error) {
      dispatch({ type: 'actionError', message: describeError(error) });
    }
  };

  // A co-traveller finds the trip among their own trips, like its lead.
  const travelsOnIt = t.travellers.some((traveller) => traveller.id === user.id);

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={travelsOnIt ? '/trips' : '/admin/trips'}>
            ← {travelsOnIt ? 'My trips' : 'Organization trips'}
          </Link>
        }
        title={t.title}
        description={
          <div className={styles.facts}>
            <span>
              <strong>{[t.destination, t.destinationCountry].filter(Boolean).join(', ')}</strong>
            </span>
            <span>{formatDateRange(t.startDate, t.endDate)}</span>
            {t.budget && <span>Budget {formatMoney(t.budget)}</span>}
            <span>{travellersLabel(t, user.id)}</span>
            <TripStatusBadge status={t.status} />
          </div>
        }
        actions={<TripPresence tripId={t.id} userId={user.id} />}
      />

      <div className={styles.toolbar} role="toolbar" aria-label="Trip actions">
        <TripActions trip={t} onDone={(action) => dispatch({ type: 'notice', notice: `action:${action}` })} />
        {isEditable(t) && <ButtonLink href={`/trips/${t.id}/edit`}>Edit details</ButtonLink>}
        {t.allowedActions.includes('book_travel') && (
          <>
            <ButtonLink href={`/trips/${t.id}/flights`}>Book a flight</ButtonLink>
            <ButtonLink href={`/trips/${t.id}/stays`}>Book a hotel</ButtonLink>
          </>
        )}
        <Button aria-expanded={assistantOpen} onClick={() => setAssistantOpen(!assistantOpen)}>
          Assistant
        </Button>
        <span className={styles.spacer} />
        <CalendarActions tripId={t.id} title={t.title} />
        {isDeletable(t) &&
          (confirmDelete ? (
            <>
              <Button
                variant="danger"
                loading={deleteTrip.isPending}
                onClick={() =>
                  runAction(async () => {
                    await deleteTrip.mutateAsync();
                    router.push('/trips');
                  })
                }
              >
                Delete for good
              </Button>
              <Button variant="ghost" onClick={() => dispatch({ type: 'confirmDelete', confirm: false })}>
                Keep
              </Button>
            </>
          ) : (
            <Button variant="ghost" onClick={() => dispatch({ type: 'confirmDelete', confirm: true })}>
              Delete trip
            </Button>
          ))}
      </div>

      <div className={styles.notices}>
        {notice === 'created' && (
          <Alert tone="success" title="Trip created">
            Now build the itinerary: add flights, stays and meetings to each day. When it is ready, submit it for
            approval.
          </Alert>
        )}
        {notice === 'saved' && <Alert tone="success">Changes saved.</Alert>}
        {notice?.startsWith('action:') && (
          <Alert tone="success">{TRIP_ACTION_DONE[notice.slice(7) as keyof typeof TRIP_ACTION_DONE]}</Alert>
        )}
        {actionError && <Alert tone="danger">{actionError}</Alert>}
        <TripDecisionPanel trip={t} />
        <TripPolicyPanel trip={t} />
        {!editable && t.status !== 'rejected' && (
          <Alert tone="info">
            {t.travellerId !== user.id && travelsOnIt && !t.allowedActions.includes('edit')
              ? `You travel on this trip; ${t.traveller.name} plans it with the approvers.`
              : !travelsOnIt && !t.allowedActions.includes('share') && !['completed', 'cancelled'].includes(t.status)
                ? `${t.traveller.name} shared this trip with you to view and comment on.`
                : `This trip is ${t.status}: its itinerary can no longer change.`}
          </Alert>
        )}
      </div>

      {t.purpose && <p className={styles.purpose}>{t.purpose}</p>}

      <div className={styles.view}>
        <div className={styles.timelineColumn}>
          {itinerary.isPending ? (
            <Loading label="Loading the itinerary…" />
          ) : itinerary.isError ? (
            <Alert
              tone="danger"
              title="The itinerary could not be loaded"
              actions={
                <Button size="sm" onClick={() => itinerary.refetch()}>
                  Try again
                </Button>
              }
            >
              {describeError(itinerary.error)}
            </Alert>
          ) : (
            <>
              {activities.length === 0 && !editing && (
                <EmptyState
                  icon="calendar"
                  title="No activities yet"
                  action={
                    editable && (
                      <Button
                        id={ADD_FIRST_ACTIVITY}
                        variant="primary"
                        onClick={() =>
                          dispatch({ type: 'edit', editing: { kind: 'new', date: days[0]?.date ?? t.startDate } })
                        }
                      >
                        Add the first activity
                      </Button>
                    )
                  }
                >
                  {editable
                    ? 'Add flights, stays, meetings and meals to each day. Give them a place and they appear on the map, joined by the day’s route.'
                    : 'Nothing was planned for this trip.'}
                </EmptyState>
              )}
              {reorder.isError && <Alert tone="danger">{describeError(reorder.error)}</Alert>}
              {deleteActivity.isError && <Alert tone="danger">{describeError(deleteActivity.error)}</Alert>}
              <ItineraryTimeline
                trip={t}
                draftPrefix={`activity:${id}:`}
                activities={activities}
                days={days}
                conflicts={itinerary.data.conflicts}
                selectedDay={selectedDay}
                highlightedId={highlightedId}
                editable={editable}
                editing={editing}
                busy={busy}
                defaults={defaults}
                picking={picking}
                pickedPoint={pickedPoint}
                onSelectDay={(date) => dispatch({ type: 'selectDay', date })}
                onSelectActivity={(activityId) => selectActivity(activityId, 'timeline')}
                onEdit={(next) => dispatch({ type: 'edit', editing: next })}
                onSave={save}
                onLoadLatest={loadLatest}
                onDelete={removeActivity}
                onReorder={(ids) => reorder.mutate(ids)}
                onPickOnMap={() => dispatch({ type: 'togglePicking' })}
                commentCounts={commentCounts}
              />
            </>
          )}
        </div>
        <div className={styles.mapColumn}>
          <div className={styles.mapWrap}>
            {picking && (
              <div className={styles.mapHint} role="status">
                Click the map to place the activity
                <Button size="sm" variant="ghost" onClick={stopPicking} aria-label="Stop picking a point">
                  ✕
                </Button>
              </div>
            )}
            <TripMap
              destination={destination}
              days={mapDays}
              selectedDay={selectedDay}
              highlightedId={highlightedId}
              onSelectActivity={(activityId) => selectActivity(activityId, 'map')}
              onPick={picking ? (point) => dispatch({ type: 'picked', point }) : undefined}
            />
          </div>
        </div>
      </div>

      <WhenNearView label="Show comments, checklist and notes" now={commentsLinked}>
        <TripCollaboration trip={t} activities={activities} userId={user.id} />
      </WhenNearView>
      {assistantOpen && (
        <AssistantPanel
          trip={t}
          activities={activities}
          selectedDay={selectedDay}
          editable={editable}
          onAdded={(date) => dispatch({ type: 'selectDay', date })}
          onClose={closeAssistant}
        />
      )}
    </>
  );
}
