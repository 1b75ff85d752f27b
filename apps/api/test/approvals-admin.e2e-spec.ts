import { randomBytes } from 'node:crypto';
import { AuditExportService } from '../src/audit/audit-export.service';
import { AuditRepository } from '../src/audit/audit.repository';
import { backfillTripDecisions } from '../src/database/migrations/1796280000000-TripDecisionOnTrip';
import type { AuthContext } from '../src/common/auth/auth-context';
import { addMember, createTrip, registerOrganization, Session, uniqueEmail } from './support/factories';
import { drainOutbox } from './support/outbox';
import { startTestApp, TestApp } from './support/test-app';

/** Issue 8: decisions on the trip page, the invitation page's preview, and the audit log an admin can read. */
describe('Approvals, invitations and the audit log', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let traveller: Session;
  let other: Session;
  const as = (session: Session) => ({ token: session.accessToken });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerOrganization(t.api, { organizationName: 'Acme Travel' });
    manager = await addMember(t.api, admin, 'manager', 'Mia Manager');
    traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    other = await registerOrganization(t.api, { organizationName: 'Other Corp' });
  });
  afterAll(() => t.close());
  const auditActions = async (tripId: string) =>
    (await t.sql.query('SELECT action FROM audit_events WHERE entity_id = $1', [tripId])).rows.map(
      (row: { action: string }) => row.action,
    );

  describe('the decision on GET /api/trips/:id', () => {
    it('shows the traveller the rejection reason, who rejected and when; revise reopens it as a draft and keeps the decision', async () => {
      const trip = await createTrip(t.api, traveller, { title: 'Lisbon offsite' });
      const fresh = await t.api.get(`/api/trips/${trip.id}`, as(traveller));
      expect(fresh.body).toMatchObject({ submittedAt: null, decision: null });

      await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller));
      const rejected = await t.api.post(
        `/api/trips/${trip.id}/reject`,
        { reason: 'Book the cheaper hotel' },
        as(manager),
      );
      expect(rejected.status).toBe(200);
      // Read at once, the outbox undelivered: the trip row carries the decision, not the audit log.
      expect(await auditActions(trip.id)).toEqual([]);

      const seen = await t.api.get(`/api/trips/${trip.id}`, as(traveller));
      expect(seen.status).toBe(200);
      expect(seen.body.status).toBe('rejected');
      expect(seen.body.submittedAt).toEqual(expect.any(String));
      expect(seen.body.decision).toEqual({
        outcome: 'rejected',
        reason: 'Book the cheaper hotel',
        decidedBy: { id: manager.user.id, name: 'Mia Manager' },
        decidedAt: expect.any(String),
        automatic: false,
      });
      expect(Date.parse(seen.body.decision.decidedAt)).toBeGreaterThanOrEqual(Date.parse(seen.body.submittedAt));

      const revised = await t.api.post(`/api/trips/${trip.id}/revise`, {}, as(traveller));
      expect(revised.status).toBe(200);
      expect(revised.body.status).toBe('draft');
      expect(
        (await t.api.patch(`/api/trips/${trip.id}`, { title: 'Lisbon offsite (cheaper hotel)' }, as(traveller))).status,
      ).toBe(200);
      const draft = await t.api.get(`/api/trips/${trip.id}`, as(traveller));
      expect(draft.body.decision).toMatchObject({ outcome: 'rejected', reason: 'Book the cheaper hotel' });

      expect((await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller))).status).toBe(200);
      await t.api.post(`/api/trips/${trip.id}/approve`, { reason: 'Enjoy Lisbon' }, as(manager));
      const approved = await t.api.get(`/api/trips/${trip.id}`, as(traveller));
      expect(approved.body.decision).toMatchObject({
        outcome: 'approved',
        reason: 'Enjoy Lisbon',
        decidedBy: { name: 'Mia Manager' },
      });
      expect(Date.parse(approved.body.submittedAt)).toBeGreaterThan(Date.parse(seen.body.submittedAt));

      // The row and the audit log, once delivered, name the same instants (the step's transaction time).
      await drainOutbox(t);
      const recorded = await t.sql.query(
        `SELECT action, created_at FROM audit_events WHERE entity_id = $1 AND action IN ('trip.submitted', 'trip.approved') ORDER BY created_at DESC`,
        [trip.id],
      );
      expect(recorded.rows.slice(0, 2)).toEqual([
        { action: 'trip.approved', created_at: new Date(approved.body.decision.decidedAt) },
        { action: 'trip.submitted', created_at: new Date(approved.body.submittedAt) },
      ]);
      const mail = await t.sql.query(
        `SELECT text FROM outbox_messages WHERE "to" = $1 AND subject LIKE '%was approved' ORDER BY created_at DESC LIMIT 1`,
        [traveller.user.email],
      );
      expect(mail.rows[0].text).toContain('\n\nComment: Enjoy Lisbon');
    });

    it('revises only a rejected trip (409 otherwise) and hides the trip from another organization (404)', async () => {
      const trip = await createTrip(t.api, traveller);
      expect((await t.api.post(`/api/trips/${trip.id}/revise`, {}, as(traveller))).status).toBe(409);
      await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller));
      await t.api.post(`/api/trips/${trip.id}/reject`, { reason: 'No' }, as(manager));
      expect((await t.api.post(`/api/trips/${trip.id}/revise`, {}, as(other))).status).toBe(404);
      expect((await t.api.get(`/api/trips/${trip.id}`, as(other))).status).toBe(404);
    });
  });

  describe('the migration that moved decisions onto the trip row', () => {
    it('backfills each trip from the audit log and the undelivered outbox, as the audit-log read showed it', async () => {
      const never = await createTrip(t.api, traveller);
      const waiting = await createTrip(t.api, traveller);
      await t.api.post(`/api/trips/${waiting.id}/submit`, {}, as(traveller));
      const revised = await createTrip(t.api, traveller);
      await t.api.post(`/api/trips/${revised.id}/submit`, {}, as(traveller));
      await t.api.post(`/api/trips/${revised.id}/reject`, { reason: 'Too long' }, as(manager));
      await t.api.post(`/api/trips/${revised.id}/revise`, {}, as(traveller));
      await t.api.post(`/api/trips/${revised.id}/submit`, {}, as(traveller));
      const automatic = await createTrip(t.api, traveller);
      await t.api.post(`/api/trips/${automatic.id}/submit`, {}, as(traveller));
      await drainOutbox(t);
      // An automatic approval as the recorder writes it (this organization does not auto-approve).
      await t.sql.query(
        `INSERT INTO audit_events (organization_id, actor_id, action, entity_type, entity_id, data, created_at)
         VALUES ($1, $2, 'trip.approved', 'trip', $3, '{"from": "submitted", "to": "approved", "automatic": true}', now() + interval '1 second')`,
        [admin.user.organizationId, traveller.user.id, automatic.id],
      );
      // Approved with a comment, its event still in the outbox: no audit row yet.
      const pending = await createTrip(t.api, traveller);
      await t.api.post(`/api/trips/${pending.id}/submit`, {}, as(traveller));
      await drainOutbox(t);
      await t.api.post(`/api/trips/${pending.id}/approve`, { reason: 'Have fun' }, as(manager));
      expect(await auditActions(pending.id)).not.toContain('trip.approved');

      const ids = [never, waiting, revised, pending].map((trip) => trip.id);
      const read = (id: string) => t.api.get(`/api/trips/${id}`, as(traveller)).then((response) => response.body);
      const before = await Promise.all(ids.map(read));
      await t.sql.query(
        `UPDATE trips SET submitted_at = NULL, decision_outcome = NULL, decision_reason = NULL, decided_by_id = NULL,
                decided_at = NULL, decision_automatic = false WHERE id = ANY($1)`,
        [[...ids, automatic.id]],
      );
      await backfillTripDecisions(t.sql);

      expect(await Promise.all(ids.map(read))).toEqual(before);
      expect(
        before.map(({ submittedAt, decision }) => [
          submittedAt !== null,
          decision?.outcome ?? null,
          decision?.reason ?? null,
        ]),
      ).toEqual([
        [false, null, null],
        [true, null, null],
        [true, 'rejected', 'Too long'],
        [true, 'approved', 'Have fun'],
      ]);
      expect((await read(automatic.id)).decision).toEqual({
        outcome: 'approved',
        reason: null,
        decidedBy: { id: traveller.user.id, name: 'Tom Traveller' },
        decidedAt: expect.any(String),
        automatic: true,
      });
    });
  });

  describe('POST /api/invitations/peek', () => {
    const invite = async (email: string, role = 'manager') => {
      const response = await t.api.post('/api/organizations/current/invitations', { email, role }, as(admin));
      return {
        id: response.body.id as string,
        token: new URL(response.body.inviteUrl).pathname.split('/').pop() as string,
      };
    };
    const peek = (token: string) => t.api.post('/api/invitations/peek', { token });

    it('tells anyone holding the link the organization, e-mail, role and state, and nothing else', async () => {
      const email = uniqueEmail('invitee');
      const { token } = await invite(email);
      const response = await peek(token);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        organizationName: 'Acme Travel',
        email,
        role: 'manager',
        status: 'pending',
        expiresAt: expect.any(String),
      });
    });

    it('says when the link was used, revoked or expired', async () => {
      const used = await invite(uniqueEmail('used'), 'traveller');
      await t.api.post('/api/auth/accept-invitation', {
        token: used.token,
        name: 'Una Used',
        password: 'violet tractor umbrella 42',
      });
      expect((await peek(used.token)).body.status).toBe('accepted');

      const revoked = await invite(uniqueEmail('revoked'));
      await t.api.delete(`/api/organizations/current/invitations/${revoked.id}`, as(admin));
      expect((await peek(revoked.token)).body.status).toBe('revoked');

      const expired = await invite(uniqueEmail('expired'));
      await t.sql.query("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1", [expired.id]);
      expect((await peek(expired.token)).body.status).toBe('expired');
    });

    it('answers an unknown or malformed token with 404 / 400', async () => {
      const unknown = await peek(randomBytes(32).toString('base64url'));
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ statusCode: 404, message: 'Invitation not found' });
      expect((await t.api.post('/api/invitations/peek', {})).status).toBe(400);
      expect((await t.api.post('/api/invitations/peek', { token: 'x'.repeat(201) })).status).toBe(400);
    });
  });

  describe('the audit log', () => {
    let trip: { id: string };

    beforeAll(async () => {
      trip = await createTrip(t.api, traveller, { title: '=HYPERLINK("http://evil.test","x")' });
      await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller));
      await t.api.post(`/api/trips/${trip.id}/reject`, { reason: '+Too, "expensive"' }, as(manager));
      await t.api.patch(`/api/organizations/current/members/${traveller.user.id}`, { role: 'manager' }, as(admin));
      await t.api.patch(`/api/organizations/current/members/${traveller.user.id}`, { role: 'traveller' }, as(admin));
      await drainOutbox(t);
    });

    it('names the actor and the object of each event (trip title, member name)', async () => {
      const rejected = await t.api.get(`/api/audit?action=trip.rejected&entityId=${trip.id}`, as(admin));
      expect(rejected.status).toBe(200);
      expect(rejected.body.items).toEqual([
        expect.objectContaining({
          actorName: 'Mia Manager',
          entityName: '=HYPERLINK("http://evil.test","x")',
          entityType: 'trip',
        }),
      ]);
      const roles = await t.api.get(`/api/audit?action=member.role_changed&entityId=${traveller.user.id}`, as(admin));
      expect(roles.body.items.map((item: { data: { to: string } }) => item.data.to)).toEqual(['traveller', 'manager']);
      expect(roles.body.items[0]).toMatchObject({
        actorName: 'Ada Admin',
        entityName: 'Tom Traveller',
        entityType: 'user',
      });
      const invited = await t.api.get('/api/audit?action=invitation.created&limit=1', as(admin));
      expect(invited.body.items[0]).toMatchObject({
        entityType: 'invitation',
        entityName: expect.stringMatching(/@example\.com$/),
      });
    });

    it('keeps a deleted trip named by the title it had', async () => {
      const doomed = await createTrip(t.api, traveller, { title: 'Doomed trip' });
      expect((await t.api.delete(`/api/trips/${doomed.id}`, as(traveller))).status).toBe(204);
      await drainOutbox(t);
      const events = await t.api.get(`/api/audit?entityId=${doomed.id}`, as(admin));
      expect(events.body.items.map((item: { entityName: string }) => item.entityName)).toEqual([
        'Doomed trip',
        'Doomed trip',
      ]);
    });

    it('filters by a known action only (400 for a made-up one) and by a date range', async () => {
      expect((await t.api.get('/api/audit?action=trip.hacked', as(admin))).status).toBe(400);
      const future = await t.api.get('/api/audit?from=2999-01-01T00:00:00Z', as(admin));
      expect(future.body.total).toBe(0);
      const all = await t.api.get('/api/audit?from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z&limit=100', as(admin));
      expect(all.body.total).toBeGreaterThan(5);
    });

    it('exports CSV for admins with the same filters, neutralising spreadsheet formulas (S25)', async () => {
      const response = await t.api.get(`/api/audit/export.csv?entityId=${trip.id}`, as(admin));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toMatch(
        /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const lines = response.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe('time,action,actor,object type,object,from,to,reason,actor id,object id');
      expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual([
        'trip.rejected',
        'trip.submitted',
        'trip.created',
      ]);
      const rejected = lines[1];
      expect(rejected).toContain(
        ',Mia Manager,trip,"\'=HYPERLINK(""http://evil.test"",""x"")",submitted,rejected,"\'+Too, ""expensive""",',
      );
      // No cell of the file starts a formula.
      for (const line of lines) expect(line).not.toMatch(/(^|,)"?[=+\-@]/);
    });

    it('exports every event in the order of the list', async () => {
      const many = await t.api.get('/api/audit?limit=100', as(admin));
      const response = await t.api.get('/api/audit/export.csv', as(admin));
      const ids = response.text
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',').pop());
      expect(ids).toHaveLength(many.body.total);
      expect(ids).toEqual(many.body.items.map((item: { entityId: string }) => item.entityId));
    });

    it('reads large logs in batches without repeating or skipping events that share a millisecond', async () => {
      // Same millisecond, different microseconds: a cursor built from a JS Date would skip some.
      const ctx = { userId: admin.user.id, organizationId: admin.user.organizationId, role: 'admin' } as AuthContext;
      await t.sql.query(
        `INSERT INTO audit_events (organization_id, actor_id, action, entity_type, entity_id, data, created_at)
         SELECT $1, $2, 'trip.created', 'trip', gen_random_uuid(), '{}', '2001-01-01T00:00:00.123Z'::timestamptz + n * interval '1 microsecond'
         FROM generate_series(1, 7) AS n`,
        [ctx.organizationId, ctx.userId],
      );
      const filter = { from: '2001-01-01T00:00:00Z', to: '2001-01-02T00:00:00Z' };
      const seen: string[] = [];
      for await (const named of t.app.get(AuditRepository).each(ctx, filter, 3)) seen.push(named.event.id);
      const { rows } = await t.sql.query(
        "SELECT id FROM audit_events WHERE created_at < '2001-01-02' ORDER BY created_at DESC, id DESC",
      );
      expect(seen).toEqual(rows.map((row: { id: string }) => row.id));
    });

    it('refuses an export above the cap with a message to narrow it (422)', async () => {
      const ctx = { userId: admin.user.id, organizationId: admin.user.organizationId, role: 'admin' } as AuthContext;
      await expect(t.app.get(AuditExportService).csv(ctx, {}, 3)).rejects.toMatchObject({
        code: 'AUDIT_EXPORT_TOO_LARGE',
        message: expect.stringMatching(/Narrow the date range/),
      });
    });

    it('refuses the export to managers (403) and shows another organization none of these events', async () => {
      expect((await t.api.get('/api/audit/export.csv', as(manager))).status).toBe(403);
      const foreign = await t.api.get(`/api/audit/export.csv?entityId=${trip.id}`, as(other));
      expect(foreign.status).toBe(200);
      expect(foreign.text.trimEnd().split('\r\n')).toHaveLength(1);
      expect((await t.api.get(`/api/audit?entityId=${trip.id}`, as(other))).body.total).toBe(0);
    });
  });
});
