import { initialsOf, staleQueriesOf, type LiveEvent } from './live-events';

const event: LiveEvent = { id: 'e1', tripId: 't1', actorId: 'u1', occurredAt: '2026-12-06T08:00:00Z' };

describe('staleQueriesOf', () => {
  it('refetches the itinerary on an activity event, the trip on a trip event', () => {
    expect(staleQueriesOf('activity.updated', { ...event, activityId: 'a1' })).toEqual([['trips', 'itinerary', 't1']]);
    expect(staleQueriesOf('trip.approved', event)).toEqual([['trips', 'detail', 't1']]);
  });

  it("refetches a booking's trip, its bookings and its itinerary (confirmed flights join it)", () => {
    expect(staleQueriesOf('booking.confirmed', { ...event, bookingId: 'b1' })).toEqual([
      ['trips', 'bookings', 't1'],
      ['trips', 'detail', 't1'],
      ['trips', 'itinerary', 't1'],
    ]);
  });

  it("refetches the trip's comments, checklist, notes or people on a collaboration event", () => {
    expect(staleQueriesOf('comment.created', { ...event, commentId: 'c1' })).toEqual([
      ['collaboration', 't1', 'comments'],
    ]);
    expect(staleQueriesOf('checklist.updated', { ...event, itemId: 'i1' })).toEqual([
      ['collaboration', 't1', 'checklist'],
    ]);
    expect(staleQueriesOf('notes.updated', event)).toEqual([['collaboration', 't1', 'notes']]);
    expect(staleQueriesOf('collaborator.removed', event)).toEqual([
      ['collaboration', 't1', 'collaborators'],
      ['trips', 'detail', 't1'],
    ]);
  });

  it('refetches nothing for an event it does not know', () => {
    expect(staleQueriesOf('presence', event)).toEqual([]);
  });
});

describe('initialsOf', () => {
  it('takes the first and last word', () => {
    expect(initialsOf('Ada Lovelace')).toBe('AL');
    expect(initialsOf('  mia  van der manager ')).toBe('MM');
    expect(initialsOf('Cher')).toBe('C');
    expect(initialsOf(' ')).toBe('?');
  });
});
