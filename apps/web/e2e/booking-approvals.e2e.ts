import type { Browser } from 'playwright-core';
import { look } from './support/axe';
import {
  apiAs,
  capturingFailures,
  dayFromToday,
  launchBrowser,
  must,
  newPage,
  PASSWORD,
  registerOrganization,
  signIn,
  unique,
} from './support/harness';

type Api = ReturnType<typeof apiAs>;

const DEPARTURE = dayFromToday(30);
/** Frankfurt → New York: a long great circle, well north of the straight line on the map. */
const SLICES = [{ origin: 'FRA', destination: 'JFK', departureDate: DEPARTURE }];

/** Issue 10, Web app: a booking out of policy waits beside the trips, is approved, listed and mapped. */
describe('flight bookings in the approvals queue, the admin list and the map', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function join(adminApi: Api, role: 'manager' | 'traveller', name: string) {
    const invitation = await must(
      adminApi.POST('/api/organizations/current/invitations', { body: { email: unique(role), role } }),
    );
    const token = new URL(invitation.inviteUrl).pathname.split('/').pop()!;
    const auth = await must(
      apiAs(null).POST('/api/auth/accept-invitation', { body: { token, name, password: PASSWORD } }),
    );
    return { email: auth.user.email, id: auth.user.id, api: apiAs(auth.accessToken) };
  }

  function search(api: Api, tripId: string) {
    return must(
      api.POST('/api/trips/{id}/flight-searches', {
        params: { path: { id: tripId }, query: { sort: 'price', limit: 100 } },
        body: { slices: SLICES, cabin: 'economy', maxConnections: 0 },
      }),
    );
  }

  it('a manager approves a booking over the fare cap; the admin lists it with totals; the trip maps its arc', async () => {
    await capturingFailures(browser, 'booking-approvals', async () => {
      const admin = await registerOrganization('Astrid');
      const adminApi = apiAs(admin.token);
      const manager = await join(adminApi, 'manager', 'Mateo Manager');
      const traveller = await join(adminApi, 'traveller', 'Tessa Traveller');
      const policy = (maxFlightFare: string | null) =>
        must(
          adminApi.PUT('/api/organizations/current/policy', {
            body: {
              currency: 'EUR',
              allowedCabinClasses: ['economy'],
              maxFlightFare,
              maxHotelNightlyRate: null,
              minAdvanceBookingDays: 0,
              tripBudgetCeiling: null,
              outOfPolicy: 'needs_approval',
            },
          }),
        );
      await policy(null);
      await must(
        traveller.api.PUT('/api/users/me/passenger-profile', {
          body: {
            givenName: 'Tessa',
            familyName: 'Traveller',
            bornOn: '1990-02-11',
            gender: 'f',
            title: 'ms',
            email: traveller.email,
            phoneNumber: '+4969123456',
          },
        }),
      );
      const trip = await must(
        traveller.api.POST('/api/trips', {
          body: {
            title: 'New York customer summit',
            destination: 'New York',
            destinationCountry: 'United States',
            timezone: 'America/New_York',
            latitude: 40.71,
            longitude: -74.0,
            startDate: DEPARTURE,
            endDate: dayFromToday(34),
          },
        }),
      );
      // The fare cap sits just above the cheapest non-stop, so the search has an in-policy offer and dearer ones.
      const probe = await search(traveller.api, trip.id);
      expect(probe.items.length).toBeGreaterThan(1);
      const cheapest = Number(probe.items[0].totalAmount.amount);
      await policy((Math.floor(cheapest) + 1).toFixed(2));
      const found = await search(traveller.api, trip.id);
      const dearer = found.items.find((offer) => offer.policy.verdict === 'needs_approval');
      expect(found.items[0].policy.verdict).toBe('in_policy');
      expect(dearer).toBeDefined();
      const pending = await must(
        traveller.api.POST('/api/trips/{id}/bookings', {
          params: { path: { id: trip.id }, header: { 'Idempotency-Key': `e2e-${Date.now().toString(36)}` } },
          body: { offerId: dearer!.id },
        }),
      );
      expect(pending.status).toBe('pending_approval');

      // The manager: the navigation counts it, the queue shows it beside the trips with its reasons.
      const { page } = await newPage(browser, { width: 1440, height: 900 });
      await signIn(page, manager.email);
      expect(await page.getByTestId('approvals-waiting').first().textContent()).toBe('1');
      await page.goto('/admin/approvals');
      const card = page.getByRole('region', { name: 'Flight FRA → JFK' });
      await card.getByText('Out of policy', { exact: true }).waitFor();
      await card.getByRole('list', { name: 'Why it is out of policy' }).getByText(/fare/i).waitFor();
      await card.getByText(/cheapest in-policy offer of the same search: €/).waitFor();
      await card.getByText('Sandbox').waitFor();
      await card.getByRole('link', { name: 'New York customer summit' }).waitFor();
      await page.getByText('No trip waits for approval').waitFor();
      await look(page, 'booking-approvals-01-queue');

      // Reject opens a dialog asking why; kept waiting instead.
      await card.getByRole('button', { name: 'Reject…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Reject the flight FRA → JFK' });
      await dialog.getByRole('button', { name: 'Reject booking' }).click();
      await dialog.getByText('Tell the booker why, so they can book another flight.').waitFor();
      await dialog.getByRole('button', { name: 'Keep it waiting' }).click();
      await dialog.waitFor({ state: 'hidden' });

      // Two approvers with the queue open: the admin's tab still shows the booking once the manager has decided.
      const { page: otherTab } = await newPage(browser, { width: 1440, height: 900 });
      await signIn(otherTab, admin.email);
      await otherTab.goto('/admin/approvals');
      const staleCard = otherTab.getByRole('region', { name: 'Flight FRA → JFK' });
      await staleCard.getByRole('button', { name: 'Approve and book' }).waitFor();

      await card.getByRole('button', { name: 'Approve and book' }).click();
      await page.getByText(/Flight FRA → JFK: approved and booked, reference SBX-[A-Z0-9]{6}/).waitFor();

      // The second approval is refused; the queue says who decided, and the card leaves it.
      await staleCard.getByRole('button', { name: 'Approve and book' }).click();
      await otherTab
        .getByText(/^Flight FRA → JFK: already decided — .+ approved it \(.+\), in another tab or window\./)
        .waitFor();
      await staleCard.waitFor({ state: 'detached' });
      await look(otherTab, 'booking-approvals-01b-decided-in-another-tab');
      await card.waitFor({ state: 'detached' });
      await page.getByText('Nothing waits for approval').waitFor();
      const booked = await must(traveller.api.GET('/api/bookings/{id}', { params: { path: { id: pending.id } } }));
      expect(booked.status).toBe('confirmed');
      expect(booked.bookingReference).toMatch(/^SBX-/);

      // The admin: the organization's bookings, filtered, with the totals of the page.
      const { page: adminPage } = await newPage(browser, { width: 1440, height: 900 });
      await signIn(adminPage, admin.email);
      await adminPage.goto('/admin/bookings');
      const table = adminPage.getByRole('table', { name: 'Bookings' });
      const row = table.getByRole('row').filter({ hasText: booked.bookingReference! });
      await row.getByRole('link', { name: 'FRA → JFK' }).waitFor();
      await row.getByText('Confirmed').waitFor();
      await row.getByText('Out of policy, approved').waitFor();
      await row.getByText('Sandbox').waitFor();
      await row.getByText('Tessa Traveller').first().waitFor();
      const totals = adminPage.getByLabel('Totals on this page');
      const amount = Number(booked.price.amount);
      // As the page formats money: whole euros without cents.
      const price = new Intl.NumberFormat('en-GB', {
        style: 'currency',
        currency: 'EUR',
        maximumFractionDigits: Number.isInteger(amount) ? 0 : 2,
      }).format(amount);
      await totals.getByText(price, { exact: true }).waitFor();
      await totals.getByText(/on this page/).waitFor();
      await look(adminPage, 'booking-approvals-02-admin-bookings');

      await adminPage.getByLabel('Status').selectOption('rejected');
      await adminPage.getByText('No booking matches').waitFor();
      await adminPage.getByLabel('Booked by').selectOption({ label: 'Tessa Traveller' });
      await adminPage.getByLabel('Status').selectOption('confirmed');
      await row.waitFor();
      await adminPage.getByRole('button', { name: 'Clear' }).click();

      // The trip page: the flight on the map as a great-circle arc from Frankfurt to New York.
      const { page: tripPage } = await newPage(browser, { width: 1440, height: 900 });
      await signIn(tripPage, traveller.email);
      await tripPage.goto(`/trips/${trip.id}`);
      await tripPage.getByRole('heading', { level: 1, name: 'New York customer summit' }).waitFor();
      const arc = tripPage.locator('path.flight-arc');
      await arc.waitFor();
      expect(await arc.count()).toBe(1);
      // Drawn: a path with many vertices, not a single straight segment.
      const d = (await arc.getAttribute('d')) ?? '';
      expect(d.split('L').length).toBeGreaterThan(10);
      await look(tripPage, 'booking-approvals-03-trip-map', { axe: false });
    });
  });
});
