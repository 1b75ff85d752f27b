'use client';

import { useCollaborators } from '@/lib/api/collaboration';
import type { Trip } from '@/lib/api/trips';
import type { Activity } from '@/lib/itinerary/itinerary-days';
import { ChecklistCard } from './checklist-card';
import styles from './collaboration.module.css';
import { CollaboratorsCard } from './collaborators-card';
import { CommentsCard, type Person } from './comments-card';
import { NotesCard } from './notes-card';
import { ShareLinksCard } from './share-links-card';

/**
 * Working on a trip together (docs/collaboration.md): people, comments, checklist, notes and share
 * links. Loaded lazily below the itinerary, so the trip page's first paint does not wait for it.
 */
export default function TripCollaboration({
  trip,
  activities,
  userId,
}: {
  trip: Trip;
  activities: Activity[];
  userId: string;
}) {
  const collaborators = useCollaborators(trip.id);
  // Whoever can see the trip can be mentioned or assigned: its travellers and its collaborators.
  const people: Person[] = [
    ...trip.travellers,
    ...(collaborators.data?.items.map(({ userId: id, name }) => ({ id, name })) ?? []),
  ];
  const canShare = trip.allowedActions.includes('share');
  const canPlan = trip.allowedActions.includes('edit_itinerary');

  return (
    <section aria-label="Collaboration" className={styles.grid}>
      <CommentsCard tripId={trip.id} activities={activities} people={people} userId={userId} />
      <ChecklistCard tripId={trip.id} people={people} userId={userId} canPlan={canPlan} />
      <NotesCard tripId={trip.id} canPlan={canPlan} />
      <CollaboratorsCard tripId={trip.id} canShare={canShare} />
      {canShare && <ShareLinksCard tripId={trip.id} />}
    </section>
  );
}
