'use client';

import { useItinerary } from '@/lib/api/activities';
import { groupByLocalDay } from '@/lib/itinerary/itinerary-days';
import { formatClock, formatDay } from '@/lib/time/zoned-time';
import styles from './approvals.module.css';

const MAX_DAYS = 4;

/** What the trip plans, day by day, in a few lines: enough to decide without opening it. */
export function ItineraryPreview({ trip }: { trip: { id: string; startDate: string; endDate: string } }) {
  const itinerary = useItinerary(trip.id);
  if (itinerary.isPending) return <p className={styles.previewMuted}>Loading the itinerary…</p>;
  if (itinerary.isError)
    return <p className={styles.previewMuted}>The itinerary could not be loaded; open the trip to see it.</p>;
  const days = groupByLocalDay(itinerary.data.items, trip).filter((day) => day.activities.length > 0);
  if (days.length === 0) return <p className={styles.previewMuted}>No activities planned yet.</p>;
  const shown = days.slice(0, MAX_DAYS);
  return (
    <>
      <ul className={styles.preview} aria-label="Itinerary preview">
        {shown.map((day) => (
          <li key={day.date} className={styles.previewDay}>
            <span className={styles.previewDate}>{day.dayNumber ? `Day ${day.dayNumber}` : formatDay(day.date)}</span>
            <span className={styles.previewItems}>
              {day.activities
                .map((activity) => `${formatClock(activity.startsAt, activity.timezone)} ${activity.title}`)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ul>
      {days.length > shown.length && (
        <p className={styles.previewMuted}>
          and {days.length - shown.length} more {days.length - shown.length === 1 ? 'day' : 'days'}: open the trip to
          see them.
        </p>
      )}
    </>
  );
}
