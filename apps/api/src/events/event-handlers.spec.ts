import { EventHandlers } from './event-handlers';

describe('EventHandlers', () => {
  const handler = (name: string, events: ('trip.submitted' | 'trip.approved')[]) => ({
    name,
    events,
    handle: async () => undefined,
  });

  it('queues an event for every handler subscribed to its type, and for no other', () => {
    const handlers = new EventHandlers();
    handlers.subscribe(handler('audit', ['trip.submitted', 'trip.approved']));
    handlers.subscribe(handler('mail', ['trip.submitted']));
    expect(handlers.namesFor('trip.submitted')).toEqual(['audit', 'mail']);
    expect(handlers.namesFor('trip.approved')).toEqual(['audit']);
    expect(handlers.namesFor('trip.cancelled')).toEqual([]);
    expect(handlers.get('mail')?.name).toBe('mail');
  });

  it('refuses a second handler with the same name (rows find their handler by name)', () => {
    const handlers = new EventHandlers();
    handlers.subscribe(handler('audit', ['trip.submitted']));
    expect(() => handlers.subscribe(handler('audit', ['trip.approved']))).toThrow(/already subscribed/);
    expect(handlers.namesFor('trip.approved')).toEqual([]);
  });

  it('says so when no mail sender was registered', () => {
    expect(() => new EventHandlers().mailSender).toThrow(/No mail sender/);
  });
});
