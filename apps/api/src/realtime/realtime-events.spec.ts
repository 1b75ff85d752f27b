import type { DomainEvent, EventType } from '../events/event-map';
import { realtimeMessageOf } from './realtime-events';

const event = <T extends EventType>(type: T, payload: DomainEvent<T>['payload']): DomainEvent =>
  ({
    id: 'event-1',
    type,
    organizationId: 'org-1',
    actor: { id: 'user-1', role: 'traveller' },
    occurredAt: new Date('2026-12-06T08:00:00Z'),
    payload,
  }) as DomainEvent;

describe('realtimeMessageOf', () => {
  it("sends an itinerary change to the trip's room with ids and the version only", () => {
    expect(
      realtimeMessageOf(
        event('activity.updated', { tripId: 't1', activityId: 'a1', title: 'Secret dinner', version: 3 }),
      ),
    ).toEqual({
      rooms: ['trip:t1'],
      data: {
        tripId: 't1',
        activityId: 'a1',
        version: 3,
        id: 'event-1',
        actorId: 'user-1',
        occurredAt: '2026-12-06T08:00:00.000Z',
      },
    });
  });

  it("sends a booking's status without its amounts, passengers or flights", () => {
    const message = realtimeMessageOf(
      event('booking.confirmed', {
        bookingId: 'b1',
        tripId: 't1',
        tripTitle: 'Trip',
        bookerId: 'user-1',
        passengerIds: ['user-2'],
        supplier: 'sandbox',
        from: 'ordering',
        to: 'confirmed',
        amount: '812.40',
        currency: 'EUR',
        bookingReference: 'ABC123',
        flights: ['LH400 FRA → JFK'],
      }),
    );
    expect(message?.data).toEqual(expect.objectContaining({ tripId: 't1', bookingId: 'b1', status: 'confirmed' }));
    expect(JSON.stringify(message)).not.toMatch(/812|ABC123|LH400|user-2/);
  });

  it('sends nothing for an event that is not declared live', () => {
    expect(realtimeMessageOf(event('policy.updated', { version: 2, changed: ['budget'] }))).toBeUndefined();
  });
});
