import type { Browser } from 'playwright-core';
import {
  capturingFailures,
  apiAs,
  dayFromToday,
  launchBrowser,
  must,
  newPage,
  PASSWORD,
  registerOrganization,
  signIn,
  unique,
} from './support/harness';
import { checkpoint } from './support/axe';

describe('a manager and the approvals queue', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('approves one trip and rejects another with a reason, then sees who is away today', async () => {
    await capturingFailures(browser, 'manager-approvals', async () => {
      const admin = await registerOrganization('Margaret');
      const api = apiAs(admin.token);
      await must(
        api.PUT('/api/organizations/current/policy', {
          body: {
            allowedCabinClasses: ['economy', 'premium_economy'],
            currency: 'EUR',
            maxFlightFare: '800.00',
            maxHotelNightlyRate: '180.00',
            minAdvanceBookingDays: 7,
            tripBudgetCeiling: '3000.00',
            outOfPolicyRequiresApproval: true,
          },
        }),
      );

      // Two trips by the admin, submitted: one covering today, one far away and over budget.
      const current = await must(
        api.POST('/api/trips', {
          body: {
            title: 'Lisbon customer visit',
            destination: 'Lisbon',
            destinationCountry: 'Portugal',
            timezone: 'Europe/Lisbon',
            latitude: 38.72,
            longitude: -9.14,
            startDate: dayFromToday(-1),
            endDate: dayFromToday(2),
            budget: { amount: '1800.00', currency: 'EUR' },
            purpose: 'Quarterly review with the Lisbon team.',
          },
        }),
      );
      await must(
        api.POST('/api/trips/{tripId}/activities', {
          params: { path: { tripId: current.id } },
          body: {
            title: 'Quarterly review',
            type: 'meeting',
            startsAt: `${dayFromToday(0)}T10:00:00+00:00`,
            timezone: 'Europe/Lisbon',
          },
        }),
      );
      const expensive = await must(
        api.POST('/api/trips', {
          body: {
            title: 'Tokyo trade fair',
            destination: 'Tokyo',
            destinationCountry: 'Japan',
            timezone: 'Asia/Tokyo',
            latitude: 35.68,
            longitude: 139.69,
            startDate: dayFromToday(30),
            endDate: dayFromToday(35),
            budget: { amount: '7200.00', currency: 'EUR' },
          },
        }),
      );
      for (const trip of [current, expensive])
        await must(api.POST('/api/trips/{id}/submit', { params: { path: { id: trip.id } }, body: {} }));

      const invitation = await must(
        api.POST('/api/organizations/current/invitations', { body: { email: unique('mary'), role: 'manager' } }),
      );

      const { page } = await newPage(browser);
      await page.goto(invitation.inviteUrl);
      await page.getByLabel('Your name').fill('Mary Manager');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Accept invitation' }).click();
      await page.waitForURL('**/dashboard**');
      await page.getByRole('heading', { name: 'Waiting for your approval' }).waitFor();
      await page.getByRole('link', { name: 'Tokyo trade fair' }).waitFor();
      await checkpoint(page, '12-manager-dashboard');

      await page.getByRole('link', { name: 'Approvals queue' }).click();
      await page.waitForURL('**/admin/approvals');
      const lisbon = page.getByRole('region', { name: 'Lisbon customer visit' });
      const tokyo = page.getByRole('region', { name: 'Tokyo trade fair' });
      // What the API's policy check said on submission (the web app does not judge by itself).
      await tokyo.getByText('Budget €7,200.00 is over the €3,000.00 ceiling.').waitFor();
      await lisbon.getByText("Started 1 day ago; the policy asks for 7 days' notice.").waitFor();
      await checkpoint(page, '13-approvals-queue');

      await lisbon.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByText('“Lisbon customer visit”: Approved: the traveller has been notified.').waitFor();

      await tokyo.getByRole('button', { name: 'Reject…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Reject “Tokyo trade fair”' });
      await dialog.getByRole('button', { name: 'Reject trip' }).click();
      await dialog.getByText('Tell the traveller why, so they can plan again.').waitFor();
      await dialog.getByLabel('Reason').fill('Over the trip budget ceiling; please find a cheaper hotel.');
      await checkpoint(page, '14-reject-with-reason');
      await dialog.getByRole('button', { name: 'Reject trip' }).click();
      await page.getByText('“Tokyo trade fair”: Rejected: the traveller has been notified with your reason.').waitFor();
      await page.getByText('Nothing waits for approval').waitFor();

      expect((await must(api.GET('/api/trips/{id}', { params: { path: { id: current.id } } }))).status).toBe(
        'approved',
      );
      expect((await must(api.GET('/api/trips/{id}', { params: { path: { id: expensive.id } } }))).status).toBe(
        'rejected',
      );

      // Duty of care: the approved trip covering today is on the map.
      await page.getByRole('link', { name: 'Where are my people' }).click();
      await page.getByText('1 away today').waitFor();
      await page.locator('.leaflet-marker-icon[title="Margaret in Lisbon, Portugal"]').waitFor();
      await checkpoint(page, '15-where-are-my-people');

      // Managers read members and the policy; only admins change them.
      await page.getByRole('link', { name: 'Members' }).click();
      await page.getByRole('cell', { name: /Mary Manager/ }).waitFor();
      expect(await page.getByRole('combobox', { name: /Role of/ }).count()).toBe(0);
      await page.getByRole('link', { name: 'Travel policy' }).click();
      await page.getByText('Only admins change them.').waitFor();
      expect(await page.getByRole('button', { name: 'Save policy' }).count()).toBe(0);

      // The admin's side: members, policy, audit log.
      const { page: adminPage } = await newPage(browser);
      await signIn(adminPage, admin.email);
      await adminPage.goto('/admin/members');
      await adminPage.getByRole('combobox', { name: 'Role of Mary Manager' }).waitFor();
      await checkpoint(adminPage, '16-admin-members');
      await adminPage.goto('/admin/policy');
      await adminPage.getByLabel('Budget ceiling per trip (optional)').fill('abc');
      await adminPage.getByRole('button', { name: 'Save policy' }).click();
      await adminPage.getByText('Enter an amount like 1250 or 1250.50').waitFor();
      await adminPage.getByLabel('Budget ceiling per trip (optional)').fill('3500');
      await adminPage.getByRole('button', { name: 'Save policy' }).click();
      await adminPage.getByText('Policy saved as version', { exact: false }).waitFor();
      await checkpoint(adminPage, '17-admin-policy');
      await adminPage.goto('/admin/audit');
      await adminPage.getByRole('table', { name: 'Audit log' }).getByText('Trip approved').first().waitFor();
      await checkpoint(adminPage, '18-admin-audit');
      await adminPage.goto(`/trips/${expensive.id}`);
      await adminPage.getByText(/^Rejected by Mary Manager on /).waitFor();
      await adminPage.getByText('Over the trip budget ceiling; please find a cheaper hotel.').waitFor();
    });
  });
});
