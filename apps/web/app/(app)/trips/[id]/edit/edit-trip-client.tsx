'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { TripForm, type TripBody } from '@/components/trips/trip-form';
import { TripStatusBadge } from '@/components/trips/trip-status-badge';
import { Alert, Button, ButtonLink, Card, EmptyState, Loading, PageHeader } from '@/components/ui';
import { describeError, hasErrorCode, isStaleVersion } from '@/lib/api/api-error';
import { api, call } from '@/lib/api/client';
import { useTrip, useUpdateTrip, type Trip } from '@/lib/api/trips';
import { isEditable } from '@/lib/trips/lifecycle';
import { useDocumentTitle } from '@/components/shell/use-document-title';

interface Stale {
  /** The version this form started from. */
  mine: number;
  /** What is saved now (someone else's edit). */
  latest: Trip;
  /** What the user tried to save. */
  body: TripBody;
}

/** Editing a draft, with the optimistic-concurrency conflict explained and resolved in words. */
export function EditTripClient({ id }: { id: string }) {
  const router = useRouter();
  const trip = useTrip(id);
  const updateTrip = useUpdateTrip(id);
  /**
   * The version the form's values were read from; it travels with the save. Pinned at first load:
   * a background refetch must not quietly turn a stale edit into an overwrite.
   */
  const baseVersion = useRef<number | null>(null);
  const [stale, setStale] = useState<Stale | null>(null);
  const [resetTo, setResetTo] = useState<Trip | undefined>();

  useDocumentTitle(trip.data && `Edit “${trip.data.title}”`);

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
        {describeError(trip.error)}
      </EmptyState>
    );
  }

  baseVersion.current ??= trip.data.version;
  const version = baseVersion.current;
  const back = `/trips/${id}`;

  const save = async (body: TripBody, asVersion: number) => {
    try {
      await updateTrip.mutateAsync({ ...body, version: asVersion });
      router.push(`${back}?saved=1`);
    } catch (error) {
      if (isStaleVersion(error)) {
        const latest = await call(api.GET('/api/trips/{id}', { params: { path: { id } } }));
        setStale({ mine: asVersion, latest, body });
        return;
      }
      throw error;
    }
  };

  const notice = stale ? (
    <Alert
      tone="warning"
      title="Someone else changed this trip while you were editing"
      actions={
        <>
          <Button
            size="sm"
            onClick={() => {
              setResetTo(stale.latest);
              baseVersion.current = stale.latest.version;
              setStale(null);
            }}
          >
            Discard my changes and load theirs
          </Button>
          <Button
            size="sm"
            variant="primary"
            loading={updateTrip.isPending}
            onClick={() => save(stale.body, stale.latest.version)}
          >
            Save mine over theirs
          </Button>
        </>
      }
    >
      <p>
        Your changes were <strong>not saved</strong>: you started from version {stale.mine}, and the trip is now at
        version {stale.latest.version}
        {stale.latest.title !== stale.body.title ? ` (its title is now “${stale.latest.title}”)` : ''}. Load their
        version and apply your changes again, or save yours over theirs.
      </p>
    </Alert>
  ) : null;

  return (
    <>
      <PageHeader
        eyebrow={<Link href={back}>← {trip.data.title}</Link>}
        title="Edit trip"
        actions={<TripStatusBadge status={trip.data.status} />}
      />
      <Card>
        {isEditable(trip.data) ? (
          <TripForm
            initial={trip.data}
            resetTo={resetTo}
            submitLabel="Save changes"
            draftKey={`edit-trip:${id}`}
            notice={notice}
            onSubmit={(body) => save(body, version)}
            onCancel={() => router.push(back)}
          />
        ) : (
          <Alert
            tone="info"
            title="Only draft trips can be edited"
            actions={
              <ButtonLink href={back} size="sm">
                Back to the trip
              </ButtonLink>
            }
          >
            This trip is {trip.data.status}. Its details are fixed so approvers decide on what they saw; the itinerary
            stays open until the trip is over.
          </Alert>
        )}
      </Card>
    </>
  );
}
