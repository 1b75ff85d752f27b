import * as ical from 'node-ical';
import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const PAYLOAD = 'Inj\r\nATTENDEE:mailto:evil@x.test\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected';

/** The VEVENT uids of an .ics body, and whether any line of it (unfolded) is an injected property. */
function inspect(body: string): { uids: string[]; injectedLines: string[] } {
  const events = Object.values(ical.sync.parseICS(body)).filter((item) => item?.type === 'VEVENT') as ical.VEvent[];
  const lines = body.replace(/\r\n[ \t]/g, '').split(/\r\n|\r|\n/);
  return {
    uids: events.map((event) => event.uid).sort(),
    injectedLines: lines.filter((line) => /^(ATTENDEE|SUMMARY:injected)/.test(line)),
  };
}

describe('Calendar: no text field can inject events or attendees (issue 7 §4)', () => {
  let t: TestApp;
  let manager: Session;
  let traveller: Session;
  let trip: { id: string };
  let activity: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await registerOrganization(t.api);
    manager = await addMember(t.api, admin, 'manager', 'Mia Manager');
    traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    trip = await createTrip(t.api, traveller, { startDate: '2099-03-09', endDate: '2099-03-12' });
    const created = await t.api.post(
      `/api/trips/${trip.id}/activities`,
      {
        title: 'Dinner',
        type: 'meal',
        startsAt: '2099-03-10T19:00:00+01:00',
        locationName: 'Mitte',
        notes: 'n',
        bookingReference: 'b',
      },
      { token: traveller.accessToken },
    );
    expect(created.status).toBe(201);
    activity = created.body;
    // Written in SQL so the test holds whatever the API accepts at its edge: rows stored earlier,
    // or by another path, must be just as safe in a calendar.
    await t.sql.query('UPDATE trips SET title = $1::text, destination = $1::text, purpose = $1::text WHERE id = $2', [
      PAYLOAD,
      trip.id,
    ]);
    await t.sql.query(
      'UPDATE activities SET title = $1::text, location_name = $1::text, notes = $1::text, booking_reference = $2 WHERE id = $3',
      [PAYLOAD, PAYLOAD.slice(0, 100), activity.id],
    );
  });
  afterAll(() => t.close());

  it("GET /api/trips/:id/calendar.ics (a manager's download) has exactly the trip and its activity", async () => {
    const response = await t.api.get(`/api/trips/${trip.id}/calendar.ics`, { token: manager.accessToken });
    expect(response.status).toBe(200);
    expect(inspect(response.text)).toEqual({
      uids: [`${activity.id}@nestmap`, `trip-${trip.id}@nestmap`].sort(),
      injectedLines: [],
    });
    expect(response.text).toContain('X-WR-CALNAME:Inj\\nATTENDEE:mailto:evil@x.test\\nEND:VEVENT');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w-]+\.ics"$/);
  });

  it('the personal feed /api/calendar/<token>.ics has exactly the trip and its activity', async () => {
    const feed = await t.api.get('/api/calendar/feed', { token: traveller.accessToken });
    const response = await t.api.get(new URL(feed.body.url).pathname);
    expect(response.status).toBe(200);
    expect(inspect(response.text)).toEqual({
      uids: [`${activity.id}@nestmap`, `trip-${trip.id}@nestmap`].sort(),
      injectedLines: [],
    });
  });
});
