import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The one access table seen over HTTP (docs/access.md): every trip response carries the caller's
 * `allowedActions`, and the API accepts exactly those — each route tried on a fresh trip in every
 * status, by every kind of caller, answers 2xx when the action is listed and 403/404/409 when not.
 */
describe('Trip access: allowedActions and what the API accepts', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let traveller: Session;
  let colleague: Session;
  let other: Session;

  // Far enough ahead that the travel policy's advance-notice rule has nothing to say.
  const DATES = { startDate: '2027-03-09', endDate: '2027-03-12' };
  const as = (session: Session) => ({ token: session.accessToken });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerOrganization(t.api);
    manager = await addMember(t.api, admin, 'manager', 'Mia Manager');
    traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    colleague = await addMember(t.api, admin, 'traveller', 'Cleo Colleague');
    other = await registerOrganization(t.api);
  });
  afterAll(() => t.close());

  type Status = 'draft' | 'submitted' | 'approved' | 'rejected' | 'completed' | 'cancelled';
  /** A colleague the trip is shared with (docs/collaboration.md), and as what. */
  type Collaborator = [Session, 'viewer' | 'editor'];

  /**
   * A trip of `owner` (with `coTravellers` on it) brought to `status`; decisions are taken by an
   * approver who neither owns it nor travels on it.
   */
  async function tripIn(
    owner: Session,
    status: Status,
    coTravellers: Session[] = [],
    collaborators: Collaborator[] = [],
  ): Promise<{ id: string; version: number }> {
    const coTravellerIds = coTravellers.map((session) => session.user.id);
    const trip = await createTrip(t.api, owner, { ...DATES, budget: undefined, coTravellerIds });
    const approver = owner === admin || coTravellers.includes(admin) ? manager : admin;
    const step = async (session: Session, action: string, reason?: string) => {
      const response = await t.api.post(`/api/trips/${trip.id}/${action}`, reason ? { reason } : {}, as(session));
      if (response.status !== 200) throw new Error(`${action}: ${response.status} ${response.text}`);
    };
    if (status === 'cancelled') await step(owner, 'cancel');
    if (status !== 'draft' && status !== 'cancelled') await step(owner, 'submit');
    if (status === 'approved' || status === 'completed') await step(approver, 'approve');
    if (status === 'rejected') await step(approver, 'reject', 'Too expensive');
    if (status === 'completed') await step(owner, 'complete');
    for (const [session, role] of collaborators) {
      const shared = await t.api.put(`/api/trips/${trip.id}/collaborators/${session.user.id}`, { role }, as(owner));
      if (shared.status !== 200) throw new Error(`share: ${shared.status} ${shared.text}`);
    }
    return (await t.api.get(`/api/trips/${trip.id}`, as(owner))).body;
  }

  const MANAGING: Record<Status, string[]> = {
    draft: ['view', 'edit', 'edit_itinerary', 'submit', 'book_travel', 'cancel', 'delete', 'comment', 'share'],
    submitted: ['view', 'edit_itinerary', 'book_travel', 'cancel', 'comment', 'share'],
    approved: ['view', 'edit_itinerary', 'book', 'book_travel', 'complete', 'cancel', 'comment', 'share'],
    rejected: ['view', 'revise', 'delete', 'comment', 'share'],
    completed: ['view', 'comment', 'share'],
    cancelled: ['view', 'delete', 'comment', 'share'],
  };
  const withDecide = (status: Status) =>
    status === 'submitted'
      ? ['view', 'edit_itinerary', 'decide', 'book_travel', 'cancel', 'comment', 'share']
      : MANAGING[status];

  describe('allowedActions per role and relation', () => {
    it.each(Object.keys(MANAGING) as Status[])('on a %s trip of a traveller', async (status) => {
      const trip = await tripIn(traveller, status);
      const read = (session: Session) => t.api.get(`/api/trips/${trip.id}`, as(session));
      expect((await read(traveller)).body.allowedActions).toEqual(MANAGING[status]);
      expect((await read(manager)).body.allowedActions).toEqual(withDecide(status));
      expect((await read(admin)).body.allowedActions).toEqual(withDecide(status));
      // A colleague and another organization do not see it at all.
      expect((await read(colleague)).status).toBe(404);
      expect((await read(other)).status).toBe(404);
    });

    it.each(Object.keys(MANAGING) as Status[])('on a %s trip with co-travellers', async (status) => {
      const trip = await tripIn(traveller, status, [colleague, manager]);
      const read = (session: Session) => t.api.get(`/api/trips/${trip.id}`, as(session));
      // A traveller on a colleague's trip sees it and may comment; nothing else.
      expect((await read(colleague)).body.allowedActions).toEqual(['view', 'comment']);
      // An approver travelling on it manages it like any trip of the organization, but never decides on it.
      expect((await read(manager)).body.allowedActions).toEqual(MANAGING[status]);
      expect((await read(admin)).body.allowedActions).toEqual(withDecide(status));
      expect((await read(other)).status).toBe(404);
    });

    it('never offers an approver a decision on their own trip, but a colleague approver may decide on it', async () => {
      const own = await tripIn(manager, 'submitted');
      expect((await t.api.get(`/api/trips/${own.id}`, as(manager))).body.allowedActions).toEqual(MANAGING.submitted);
      expect((await t.api.get(`/api/trips/${own.id}`, as(admin))).body.allowedActions).toEqual(withDecide('submitted'));
      const admins = await tripIn(admin, 'submitted');
      expect((await t.api.get(`/api/trips/${admins.id}`, as(admin))).body.allowedActions).toEqual(MANAGING.submitted);
      expect((await t.api.get(`/api/trips/${admins.id}`, as(manager))).body.allowedActions).toEqual(
        withDecide('submitted'),
      );
    });

    it('carries the same allowedActions in lists and in the answers of writes', async () => {
      const trip = await tripIn(traveller, 'draft');
      const listed = await t.api.get(`/api/trips?limit=100`, as(manager));
      expect(listed.body.items.find((item: { id: string }) => item.id === trip.id).allowedActions).toEqual(
        MANAGING.draft,
      );
      const submitted = await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller));
      expect(submitted.body.allowedActions).toEqual(MANAGING.submitted);
      const approvals = await t.api.get(`/api/trips?status=submitted&limit=100`, as(admin));
      expect(approvals.body.items.find((item: { id: string }) => item.id === trip.id).allowedActions).toEqual(
        withDecide('submitted'),
      );
    });
  });

  /** Each route, the permission it needs, and how to call it on a trip. */
  const ROUTES: {
    permission: string;
    label: string;
    call: (id: string, session: Session) => Promise<{ status: number }>;
  }[] = [
    {
      permission: 'edit',
      label: 'PATCH',
      call: (id, s) => t.api.patch(`/api/trips/${id}`, { purpose: 'Changed' }, as(s)),
    },
    {
      permission: 'edit_itinerary',
      label: 'POST activity',
      call: (id, s) =>
        t.api.post(
          `/api/trips/${id}/activities`,
          { title: 'Lunch', type: 'meal', startsAt: '2027-03-10T12:00:00+01:00' },
          as(s),
        ),
    },
    {
      permission: 'book_travel',
      label: 'POST flight search',
      call: (id, s) =>
        t.api.post(
          `/api/trips/${id}/flight-searches`,
          {
            slices: [
              {
                origin: 'FRA',
                destination: 'JFK',
                departureDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
              },
            ],
          },
          as(s),
        ),
    },
    {
      permission: 'book_travel',
      label: 'POST stay search',
      call: (id, s) =>
        t.api.post(
          `/api/trips/${id}/stay-searches`,
          {
            checkInDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
            checkOutDate: new Date(Date.now() + 61 * 86_400_000).toISOString().slice(0, 10),
            latitude: 52.52,
            longitude: 13.405,
          },
          as(s),
        ),
    },
    { permission: 'submit', label: 'submit', call: (id, s) => t.api.post(`/api/trips/${id}/submit`, {}, as(s)) },
    { permission: 'decide', label: 'approve', call: (id, s) => t.api.post(`/api/trips/${id}/approve`, {}, as(s)) },
    {
      permission: 'decide',
      label: 'reject',
      call: (id, s) => t.api.post(`/api/trips/${id}/reject`, { reason: 'No' }, as(s)),
    },
    { permission: 'revise', label: 'revise', call: (id, s) => t.api.post(`/api/trips/${id}/revise`, {}, as(s)) },
    { permission: 'complete', label: 'complete', call: (id, s) => t.api.post(`/api/trips/${id}/complete`, {}, as(s)) },
    { permission: 'cancel', label: 'cancel', call: (id, s) => t.api.post(`/api/trips/${id}/cancel`, {}, as(s)) },
    {
      permission: 'comment',
      label: 'POST comment',
      call: (id, s) => t.api.post(`/api/trips/${id}/comments`, { body: 'A thought' }, as(s)),
    },
    {
      permission: 'edit_itinerary',
      label: 'POST to-do',
      call: (id, s) => t.api.post(`/api/trips/${id}/checklist`, { title: 'Pack' }, as(s)),
    },
    {
      permission: 'share',
      label: 'POST share link',
      call: (id, s) => t.api.post(`/api/trips/${id}/share-links`, {}, as(s)),
    },
    { permission: 'delete', label: 'DELETE', call: (id, s) => t.api.delete(`/api/trips/${id}`, as(s)) },
  ];

  const CALLERS: [string, () => Session, () => Session, (() => Session[])?, (() => Collaborator[])?][] = [
    ['the traveller on their own trip', () => traveller, () => traveller],
    ['a manager on a traveller’s trip', () => traveller, () => manager],
    ['a manager on their own trip', () => manager, () => manager],
    ['an admin on a manager’s trip', () => manager, () => admin],
    ['a colleague traveller', () => traveller, () => colleague],
    ['a traveller travelling on a colleague’s trip', () => traveller, () => colleague, () => [colleague]],
    ['a manager travelling on a traveller’s trip', () => traveller, () => manager, () => [manager]],
    ['a viewer collaborator', () => traveller, () => colleague, () => [], () => [[colleague, 'viewer']]],
    ['an editor collaborator', () => traveller, () => colleague, () => [], () => [[colleague, 'editor']]],
    ['a manager who is a viewer collaborator', () => traveller, () => manager, () => [], () => [[manager, 'viewer']]],
  ];

  it.each(CALLERS)(
    'accepts exactly the allowed actions for %s',
    async (_label, ownerOf, callerOf, coOf = () => [], sharedOf = () => []) => {
      const mismatches: string[] = [];
      // Statuses side by side (each on its own trips); a refused request changes nothing, so a trip
      // serves the next route until one is accepted.
      const sweep = async (status: Status) => {
        let trip = await tripIn(ownerOf(), status, coOf(), sharedOf());
        for (const route of ROUTES) {
          const read = await t.api.get(`/api/trips/${trip.id}`, as(callerOf()));
          const allowed: string[] = read.status === 200 ? read.body.allowedActions : [];
          const answer = await route.call(trip.id, callerOf());
          const accepted = answer.status >= 200 && answer.status < 300;
          if (accepted) trip = await tripIn(ownerOf(), status, coOf(), sharedOf());
          const expectedRefusal = read.status === 404 ? [404] : [403, 409];
          if (
            accepted !== allowed.includes(route.permission) ||
            (!accepted && !expectedRefusal.includes(answer.status))
          ) {
            mismatches.push(`${route.label} on ${status}: ${answer.status}, allowedActions ${JSON.stringify(allowed)}`);
          }
        }
      };
      await Promise.all((Object.keys(MANAGING) as Status[]).map(sweep));
      expect(mismatches).toEqual([]);
    },
  );

  it('refuses a decision by who the caller is (403) before the status (409)', async () => {
    const own = await tripIn(traveller, 'draft');
    expect((await t.api.post(`/api/trips/${own.id}/approve`, {}, as(traveller))).status).toBe(403);
    expect((await t.api.post(`/api/trips/${own.id}/approve`, {}, as(manager))).status).toBe(409);
  });
});
