import type { Browser } from 'playwright-core';
import { checkpoint } from './support/axe';
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

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

/** Issue 9 § 2: the admin edits every rule; approvers and travellers read the API's verdict. */
describe('the travel policy', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is edited by an admin, and its verdict shows in the approvals queue and on the trip page', async () => {
    await capturingFailures(browser, 'travel-policy', async () => {
      const admin = await registerOrganization('Priya');
      const api = apiAs(admin.token);

      // The admin sets the rules on the policy page.
      const { page: adminPage } = await newPage(browser, DESKTOP);
      await signIn(adminPage, admin.email);
      await adminPage.goto('/admin/policy');
      const form = adminPage.getByRole('form', { name: 'Travel policy' });
      await form.getByLabel('Business from').fill('9');
      await form.getByLabel('Connections per flight').selectOption('1');
      await form.getByLabel('Blocked airlines (optional)').fill('fr');
      await form.getByLabel('Budget ceiling per trip (optional)').fill('3000');
      await form.getByLabel('Minimum advance booking').fill('7');
      await form.getByRole('button', { name: 'Add a city cap' }).click();
      await form.getByLabel('City', { exact: true }).fill('Paris');
      await form.getByLabel('Country (optional)').fill('fr');
      await form.getByLabel('Max per night').fill('220');
      await form.getByLabel('Preferred airlines (optional)').fill('FR');
      await form.getByRole('button', { name: 'Save policy' }).click();
      await form.getByText('An airline cannot be both preferred and blocked').waitFor();
      await form.getByLabel('Preferred airlines (optional)').fill('LH, LX');
      await form.getByRole('button', { name: 'Save policy' }).click();
      await adminPage.getByText('Policy saved as version 2.', { exact: false }).waitFor();
      await checkpoint(adminPage, 'policy-01-admin-1440');
      const saved = await must(api.GET('/api/organizations/current/policy'));
      expect(saved).toMatchObject({
        version: 2,
        cabinRules: [{ cabin: 'business', fromMinutes: 540 }],
        maxConnections: 1,
        blockedAirlines: ['FR'],
        preferredAirlines: ['LH', 'LX'],
        cityNightlyCaps: [{ city: 'Paris', countryCode: 'FR', maxNightlyRate: '220.00' }],
        tripBudgetCeiling: '3000.00',
      });

      const { page: adminPhone } = await newPage(browser, PHONE);
      await signIn(adminPhone, admin.email);
      await adminPhone.goto('/admin/policy');
      await adminPhone.getByRole('button', { name: 'Add a reason' }).waitFor();
      await checkpoint(adminPhone, 'policy-02-admin-390');

      // Two trips submitted by the admin: one in policy, one over the ceiling on short notice.
      const trip = (title: string, startIn: number, amount: string) =>
        must(
          api.POST('/api/trips', {
            body: {
              title,
              destination: 'Vienna',
              timezone: 'Europe/Vienna',
              startDate: dayFromToday(startIn),
              endDate: dayFromToday(startIn + 2),
              budget: { amount, currency: 'EUR' },
            },
          }),
        );
      const fine = await trip('Vienna partner day', 20, '1200.00');
      const over = await trip('Vienna trade fair', 3, '4200.00');
      for (const { id } of [fine, over])
        await must(api.POST('/api/trips/{id}/submit', { params: { path: { id } }, body: {} }));

      // A manager decides, reading the reasons the API stored with each trip.
      const email = unique('milan');
      const invitation = await must(
        api.POST('/api/organizations/current/invitations', { body: { email, role: 'manager' } }),
      );
      const token = new URL(invitation.inviteUrl).pathname.split('/').pop()!;
      await must(
        apiAs(null).POST('/api/auth/accept-invitation', { body: { token, name: 'Milan Manager', password: PASSWORD } }),
      );

      for (const [viewport, name] of [
        [DESKTOP, 'policy-03-approvals-1440'],
        [PHONE, 'policy-04-approvals-390'],
      ] as const) {
        const { page } = await newPage(browser, viewport);
        await signIn(page, email);
        await page.goto('/admin/approvals');
        const overCard = page.getByRole('region', { name: 'Vienna trade fair' });
        const fineCard = page.getByRole('region', { name: 'Vienna partner day' });
        await overCard.getByText('Out of policy', { exact: true }).waitFor();
        await overCard.getByText('Budget €4,200.00 is over the €3,000.00 ceiling.').waitFor();
        await overCard.getByText("Starts in 3 days; the policy asks for 7 days' notice.").waitFor();
        await fineCard.getByText('In policy', { exact: true }).waitFor();
        await checkpoint(page, name);
        if (viewport === PHONE) await page.close();
      }

      // The trip page carries the same verdict, with the policy version it was judged against.
      const { page: tripPage } = await newPage(browser, DESKTOP);
      await signIn(tripPage, admin.email);
      await tripPage.goto(`/trips/${over.id}`);
      const panel = tripPage.getByRole('region', { name: 'Travel policy' });
      await panel.getByText('Budget €4,200.00 is over the €3,000.00 ceiling.').waitFor();
      await panel.getByText(/^Policy version 2, checked /).waitFor();
      await checkpoint(tripPage, 'policy-05-trip-page-1440');
      const { page: tripPhone } = await newPage(browser, PHONE);
      await signIn(tripPhone, admin.email);
      await tripPhone.goto(`/trips/${over.id}`);
      await tripPhone
        .getByRole('region', { name: 'Travel policy' })
        .getByText('Out of policy', { exact: true })
        .waitFor();
      await checkpoint(tripPhone, 'policy-06-trip-page-390');
    });
  });
});
