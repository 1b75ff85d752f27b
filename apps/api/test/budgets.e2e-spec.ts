import { randomUUID } from 'node:crypto';
import { BudgetAlerter } from '../src/budgets/budget-alerter';
import { UserRole } from '../src/common/auth/user-role';
import { insertBookingRow } from './support/booking-rows';
import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { OPEN_POLICY } from './support/flight-fixtures';
import { startTestApp, TestApp } from './support/test-app';

/** Issue 11 § Budgets: cost-centre budgets, and e-mails at 80 % and 100 % of them and of a trip's, once each. */
describe('Budgets and their alerts', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let traveller: Session;
  let stranger: Session;
  const year = new Date().getUTCFullYear();
  const as = (session: Session) => ({ token: session.accessToken });
  const setBudget = (session: Session, body: Record<string, unknown>) =>
    t.api.put('/api/cost-centre-budgets', body, as(session));
  /** What the outbox worker does with `booking.confirmed` for a trip: the alerter's handling of it. */
  const confirmed = (tripId: string) =>
    t.app.get(BudgetAlerter).handle({
      id: randomUUID(),
      type: 'booking.confirmed',
      organizationId: admin.user.organizationId,
      actor: { id: admin.user.id, role: UserRole.Admin },
      occurredAt: new Date().toISOString(),
      payload: { tripId },
    } as never);
  const mails = async (subject: string) =>
    (
      await t.sql.query(`SELECT "to" FROM outbox_messages WHERE topic = 'mail' AND subject LIKE $1 ORDER BY "to"`, [
        `%${subject}%`,
      ])
    ).rows.map((row: { to: string }) => row.to);
  const book = (tripId: string, amount: string) =>
    insertBookingRow(t.sql, admin, {
      tripId,
      passengerIds: [traveller.user.id],
      amount,
      currency: 'EUR',
      rate: '1',
      confirmedAt: new Date().toISOString(),
    });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerOrganization(t.api);
    manager = await addMember(t.api, admin, 'manager', 'Mia Manager');
    traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    stranger = await registerOrganization(t.api);
    expect((await t.api.put('/api/organizations/current/policy', OPEN_POLICY, as(admin))).status).toBe(200);
  });
  afterAll(() => t.close());

  it('is set by admins in the reporting currency, read by managers, refused to travellers and on bad input', async () => {
    const set = await setBudget(admin, { costCentre: 'ENG', year, amount: '1000' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ costCentre: 'ENG', year, amount: '1000.00', currency: 'EUR', spent: '0.00' });
    expect((await setBudget(manager, { costCentre: 'ENG', year, amount: '5' })).status).toBe(403);
    expect((await setBudget(traveller, { costCentre: 'ENG', year, amount: '5' })).status).toBe(403);
    for (const body of [
      { costCentre: '=cmd', year, amount: '5' },
      { costCentre: 'ENG', year, amount: '-5' },
      { costCentre: 'ENG', year: 1999, amount: '5' },
      { costCentre: 'ENG', year, amount: '5', currency: 'USD' },
    ])
      expect((await setBudget(admin, body)).status).toBe(400);
    const read = await t.api.get(`/api/cost-centre-budgets?year=${year}`, as(manager));
    expect(read.body.items).toEqual([expect.objectContaining({ costCentre: 'ENG', amount: '1000.00' })]);
    expect((await t.api.get(`/api/cost-centre-budgets?year=${year}`, as(traveller))).status).toBe(403);
    expect((await t.api.get(`/api/cost-centre-budgets?year=${year}`, as(stranger))).body.items).toEqual([]);
  });

  it('e-mails the managers and admins once at 80 % and once at 100 %, however many bookings cross together', async () => {
    const trip = await createTrip(t.api, admin, { costCentre: 'ENG', budget: undefined });
    await book(trip.id, '850.00');
    // Five deliveries at once (concurrent bookings, a redelivery): one claim, one e-mail per recipient.
    await Promise.all([1, 2, 3, 4, 5].map(() => confirmed(trip.id)));
    expect(await mails('Budget 80 % used: the')).toEqual([admin.user.email, manager.user.email].sort());
    await confirmed(trip.id);
    expect(await mails('Budget 80 % used')).toHaveLength(2);

    await book(trip.id, '200.00');
    await Promise.all([confirmed(trip.id), confirmed(trip.id)]);
    expect(await mails(`Budget reached: the ${year} budget of cost centre ENG`)).toHaveLength(2);
    const read = await t.api.get(`/api/cost-centre-budgets?year=${year}`, as(admin));
    expect(read.body.items[0].spent).toBe('1050.00');

    // A new amount is a new budget: its thresholds can alert again.
    await setBudget(admin, { costCentre: 'ENG', year, amount: '1200' });
    const alerts = await t.sql.query('SELECT count(*)::int AS n FROM budget_alerts WHERE organization_id = $1', [
      admin.user.organizationId,
    ]);
    expect(alerts.rows[0].n).toBe(0);
    await confirmed(trip.id);
    expect(await mails('Budget 80 % used: the')).toHaveLength(4);
  });

  it("alerts on a trip's budget from its planned costs, flights included", async () => {
    const trip = await createTrip(t.api, admin, {
      title: 'Budgeted offsite',
      budget: { amount: '1000.00', currency: 'EUR' },
    });
    const activity = await t.api.post(
      `/api/trips/${trip.id}/activities`,
      {
        title: 'Venue',
        type: 'meeting',
        startsAt: `${trip.startDate}T09:00:00+01:00`,
        cost: { amount: '820.00', currency: 'EUR' },
      },
      as(admin),
    );
    expect(activity.status).toBe(201);
    await confirmed(trip.id);
    expect(await mails('Budget 80 % used: the budget of the trip "Budgeted offsite"')).toHaveLength(2);
  });
});
