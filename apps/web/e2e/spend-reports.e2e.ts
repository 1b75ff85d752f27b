import type { Browser } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { checkpoint } from './support/axe';
import {
  apiAs,
  capturingFailures,
  dayFromToday,
  launchBrowser,
  must,
  newPage,
  registerOrganization,
  signIn,
} from './support/harness';

const VIEWS = [
  { width: 1440, height: 900, locale: 'en-US' },
  { width: 1024, height: 800, locale: 'en-GB' },
  { width: 390, height: 844, locale: 'en-GB' },
] as const;

/** Issue 11 § Spend and CO2 reports: an admin reads the spend of sandbox bookings and downloads the CSV. */
describe('the spend report', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('charts and tabulates the bookings, filters by cost centre, and downloads them as CSV', async () => {
    await capturingFailures(browser, 'spend-reports', async () => {
      const admin = await registerOrganization('Reza');
      const api = apiAs(admin.token);
      await must(
        api.PUT('/api/organizations/current/policy', {
          body: {
            currency: 'EUR',
            allowedCabinClasses: ['economy'],
            maxFlightFare: null,
            maxHotelNightlyRate: null,
            minAdvanceBookingDays: 0,
            tripBudgetCeiling: null,
          },
        }),
      );
      await must(
        api.PUT('/api/users/me/passenger-profile', {
          body: {
            givenName: 'Reza',
            familyName: 'Karimi',
            bornOn: '1986-02-03',
            gender: 'm',
            title: 'mr',
            email: admin.email,
            phoneNumber: '+442071234567',
          },
        }),
      );
      // Two trips of two cost centres, each with a booked sandbox flight.
      const booked: { amount: string; kg: number }[] = [];
      for (const [title, costCentre, destination] of [
        ['Paris roadshow', 'SALES-EU', 'CDG'],
        ['Berlin sprint', 'ENG', 'BER'],
      ] as const) {
        const trip = await must(
          api.POST('/api/trips', {
            body: {
              title,
              destination: title.split(' ')[0],
              costCentre,
              startDate: dayFromToday(30),
              endDate: dayFromToday(33),
            },
          }),
        );
        const search = await must(
          api.POST('/api/trips/{id}/flight-searches', {
            params: { path: { id: trip.id } },
            body: { slices: [{ origin: 'LHR', destination, departureDate: dayFromToday(30) }], cabin: 'economy' },
          }),
        );
        const offer = search.items[0];
        await must(
          api.POST('/api/trips/{id}/bookings', {
            params: { path: { id: trip.id }, header: { 'Idempotency-Key': `report-${costCentre}` } },
            body: { offerId: offer.id },
          }),
        );
        booked.push({ amount: offer.totalAmount.amount, kg: offer.emissionsKg ?? 0 });
      }

      for (const view of VIEWS) {
        const { page } = await newPage(browser, view, view.locale);
        await signIn(page, admin.email);
        await page.goto('/admin/approvals');
        await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
        await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
        await page.getByRole('table', { name: 'Spend per cost centre' }).waitFor();
        // The charts load after the tables; each has a text alternative.
        await page
          .getByRole('img', { name: /Bar chart of net spend per month/ })
          .locator('svg')
          .first()
          .waitFor();
        const centres = page.getByRole('table', { name: 'Spend per cost centre' });
        await centres.getByRole('cell', { name: 'SALES-EU' }).waitFor();
        await centres.getByRole('cell', { name: 'ENG' }).waitFor();
        await page.getByRole('table', { name: 'Spend per traveller' }).getByRole('cell', { name: 'Reza' }).waitFor();
        await checkpoint(page, `reports-01-${view.width}-${view.locale}`);
        await page.close();
      }

      const { page } = await newPage(browser, VIEWS[0], 'en-US');
      await signIn(page, admin.email);
      await page.goto('/admin/reports');
      const bookings = page.getByRole('definition').filter({ hasText: /^2$/ });
      await bookings.first().waitFor();
      // Filtered to one cost centre: one booking left.
      const filters = page.getByRole('search', { name: 'Filter the report' });
      await filters.getByLabel('Cost centre').fill('ENG');
      await filters.getByLabel('Cost centre').press('Enter');
      const centres = page.getByRole('table', { name: 'Spend per cost centre' });
      await centres.getByRole('cell', { name: 'SALES-EU' }).waitFor({ state: 'detached' });
      await centres.getByRole('cell', { name: 'ENG' }).waitFor();

      // The admin sets a budget for a cost centre; what it has spent shows beside it.
      const budgetForm = page.getByRole('form', { name: 'Set a cost-centre budget' });
      await budgetForm.getByLabel('Cost centre').fill('ENG');
      await budgetForm.getByLabel(/^Budget for/).fill('100');
      await budgetForm.getByRole('button', { name: 'Save budget' }).click();
      const budgets = page.getByRole('table', { name: /^Cost-centre budgets/ });
      await budgets.getByRole('cell', { name: 'ENG' }).waitFor();
      await budgets.getByRole('cell', { name: '€100', exact: true }).waitFor();
      await checkpoint(page, 'reports-02-budget-1440-en-US');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^spend-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\r\n');
      expect(csv).toHaveLength(2);
      expect(csv[1]).toContain(',Berlin sprint,Berlin,ENG,sandbox,Reza,');
      expect(csv[1]).toContain(`,${booked[1].amount},EUR,1,${booked[1].amount},EUR,${booked[1].kg},in_policy,`);
    });
  });
});
