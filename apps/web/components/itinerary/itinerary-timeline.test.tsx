import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { groupByLocalDay, type Activity } from '@/lib/itinerary/itinerary-days';
import { ItineraryTimeline, type ItineraryTimelineProps } from './itinerary-timeline';

function activity(id: string, overrides: Partial<Activity>): Activity {
  return {
    id,
    tripId: 't1',
    title: id,
    type: 'meeting',
    startsAt: '2026-03-10T09:00:00+09:00',
    endsAt: null,
    timezone: 'Asia/Tokyo',
    endTimezone: null,
    locationName: null,
    latitude: 35.68,
    longitude: 139.76,
    notes: null,
    cost: null,
    bookingReference: null,
    position: 0,
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

const trip = { startDate: '2026-03-09', endDate: '2026-03-11', timezone: 'Asia/Tokyo' };

function renderTimeline(activities: Activity[], overrides: Partial<ItineraryTimelineProps> = {}) {
  const props: ItineraryTimelineProps = {
    trip,
    activities,
    days: groupByLocalDay(activities, trip),
    conflicts: [],
    selectedDay: null,
    highlightedId: null,
    editable: true,
    editing: null,
    busy: false,
    defaults: { timezone: 'Asia/Tokyo', currency: 'JPY' },
    picking: false,
    pickedPoint: null,
    onSelectDay: jest.fn(),
    onSelectActivity: jest.fn(),
    onEdit: jest.fn(),
    onSave: jest.fn(),
    onLoadLatest: jest.fn(async () => null),
    onDelete: jest.fn(),
    onReorder: jest.fn(),
    onPickOnMap: jest.fn(),
    ...overrides,
  };
  render(<ItineraryTimeline {...props} />);
  return props;
}

describe('ItineraryTimeline', () => {
  it("shows each day of the trip with its activities at the destination's local times", () => {
    renderTimeline([
      activity('Workshop', { startsAt: '2026-03-10T09:30:00+09:00', endsAt: '2026-03-10T12:00:00+09:00' }),
      activity('Flight home', { startsAt: '2026-03-11T10:00:00+01:00', timezone: 'Europe/Berlin', type: 'flight' }),
    ]);
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Mon 9 MarDay 1',
      'Tue 10 MarDay 2',
      'Wed 11 MarDay 3',
    ]);
    const day2 = screen.getByRole('list', { name: 'Activities on Tue 10 Mar' });
    expect(within(day2).getByText('09:30 – 12:00')).toBeTruthy();
    // Outside the trip's zone, the time says which zone it is in.
    const day3 = screen.getByRole('list', { name: 'Activities on Wed 11 Mar' });
    expect(within(day3).getByText(/10:00/).textContent).toMatch(/10:00 (CET|GMT\+1)/);
    expect(screen.getByText('Nothing planned yet.')).toBeTruthy();
  });

  it('shows a conflict beside both activities and in the summary', () => {
    const a = activity('Lunch', { startsAt: '2026-03-10T12:00:00+09:00', endsAt: '2026-03-10T13:30:00+09:00' });
    const b = activity('Client call', { startsAt: '2026-03-10T13:00:00+09:00' });
    renderTimeline([a, b], {
      conflicts: [{ type: 'overlap', activityIds: [a.id, b.id], message: '“Lunch” overlaps “Client call”' }],
    });
    expect(screen.getByRole('alert').textContent).toContain('1 conflict in this itinerary');
    expect(screen.getAllByRole('note')).toHaveLength(2);
  });

  it('selects an activity when its card is clicked; times decide the order, so no move is offered between different times', () => {
    const a = activity('First', { startsAt: '2026-03-10T09:00:00+09:00' });
    const b = activity('Second', { startsAt: '2026-03-10T11:00:00+09:00' });
    const props = renderTimeline([a, b]);
    // Named by what it shows (label in name): time, then title.
    const card = screen.getByRole('button', { name: /^11:00\s*Second/ });
    expect(card.getAttribute('aria-label')).toBeNull();
    fireEvent.click(card);
    expect(props.onSelectActivity).toHaveBeenCalledWith(b.id);
    expect(screen.queryByRole('button', { name: /^Move/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sort by time' })).toBeNull();
  });

  it('reorders activities that start at the same time', () => {
    const a = activity('First', { startsAt: '2026-03-10T09:00:00+09:00' });
    const b = activity('Second', { startsAt: '2026-03-10T09:00:00+09:00' });
    const props = renderTimeline([a, b]);
    fireEvent.click(screen.getByRole('button', { name: 'Move “Second” up' }));
    expect(props.onReorder).toHaveBeenCalledWith([b.id, a.id]);
    expect((screen.getByRole('button', { name: 'Move “First” up' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a flight that lands in another zone with both zones', () => {
    renderTimeline([
      activity('FRA→EWR', {
        startsAt: '2026-03-10T10:00:00+01:00',
        endsAt: '2026-03-10T13:00:00-04:00',
        timezone: 'Europe/Berlin',
        endTimezone: 'America/New_York',
        type: 'flight',
      }),
    ]);
    const card = screen.getByRole('button', { name: /^10:00.*FRA→EWR/ });
    expect(card.textContent).toMatch(/10:00 (CET|GMT\+1) – 13:00 (EDT|GMT-4)/);
  });

  it('says so when the activity being edited was deleted elsewhere', () => {
    const props = renderTimeline([activity('Dinner', {})], { editing: { kind: 'edit', id: 'Gone' } });
    expect(screen.getByRole('alert').textContent).toContain('This activity was deleted elsewhere');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(props.onEdit).toHaveBeenCalledWith(null);
  });

  it('says "Nothing planned yet" under empty days only when the trip has activities (one empty state)', () => {
    renderTimeline([]);
    expect(screen.queryByText('Nothing planned yet.')).toBeNull();
  });

  it('asks before deleting', async () => {
    const props = renderTimeline([activity('Dinner', {})], { onDelete: jest.fn(async () => undefined) });
    fireEvent.click(screen.getByRole('button', { name: 'Delete “Dinner”' }));
    expect(props.onDelete).not.toHaveBeenCalled();
    fireEvent.click(
      within(screen.getByRole('group', { name: 'Confirm deletion' })).getByRole('button', { name: 'Delete' }),
    );
    expect(props.onDelete).toHaveBeenCalledWith('Dinner');
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Confirm deletion' })).toBeNull());
  });

  it('hides editing tools when the itinerary is closed', () => {
    renderTimeline([activity('Dinner', {})], { editable: false });
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /\+ Add/ })).toBeNull();
  });
});
