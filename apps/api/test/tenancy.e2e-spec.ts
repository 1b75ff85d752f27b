import { addMember, createTrip, registerOrganization, Session, uniqueEmail } from './support/factories';
import { collaborationFixtures } from './support/collaboration-fixtures';
import { bookedFlight } from './support/flight-fixtures';
import { staySearch } from './support/stay-fixtures';
import { startTestApp, TestApp } from './support/test-app';

type Schema = {
  type?: string;
  format?: string;
  example?: unknown;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  $ref?: string;
  allOf?: Schema[];
  items?: Schema;
};
interface Operation {
  security?: unknown[];
  'x-roles'?: string[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, unknown>;
}

/**
 * docs/security.md S1/S2, generated from the OpenAPI document so that new routes are covered without
 * anyone remembering to: every route with an id in its path is called by another organization's
 * admin on organization A's real objects, with a body valid for the route, and must answer 404;
 * every admin/manager-only route is refused to a traveller; every secured route is refused without
 * a token. A's rows are compared before and after. Role restrictions come from `x-roles`.
 */
describe('Tenancy and function-level authorization, from the OpenAPI document', () => {
  let t: TestApp;
  let admin: Session;
  let traveller: Session;
  let stranger: Session;
  let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerOrganization(t.api);
    traveller = await addMember(t.api, admin, 'traveller');
    stranger = await registerOrganization(t.api);
    const trip = await createTrip(t.api, admin);
    const activity = await t.api.post(
      `/api/trips/${trip.id}/activities`,
      { title: 'Meeting', type: 'meeting', startsAt: '2026-03-10T10:00:00+01:00' },
      { token: admin.accessToken },
    );
    const invitation = await t.api.post(
      '/api/organizations/current/invitations',
      { email: uniqueEmail() },
      { token: admin.accessToken },
    );
    // A sandbox flight search of the trip and a confirmed booking, for /flight-searches/{id} and /bookings/{id}.
    const flight = await bookedFlight(t.api, admin.accessToken, trip.id);
    ids = {
      trips: trip.id,
      activities: activity.body.id,
      members: traveller.user.id,
      users: traveller.user.id,
      invitations: invitation.body.id,
      'flight-searches': flight.searchId,
      'stay-searches': await staySearch(t.api, admin.accessToken, trip.id),
      bookings: flight.bookingId,
      ...(await collaborationFixtures(t, admin, traveller, trip.id)),
    };
    document = (await t.api.get('/api/docs-json')).body;
  });
  afterAll(() => t.close());

  const resolve = (schema: Schema): Schema => {
    if (schema.allOf?.length) return resolve(schema.allOf[0]);
    return schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()!] : schema;
  };

  /** A value the validators accept, from the schema's example, enum or format. */
  function sample(schema: Schema): unknown {
    const s = resolve(schema);
    if (s.example !== undefined) return s.example;
    if (s.enum) return s.enum[0];
    if (s.type === 'array') return [];
    if (s.type === 'boolean') return true;
    if (s.type === 'number' || s.type === 'integer') return 1;
    if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
    if (s.format === 'date') return '2026-03-10';
    if (s.properties) return body(s);
    return 'value';
  }

  /** Every documented property filled in, so validation passes and the route reaches its lookup. */
  function body(schema: Schema): Record<string, unknown> {
    const s = resolve(schema);
    return Object.fromEntries(Object.entries(s.properties ?? {}).map(([name, property]) => [name, sample(property)]));
  }

  /** Substitutes A's object ids into a templated path, choosing the id by the collection it follows. */
  function concrete(path: string): string {
    return path.replace(/\/([\w-]+)\/\{(\w+)\}/g, (_match, collection: string, param: string) => {
      // Not an object id: a statement's month (the caller's organization's own statement).
      if (param === 'month') return `/${collection}/2026-09`;
      const key = param === 'tripId' ? 'trips' : collection;
      if (!ids[key]) throw new Error(`no fixture id for ${path}`);
      return `/${collection}/${ids[key]}`;
    });
  }

  function operations(filter: (path: string, operation: Operation) => boolean): [string, string, Operation][] {
    return Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => filter(path, operation))
        .map(([method, operation]) => [method.toUpperCase(), path, operation] as [string, string, Operation]),
    );
  }

  async function snapshot(): Promise<unknown[]> {
    const tables = [
      'trips',
      'activities',
      'users',
      'invitations',
      'passenger_profiles',
      'bookings',
      'trip_collaborators',
      'comments',
      'checklist_items',
      'trip_notes',
      'share_links',
      'notifications',
    ];
    return Promise.all(
      tables.map(
        async (table) =>
          (
            await t.sql.query(`SELECT * FROM ${table} WHERE organization_id = $1 ORDER BY id`, [
              admin.user.organizationId,
            ])
          ).rows,
      ),
    );
  }

  it('answers 404 to another organization on every route with an object id, changing nothing', async () => {
    // Secret-address routes (a calendar feed, a share link) answer whoever holds the token, by design;
    // a month's statement is each organization's own (statements.e2e-spec.ts: another one's is empty).
    const routes = operations(
      (path) =>
        /\{\w+\}/.test(path) &&
        !path.includes('/calendar/{') &&
        !path.includes('/shared-trips/{') &&
        !path.includes('{month}'),
    );
    expect(routes.length).toBeGreaterThanOrEqual(14);
    const before = await snapshot();
    for (const [method, path, operation] of routes) {
      const schema = operation.requestBody?.content['application/json']?.schema;
      const response = await t.api.request(method, concrete(path), {
        token: stranger.accessToken,
        body: schema ? body(schema) : undefined,
      });
      expect({ route: `${method} ${path}`, status: response.status }).toEqual({
        route: `${method} ${path}`,
        status: 404,
      });
      for (const value of Object.values(ids)) expect(response.text.includes(value)).toBe(false);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a traveller every route whose x-roles leaves travellers out (403)', async () => {
    const routes = operations(
      (_path, operation) => operation['x-roles'] !== undefined && !operation['x-roles'].includes('traveller'),
    );
    expect(routes.length).toBeGreaterThanOrEqual(8);
    for (const [method, path, operation] of routes) {
      const schema = operation.requestBody?.content['application/json']?.schema;
      const response = await t.api.request(method, concrete(path), {
        token: traveller.accessToken,
        body: schema ? body(schema) : undefined,
      });
      expect({ route: `${method} ${path}`, status: response.status }).toEqual({
        route: `${method} ${path}`,
        status: 403,
      });
    }
  });

  it('refuses every secured route without a token (401)', async () => {
    const routes = operations((_path, operation) => (operation.security ?? []).length > 0);
    expect(routes.length).toBeGreaterThanOrEqual(25);
    for (const [method, path] of routes) {
      const response = await t.api.request(method, concrete(path));
      expect({ route: `${method} ${path}`, status: response.status }).toEqual({
        route: `${method} ${path}`,
        status: 401,
      });
    }
  });
});
