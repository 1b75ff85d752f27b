import { randomUUID } from 'node:crypto';
import { addMember, registerOrganization, Session, uniqueEmail } from './support/factories';
import { drainOutbox } from './support/outbox';
import { startTestApp, TestApp } from './support/test-app';

const POLICY = {
  allowedCabinClasses: ['economy', 'business'],
  currency: 'USD',
  maxFlightFare: '1200.00',
  maxHotelNightlyRate: '250.50',
  minAdvanceBookingDays: 14,
  tripBudgetCeiling: null,
  outOfPolicyRequiresApproval: true,
};

describe('Organizations', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let traveller: Session;
  let other: Session;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerOrganization(t.api, { organizationName: 'Acme Travel' });
    manager = await addMember(t.api, admin, 'manager', 'Mia Manager');
    traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    other = await registerOrganization(t.api, { organizationName: 'Other Corp' });
  });
  afterAll(() => t.close());

  describe('current organization', () => {
    it('is readable by any member', async () => {
      const response = await t.api.get('/api/organizations/current', { token: traveller.accessToken });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: admin.user.organizationId, name: 'Acme Travel' });
    });

    it('can be renamed by an admin', async () => {
      const response = await t.api.patch(
        '/api/organizations/current',
        { name: 'Acme Travel GmbH' },
        { token: admin.accessToken },
      );
      expect(response.status).toBe(200);
      expect(response.body.name).toBe('Acme Travel GmbH');
    });

    it('refuses a traveller or a manager changing it (403) and unknown fields (400)', async () => {
      expect(
        (await t.api.patch('/api/organizations/current', { name: 'X' }, { token: traveller.accessToken })).status,
      ).toBe(403);
      expect(
        (await t.api.patch('/api/organizations/current', { name: 'X' }, { token: manager.accessToken })).status,
      ).toBe(403);
      const unknown = await t.api.patch(
        '/api/organizations/current',
        { name: 'X', id: randomUUID() },
        { token: admin.accessToken },
      );
      expect(unknown.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(unknown.body.errors).toContainEqual({
        field: 'id',
        code: 'NOT_ALLOWED',
        message: 'property id should not exist',
      });
    });

    it('needs authentication (401)', async () => {
      expect((await t.api.get('/api/organizations/current')).status).toBe(401);
    });
  });

  describe('members', () => {
    it('lists the organization members, paginated, for admins and managers only', async () => {
      const page = await t.api.get('/api/organizations/current/members?page=1&limit=2', { token: manager.accessToken });
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ total: 3, page: 1, limit: 2 });
      expect(page.body.items).toHaveLength(2);
      const second = await t.api.get('/api/organizations/current/members?page=2&limit=2', { token: admin.accessToken });
      expect(second.body.items).toHaveLength(1);
      const ids = [...page.body.items, ...second.body.items].map((user: { id: string }) => user.id).sort();
      expect(ids).toEqual([admin.user.id, manager.user.id, traveller.user.id].sort());
      expect((await t.api.get('/api/organizations/current/members', { token: traveller.accessToken })).status).toBe(
        403,
      );
    });

    it('clamps an oversized page size to 100 and refuses nonsense', async () => {
      const clamped = await t.api.get('/api/organizations/current/members?limit=100000', { token: admin.accessToken });
      expect(clamped.status).toBe(200);
      expect(clamped.body.limit).toBe(100);
      expect((await t.api.get('/api/organizations/current/members?limit=0', { token: admin.accessToken })).status).toBe(
        400,
      );
      expect(
        (await t.api.get('/api/organizations/current/members?page=abc', { token: admin.accessToken })).status,
      ).toBe(400);
    });

    it('lets an admin change a role, which takes effect on the next token', async () => {
      const promoted = await t.api.patch(
        `/api/organizations/current/members/${traveller.user.id}`,
        { role: 'manager' },
        { token: admin.accessToken },
      );
      expect(promoted.status).toBe(200);
      expect(promoted.body.role).toBe('manager');
      const demoted = await t.api.patch(
        `/api/organizations/current/members/${traveller.user.id}`,
        { role: 'traveller' },
        { token: admin.accessToken },
      );
      expect(demoted.body.role).toBe('traveller');
    });

    it('never lets the last admin be demoted or deactivated (409)', async () => {
      const demote = await t.api.patch(
        `/api/organizations/current/members/${admin.user.id}`,
        { role: 'traveller' },
        { token: admin.accessToken },
      );
      expect(demote.body).toMatchObject({ statusCode: 409, code: 'LAST_ADMIN' });
      const deactivate = await t.api.patch(
        `/api/organizations/current/members/${admin.user.id}`,
        { active: false },
        { token: admin.accessToken },
      );
      expect(deactivate.body).toMatchObject({ statusCode: 409, code: 'LAST_ADMIN' });
      const { rows } = await t.sql.query('SELECT role, active FROM users WHERE id = $1', [admin.user.id]);
      expect(rows[0]).toEqual({ role: 'admin', active: true });
    });

    it('allows demoting an admin while another admin remains', async () => {
      const second = await addMember(t.api, admin, 'admin', 'Second Admin');
      const response = await t.api.patch(
        `/api/organizations/current/members/${second.user.id}`,
        { role: 'manager' },
        { token: admin.accessToken },
      );
      expect(response.status).toBe(200);
      expect(response.body.role).toBe('manager');
    });

    it('refuses role changes by non-admins (403) and invalid roles (400)', async () => {
      const byManager = await t.api.patch(
        `/api/organizations/current/members/${traveller.user.id}`,
        { role: 'admin' },
        { token: manager.accessToken },
      );
      expect(byManager.status).toBe(403);
      const invalid = await t.api.patch(
        `/api/organizations/current/members/${traveller.user.id}`,
        { role: 'owner' },
        { token: admin.accessToken },
      );
      expect(invalid.body).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: 'role', code: 'NOT_IN_LIST' })],
      });
      const empty = await t.api.patch(
        `/api/organizations/current/members/${traveller.user.id}`,
        {},
        { token: admin.accessToken },
      );
      expect(empty.body).toMatchObject({ statusCode: 400, code: 'MEMBER_CHANGE_EMPTY' });
      const badId = await t.api.patch(
        '/api/organizations/current/members/not-a-uuid',
        { role: 'manager' },
        { token: admin.accessToken },
      );
      expect(badId.body).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'userId', code: 'INVALID_FORMAT', message: 'userId must be a UUID' }],
      });
    });

    it('deactivating a member signs them out everywhere and blocks login', async () => {
      const leaving = await addMember(t.api, admin, 'traveller', 'Leaving Lee');
      const response = await t.api.patch(
        `/api/organizations/current/members/${leaving.user.id}`,
        { active: false },
        { token: admin.accessToken },
      );
      expect(response.status).toBe(200);
      expect(response.body.active).toBe(false);
      expect((await t.api.get('/api/auth/me', { token: leaving.accessToken })).status).toBe(401);
      expect((await t.api.post('/api/auth/refresh', { refreshToken: leaving.refreshToken })).status).toBe(401);
    });
  });

  describe('invitations', () => {
    it('creates an invitation with a 7-day expiry, returns the link and e-mails it', async () => {
      const email = uniqueEmail('invitee');
      const before = Date.now();
      const response = await t.api.post(
        '/api/organizations/current/invitations',
        { email, role: 'manager' },
        { token: admin.accessToken },
      );
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ email, role: 'manager', status: 'pending' });
      expect(response.body.inviteUrl).toMatch(/^http:\/\/localhost:3000\/invite\/[\w-]{43}$/);
      const days = (new Date(response.body.expiresAt).getTime() - before) / 86_400_000;
      expect(days).toBeGreaterThan(6.99);
      expect(days).toBeLessThan(7.01);

      const token = response.body.inviteUrl.split('/').pop();
      const { rows } = await t.sql.query('SELECT token_hash FROM invitations WHERE id = $1', [response.body.id]);
      expect(rows[0].token_hash).not.toContain(token);
      const mail = await t.sql.query('SELECT "to", subject, text, status FROM outbox_messages WHERE "to" = $1', [
        email,
      ]);
      expect(mail.rows).toHaveLength(1);
      expect(mail.rows[0].text).toContain(response.body.inviteUrl);
    });

    it('refuses inviting a member of the same organization (409), bad e-mail (400), non-admins (403)', async () => {
      const existing = await t.api.post(
        '/api/organizations/current/invitations',
        { email: manager.user.email },
        { token: admin.accessToken },
      );
      expect(existing.body).toMatchObject({ statusCode: 409, code: 'ALREADY_MEMBER' });
      expect(
        (await t.api.post('/api/organizations/current/invitations', { email: 'nope' }, { token: admin.accessToken }))
          .status,
      ).toBe(400);
      expect(
        (
          await t.api.post(
            '/api/organizations/current/invitations',
            { email: uniqueEmail() },
            { token: manager.accessToken },
          )
        ).status,
      ).toBe(403);
    });

    it("answers an address of another organization's user exactly like a new one (201), and acceptance says it already has an account (409)", async () => {
      const invite = (email: string) =>
        t.api.post(
          '/api/organizations/current/invitations',
          { email, role: 'traveller' },
          { token: admin.accessToken },
        );
      const elsewhere = await invite(other.user.email.toUpperCase());
      const nowhere = await invite(uniqueEmail('nobody'));

      // Issue 7 §6: a 409 here told any organization's admin that the address has a NestMap account.
      expect(elsewhere.status).toBe(201);
      expect(nowhere.status).toBe(201);
      expect(Object.keys(elsewhere.body).sort()).toEqual(Object.keys(nowhere.body).sort());
      expect(elsewhere.body).toMatchObject({ email: other.user.email, role: 'traveller', status: 'pending' });
      const mail = await t.sql.query('SELECT count(*) FROM outbox_messages WHERE "to" = $1 AND organization_id = $2', [
        other.user.email,
        admin.user.organizationId,
      ]);
      expect(Number(mail.rows[0].count)).toBe(1);

      const token = elsewhere.body.inviteUrl.split('/').pop();
      const accept = await t.api.post('/api/auth/accept-invitation', {
        token,
        name: 'Double Agent',
        password: 'violet tractor umbrella 42',
      });
      expect(accept.body).toMatchObject({ statusCode: 409, code: 'EMAIL_TAKEN' });
      const { rows } = await t.sql.query('SELECT organization_id, name FROM users WHERE email = $1', [
        other.user.email,
      ]);
      expect(rows).toEqual([{ organization_id: other.user.organizationId, name: 'Ada Admin' }]);
      const invitation = await t.sql.query('SELECT accepted_at FROM invitations WHERE id = $1', [elsewhere.body.id]);
      expect(invitation.rows[0].accepted_at).toBeNull();
    });

    it('lists and revokes invitations; a revoked link no longer works', async () => {
      const created = await t.api.post(
        '/api/organizations/current/invitations',
        { email: uniqueEmail('revoked') },
        { token: admin.accessToken },
      );
      const list = await t.api.get('/api/organizations/current/invitations', { token: admin.accessToken });
      expect(list.status).toBe(200);
      expect(list.body.items.map((invitation: { id: string }) => invitation.id)).toContain(created.body.id);
      expect(list.body.items[0]).not.toHaveProperty('inviteUrl');

      expect(
        (await t.api.delete(`/api/organizations/current/invitations/${created.body.id}`, { token: admin.accessToken }))
          .status,
      ).toBe(204);
      const token = created.body.inviteUrl.split('/').pop();
      const accept = await t.api.post('/api/auth/accept-invitation', {
        token,
        name: 'Too Late',
        password: 'violet tractor umbrella 42',
      });
      expect(accept.body).toMatchObject({ statusCode: 400, code: 'INVITATION_INVALID' });
    });

    it('re-inviting the same address invalidates the earlier link', async () => {
      const email = uniqueEmail('twice');
      const first = await t.api.post('/api/organizations/current/invitations', { email }, { token: admin.accessToken });
      const second = await t.api.post(
        '/api/organizations/current/invitations',
        { email },
        { token: admin.accessToken },
      );
      expect(second.status).toBe(201);
      const firstToken = first.body.inviteUrl.split('/').pop();
      expect(
        (
          await t.api.post('/api/auth/accept-invitation', {
            token: firstToken,
            name: 'Old Link',
            password: 'violet tractor umbrella 42',
          })
        ).body,
      ).toMatchObject({ statusCode: 400, code: 'INVITATION_INVALID' });
      const secondToken = second.body.inviteUrl.split('/').pop();
      const accepted = await t.api.post('/api/auth/accept-invitation', {
        token: secondToken,
        name: 'New Link',
        password: 'violet tractor umbrella 42',
      });
      expect(accepted.status).toBe(201);
      expect(accepted.body.user).toMatchObject({ email, role: 'traveller', organizationId: admin.user.organizationId });
    });
  });

  describe('travel policy', () => {
    it('starts with the default policy, readable by any member', async () => {
      const response = await t.api.get('/api/organizations/current/policy', { token: traveller.accessToken });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        allowedCabinClasses: ['economy', 'premium_economy'],
        currency: 'EUR',
        maxFlightFare: null,
        minAdvanceBookingDays: 0,
        outOfPolicyRequiresApproval: true,
      });
    });

    it('is replaced by an admin with validated values', async () => {
      const response = await t.api.put('/api/organizations/current/policy', POLICY, { token: admin.accessToken });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject(POLICY);
      const read = await t.api.get('/api/organizations/current/policy', { token: manager.accessToken });
      expect(read.body).toMatchObject(POLICY);
    });

    it.each([
      ['an unknown cabin', { allowedCabinClasses: ['spaceship'] }],
      ['a float amount', { maxFlightFare: 12.5 }],
      ['three decimals', { maxHotelNightlyRate: '10.123' }],
      ['a negative amount', { tripBudgetCeiling: '-5.00' }],
      ['a bad currency', { currency: 'EURO' }],
      ['negative advance days', { minAdvanceBookingDays: -1 }],
      ['a missing field', { minAdvanceBookingDays: undefined }],
      ['an unknown field', { organizationId: randomUUID() }],
    ])('refuses %s with 400', async (_label, change) => {
      const response = await t.api.put(
        '/api/organizations/current/policy',
        { ...POLICY, ...change },
        { token: admin.accessToken },
      );
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    });

    it('cannot be written by a manager (403)', async () => {
      expect(
        (await t.api.put('/api/organizations/current/policy', POLICY, { token: manager.accessToken })).status,
      ).toBe(403);
    });
  });

  describe('mail outbox', () => {
    it('shows an admin the organization mail, delivered locally when no provider is configured', async () => {
      await drainOutbox(t);
      const response = await t.api.get('/api/organizations/current/outbox', { token: admin.accessToken });
      expect(response.status).toBe(200);
      expect(response.body.total).toBeGreaterThan(0);
      expect(response.body.items[0]).toMatchObject({ status: 'delivered', deliveredVia: 'local' });
      expect((await t.api.get('/api/organizations/current/outbox', { token: manager.accessToken })).status).toBe(403);
    });
  });

  describe('another organization', () => {
    it('sees none of the first organization: its members, invitations, policy or mail', async () => {
      const members = await t.api.get('/api/organizations/current/members', { token: other.accessToken });
      expect(members.body.items.map((user: { id: string }) => user.id)).toEqual([other.user.id]);
      const invitations = await t.api.get('/api/organizations/current/invitations', { token: other.accessToken });
      expect(invitations.body.total).toBe(0);
      const policy = await t.api.get('/api/organizations/current/policy', { token: other.accessToken });
      expect(policy.body.currency).toBe('EUR');
      const outbox = await t.api.get('/api/organizations/current/outbox', { token: other.accessToken });
      expect(outbox.body.total).toBe(0);
    });

    it("gets 404 for the first organization's member and invitation ids, which stay unchanged", async () => {
      const patch = await t.api.patch(
        `/api/organizations/current/members/${traveller.user.id}`,
        { role: 'admin' },
        { token: other.accessToken },
      );
      expect(patch.status).toBe(404);
      expect(patch.text).not.toContain(traveller.user.email);
      const { rows } = await t.sql.query('SELECT role FROM users WHERE id = $1', [traveller.user.id]);
      expect(rows[0].role).toBe('traveller');

      const invitation = await t.api.post(
        '/api/organizations/current/invitations',
        { email: uniqueEmail('kept') },
        { token: admin.accessToken },
      );
      const revoke = await t.api.delete(`/api/organizations/current/invitations/${invitation.body.id}`, {
        token: other.accessToken,
      });
      expect(revoke.status).toBe(404);
      const state = await t.sql.query('SELECT revoked_at FROM invitations WHERE id = $1', [invitation.body.id]);
      expect(state.rows[0].revoked_at).toBeNull();
    });
  });
});
