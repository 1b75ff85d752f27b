import * as Sentry from '@sentry/nestjs';
import { initSentry } from '../src/common/observability/sentry';
import { FakeSentry } from './support/fake-sentry';
import { createTrip, registerOrganization, Session } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('Sentry error reporting (SENTRY_DSN)', () => {
  const sentry = new FakeSentry();
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    initSentry({ dsn: await sentry.start(), environment: 'test', release: 'nestmap@9.9.9-test' });
    t = await startTestApp();
    admin = await registerOrganization(t.api, { name: 'Grace Reporter' });
  });
  afterAll(async () => {
    await t.close();
    await Sentry.close(2000);
    await sentry.stop();
  });

  it('reports an unhandled error with the request id and release, and no personal data', async () => {
    const trip = await createTrip(t.api, admin, { title: 'Visit grace@customer.test' });
    // An unexpected failure whose message quotes the row, as PostgreSQL's messages can: a trigger
    // (say, left by a bad manual change) raising an error that quotes the purpose being written.
    await t.sql.query(`CREATE FUNCTION sentry_test_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'cannot store %', NEW.purpose; END $$`);
    await t.sql.query('CREATE TRIGGER sentry_test_boom BEFORE UPDATE ON trips FOR EACH ROW EXECUTE FUNCTION sentry_test_boom()');
    const response = await t.api.patch(
      `/api/trips/${trip.id}?email=${encodeURIComponent(admin.user.email)}`,
      { purpose: 'Secret plan of grace@customer.test' },
      { token: admin.accessToken },
    );
    await t.sql.query('DROP TRIGGER sentry_test_boom ON trips; DROP FUNCTION sentry_test_boom()');
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ statusCode: 500, message: 'Internal server error', error: 'Internal Server Error', requestId: expect.any(String) });

    await Sentry.flush(5000);
    const events = sentry.events();
    expect(events).toHaveLength(1);
    const [{ payload, raw }] = events;
    expect(payload.release).toBe('nestmap@9.9.9-test');
    expect(payload.environment).toBe('test');
    expect(payload.tags).toMatchObject({ requestId: response.body.requestId });
    // The database error arrives as its SQLSTATE and where it happened, with our stack frames.
    expect(payload.exception.values[0]).toMatchObject({ type: 'QueryFailedError', value: 'sqlstate P0001' });
    expect(payload.exception.values[0].stacktrace.frames.length).toBeGreaterThan(1);
    expect(sentry.envelopes[0].auth).toContain('sentry_key=public0123456789abcdef');
    for (const personal of [admin.user.email, 'grace@customer.test', admin.accessToken, admin.refreshToken, 'Secret plan', 'Grace Reporter']) {
      expect(raw).not.toContain(personal);
    }
  });

  it('does not report expected client errors (4xx)', async () => {
    const before = sentry.events().length;
    expect((await t.api.get('/api/trips/00000000-0000-4000-8000-000000000000', { token: admin.accessToken })).status).toBe(404);
    await Sentry.flush(2000);
    expect(sentry.events()).toHaveLength(before);
  });
});
