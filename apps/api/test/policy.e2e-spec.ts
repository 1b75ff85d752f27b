import { drainOutbox } from './support/outbox';
import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** A calendar date `days` from today (UTC): submissions are judged against the real clock. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const POLICY = {
  currency: 'EUR',
  allowedCabinClasses: ['economy'],
  cabinRules: [
    { cabin: 'premium_economy', fromMinutes: 360 },
    { cabin: 'business', fromMinutes: 540 },
  ],
  maxFlightFare: '800.00',
  maxHotelNightlyRate: '180.00',
  cityNightlyCaps: [{ city: 'Paris', countryCode: 'FR', maxNightlyRate: '220.00' }],
  minAdvanceBookingDays: 7,
  tripBudgetCeiling: '3000.00',
  preferredAirlines: ['LH', 'LX'],
  blockedAirlines: ['FR'],
  maxConnections: 1,
  maxFlightCo2Kg: 400,
  expenseCaps: [{ category: 'meals', maxAmount: '60.00' }],
  outOfPolicy: 'needs_approval',
  reasonCodes: [{ code: 'client_requirement', label: 'Client requirement' }],
  autoApproveInPolicy: false,
};

/** Issue 9 § 2: the travel policy, edited by admins and enforced when a trip is submitted. */
describe('Travel policy', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let traveller: Session;
  let other: Session;
  const as = (session: Session) => ({ token: session.accessToken });
  const setPolicy = async (session: Session, changes: Record<string, unknown> = {}) => {
    const response = await t.api.put('/api/organizations/current/policy', { ...POLICY, ...changes }, as(session));
    if (response.status !== 200) throw new Error(`policy: ${response.status} ${response.text}`);
    return response.body;
  };
  const trip = (session: Session, overrides: Record<string, unknown> = {}) =>
    createTrip(t.api, session, {
      startDate: inDays(30),
      endDate: inDays(33),
      timezone: 'UTC',
      budget: { amount: '2500.00', currency: 'EUR' },
      ...overrides,
    });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerOrganization(t.api, { organizationName: 'Acme Travel' });
    manager = await addMember(t.api, admin, 'manager', 'Mia Manager');
    traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    other = await registerOrganization(t.api, { organizationName: 'Other Corp' });
  });
  afterAll(() => t.close());

  describe('editing', () => {
    it('starts at version 1 with the default reasons, approval for anything out of policy and no auto-approval', async () => {
      const response = await t.api.get('/api/organizations/current/policy', as(other));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        version: 1,
        cabinRules: [],
        blockedAirlines: [],
        outOfPolicy: 'needs_approval',
        outOfPolicyRequiresApproval: true,
        autoApproveInPolicy: false,
        reasonCodes: expect.arrayContaining([expect.objectContaining({ code: 'no_cheaper_option' })]),
      });
    });

    it('stores every rule and raises the version on each change', async () => {
      const before = (await t.api.get('/api/organizations/current/policy', as(admin))).body.version;
      const saved = await setPolicy(admin);
      expect(saved).toMatchObject({ ...POLICY, version: before + 1 });
      const read = await t.api.get('/api/organizations/current/policy', as(traveller));
      expect(read.body).toMatchObject({ ...POLICY, version: before + 1 });
      expect((await setPolicy(admin)).version).toBe(before + 2);
    });

    it('refuses a stale version with 409 POLICY_VERSION_STALE and accepts the current one', async () => {
      const current = (await t.api.get('/api/organizations/current/policy', as(admin))).body.version;
      const stale = await t.api.put(
        '/api/organizations/current/policy',
        { ...POLICY, version: current - 1 },
        as(admin),
      );
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('POLICY_VERSION_STALE');
      expect((await setPolicy(admin, { version: current })).version).toBe(current + 1);
    });

    it.each([
      [
        'a cabin rule out of range',
        { cabinRules: [{ cabin: 'business', fromMinutes: 0 }] },
        'cabinRules.0.fromMinutes',
      ],
      [
        'two rules for one cabin',
        {
          cabinRules: [
            { cabin: 'business', fromMinutes: 540 },
            { cabin: 'business', fromMinutes: 600 },
          ],
        },
        'cabinRules',
      ],
      [
        'an unknown key in a rule',
        { cabinRules: [{ cabin: 'business', fromMinutes: 540, note: 'x' }] },
        'cabinRules.0',
      ],
      [
        'a city listed twice, accents aside',
        {
          cityNightlyCaps: [
            { city: 'Zürich', countryCode: null, maxNightlyRate: '250.00' },
            { city: 'zurich', countryCode: null, maxNightlyRate: '200.00' },
          ],
        },
        'cityNightlyCaps',
      ],
      [
        'an airline both preferred and blocked',
        { preferredAirlines: ['LH'], blockedAirlines: ['LH'] },
        'blockedAirlines',
      ],
      ['a lower-case airline', { blockedAirlines: ['fr'] }, 'blockedAirlines.0'],
      ['a fractional CO2 cap', { maxFlightCo2Kg: 10.5 }, 'maxFlightCo2Kg'],
      ['a reason code that is not snake_case', { reasonCodes: [{ code: 'No Way', label: 'x' }] }, 'reasonCodes.0.code'],
      ['allowed with a reason but no reasons', { outOfPolicy: 'allowed_with_reason', reasonCodes: [] }, 'reasonCodes'],
      ['an unknown handling', { outOfPolicy: 'ignore' }, 'outOfPolicy'],
      ['a missing currency', { currency: undefined }, 'currency'],
    ])('refuses %s with a 400 naming the field', async (_label, change, field) => {
      const response = await t.api.put('/api/organizations/current/policy', { ...POLICY, ...change }, as(admin));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(JSON.stringify(response.body.message)).toContain(`${field} `);
    });

    it('is replaced by admins only', async () => {
      expect((await t.api.put('/api/organizations/current/policy', POLICY, as(manager))).status).toBe(403);
    });
  });

  describe('submitting a trip', () => {
    beforeAll(() => setPolicy(admin));

    it('stores the verdict with the policy version and returns it on the trip', async () => {
      const { version } = (await t.api.get('/api/organizations/current/policy', as(admin))).body;
      const created = await trip(traveller);
      expect(created.policy).toBeNull();
      const submitted = await t.api.post(`/api/trips/${created.id}/submit`, {}, as(traveller));
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({
        status: 'submitted',
        policy: { verdict: 'in_policy', policyVersion: version, reasons: [], reasonCode: null },
      });
      const read = await t.api.get(`/api/trips/${created.id}`, as(traveller));
      expect(read.body.policy).toEqual(submitted.body.policy);
      const stored = await t.sql.query('SELECT policy_verdict, policy_version FROM trips WHERE id = $1', [created.id]);
      expect(stored.rows[0]).toEqual({ policy_verdict: 'in_policy', policy_version: version });
    });

    it('keeps the version a verdict was judged against when the policy changes later', async () => {
      const created = await trip(traveller);
      const submitted = await t.api.post(`/api/trips/${created.id}/submit`, {}, as(traveller));
      const judgedAt = submitted.body.policy.policyVersion;
      await setPolicy(admin, { tripBudgetCeiling: '1000.00' });
      const read = await t.api.get(`/api/trips/${created.id}`, as(manager));
      expect(read.body.policy).toMatchObject({ verdict: 'in_policy', policyVersion: judgedAt });
      await setPolicy(admin);
    });

    it('shows an out-of-policy trip in the approvals queue with every reason', async () => {
      const created = await trip(traveller, {
        title: 'Short-notice pitch',
        startDate: inDays(2),
        endDate: inDays(3),
        budget: { amount: '3200.00', currency: 'EUR' },
      });
      const submitted = await t.api.post(`/api/trips/${created.id}/submit`, {}, as(traveller));
      expect(submitted.status).toBe(200);
      expect(submitted.body.status).toBe('submitted');
      expect(submitted.body.policy.verdict).toBe('needs_approval');
      const queue = await t.api.get('/api/trips?status=submitted&limit=100', as(manager));
      const item = queue.body.items.find((candidate: { id: string }) => candidate.id === created.id);
      expect(item.policy.reasons).toEqual([
        {
          rule: 'trip_budget',
          message: 'Budget €3,200.00 is over the €3,000.00 ceiling.',
          limit: '3000.00',
          actual: '3200.00',
          unit: 'EUR',
          overridable: true,
        },
        {
          rule: 'min_advance_days',
          message: "Starts in 2 days; the policy asks for 7 days' notice.",
          limit: 7,
          actual: 2,
          unit: 'days',
          overridable: true,
        },
      ]);
    });

    it('converts a budget in another currency at the organization rate before comparing', async () => {
      await t.api.put(
        '/api/exchange-rates',
        { rates: [{ currency: 'USD', rate: '1.25', date: inDays(0), source: 'test' }] },
        as(admin),
      );
      const atCeiling = await trip(traveller, { budget: { amount: '3750.00', currency: 'USD' } });
      const over = await trip(traveller, { budget: { amount: '3750.01', currency: 'USD' } });
      expect((await t.api.post(`/api/trips/${atCeiling.id}/submit`, {}, as(traveller))).body.policy.verdict).toBe(
        'in_policy',
      );
      const overSubmitted = await t.api.post(`/api/trips/${over.id}/submit`, {}, as(traveller));
      expect(overSubmitted.body.policy.reasons).toEqual([
        expect.objectContaining({ rule: 'trip_budget', limit: '3000.00', actual: '3000.01' }),
      ]);
    });

    it('refuses a blocked trip with 422 POLICY_BLOCKED and leaves it a draft', async () => {
      await setPolicy(admin, { outOfPolicy: 'blocked' });
      const created = await trip(traveller, { budget: { amount: '5000.00', currency: 'EUR' } });
      const refused = await t.api.post(`/api/trips/${created.id}/submit`, {}, as(traveller));
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('POLICY_BLOCKED');
      expect(refused.body.message).toContain('Budget €5,000.00 is over the €3,000.00 ceiling.');
      const read = await t.api.get(`/api/trips/${created.id}`, as(traveller));
      expect(read.body).toMatchObject({ status: 'draft', policy: null, submittedAt: null });
      await setPolicy(admin);
    });

    it("lets an out-of-policy trip through with one of the policy's reasons, and records it", async () => {
      await setPolicy(admin, { outOfPolicy: 'allowed_with_reason' });
      const created = await trip(traveller, { budget: { amount: '5000.00', currency: 'EUR' } });
      const without = await t.api.post(`/api/trips/${created.id}/submit`, {}, as(traveller));
      expect(without.status).toBe(422);
      expect(without.body.code).toBe('POLICY_BLOCKED');
      expect(without.body.message).toContain('Client requirement');
      const unknown = await t.api.post(`/api/trips/${created.id}/submit`, { reasonCode: 'whim' }, as(traveller));
      expect(unknown.status).toBe(422);
      const given = await t.api.post(
        `/api/trips/${created.id}/submit`,
        { reasonCode: 'client_requirement' },
        as(traveller),
      );
      expect(given.status).toBe(200);
      expect(given.body.policy).toMatchObject({
        verdict: 'in_policy',
        reasonCode: 'client_requirement',
        reasons: [expect.objectContaining({ rule: 'trip_budget' })],
      });
      await setPolicy(admin);
    });
  });

  describe('auto-approval', () => {
    beforeAll(() => setPolicy(admin, { autoApproveInPolicy: true }));
    afterAll(() => setPolicy(admin));

    it('approves an in-policy trip at once, as an automatic decision, and tells the traveller', async () => {
      const created = await trip(traveller, { title: 'Auto Hamburg' });
      const submitted = await t.api.post(`/api/trips/${created.id}/submit`, {}, as(traveller));
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({ status: 'approved', policy: { verdict: 'in_policy' } });
      // On the trip at once (the outbox undelivered), decided by the submitter.
      const read = await t.api.get(`/api/trips/${created.id}`, as(traveller));
      expect(read.body.decision).toMatchObject({
        outcome: 'approved',
        automatic: true,
        reason: null,
        decidedBy: { id: traveller.user.id },
      });
      expect(read.body.decision.decidedAt).toBe(read.body.submittedAt);
      await drainOutbox(t);
      const audit = await t.sql.query(
        `SELECT action, data FROM audit_events WHERE entity_id = $1 AND action LIKE 'trip.%' ORDER BY created_at, action DESC`,
        [created.id],
      );
      expect(audit.rows.map((row: { action: string }) => row.action)).toEqual(
        expect.arrayContaining(['trip.submitted', 'trip.approved']),
      );
      const approval = audit.rows.find((row: { action: string }) => row.action === 'trip.approved');
      expect(approval.data).toMatchObject({ automatic: true, policyVersion: submitted.body.policy.policyVersion });
      const mail = await t.sql.query(`SELECT "to", subject FROM outbox_messages WHERE subject LIKE '%Auto Hamburg%'`);
      expect(mail.rows).toEqual([{ to: traveller.user.email, subject: 'Your trip "Auto Hamburg" was approved' }]);
    });

    it('leaves an out-of-policy trip to an approver', async () => {
      const created = await trip(traveller, { budget: { amount: '3500.00', currency: 'EUR' } });
      const submitted = await t.api.post(`/api/trips/${created.id}/submit`, {}, as(traveller));
      expect(submitted.body).toMatchObject({ status: 'submitted', policy: { verdict: 'needs_approval' } });
      const approved = await t.api.post(`/api/trips/${created.id}/approve`, {}, as(manager));
      expect(approved.status).toBe(200);
      expect((await t.api.get(`/api/trips/${created.id}`, as(traveller))).body.decision).toMatchObject({
        automatic: false,
        decidedBy: { id: manager.user.id },
      });
    });
  });

  describe('another organization', () => {
    it('judges its trips by its own policy only', async () => {
      await setPolicy(admin, { outOfPolicy: 'blocked', tripBudgetCeiling: '10.00' });
      const created = await trip(other, { budget: { amount: '9000.00', currency: 'EUR' } });
      const submitted = await t.api.post(`/api/trips/${created.id}/submit`, {}, as(other));
      expect(submitted.status).toBe(200);
      expect(submitted.body.policy).toMatchObject({ verdict: 'in_policy', policyVersion: 1 });
      await setPolicy(admin);
    });
  });
});
