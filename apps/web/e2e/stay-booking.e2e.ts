import type { Browser, Page } from 'playwright-core';
import { checkpoint, expectNoSeriousA11yViolations } from './support/axe';
import { bookerWithPolicy } from './support/booker';
import { capturingFailures, dayFromToday, launchBrowser, must, newPage, screenshot, signIn } from './support/harness';

const WIDTHS = [1440, 1024, 390];

/** The rates on the page, each a list item of the results. */
const rateItems = (page: Page) => page.locator('section[aria-labelledby="stay-results"] > ul > li');

/** The page at each width, checked with axe and saved as `<name>-<locale>-<width>.png`. */
async function atEveryWidth(page: Page, name: string, locale: string): Promise<void> {
  const viewport = page.viewportSize()!;
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoSeriousA11yViolations(page, `${name} ${locale} ${width}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, `${name}-${locale}-${width}`);
  }
  await page.setViewportSize(viewport);
}

/** docs/stays.md in the browser: from the trip page to a confirmed sandbox stay on its timeline. */
describe('booking a hotel from a trip', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('searches sandbox hotels, shows each rate’s verdict, books an in-policy one and puts the stay on the timeline', async () => {
    await capturingFailures(browser, 'stay-booking', async () => {
      // Berlin's sandbox hotels cost about 50–300 EUR a night: the cheap rates are in policy, the dear ones need approval.
      const { admin, api } = await bookerWithPolicy('Hana', {
        maxHotelNightlyRate: '110.00',
        outOfPolicy: 'needs_approval',
      });
      const trip = await must(
        api.POST('/api/trips', {
          body: {
            title: 'Berlin partner summit',
            destination: 'Berlin',
            destinationCountry: 'Germany',
            timezone: 'Europe/Berlin',
            latitude: 52.52,
            longitude: 13.405,
            startDate: dayFromToday(30),
            endDate: dayFromToday(33),
          },
        }),
      );

      for (const locale of ['en-GB', 'en-US']) {
        const { context, page } = await newPage(browser, { width: 1440, height: 900 }, locale);
        await signIn(page, admin.email);
        await page.goto(`/trips/${trip.id}`);
        await page.getByRole('heading', { level: 1, name: 'Berlin partner summit' }).waitFor();
        await page.getByRole('link', { name: 'Book a hotel' }).click();
        await page.getByRole('heading', { level: 1, name: 'Book a hotel' }).waitFor();
        // The dates come from the trip.
        expect(await page.getByLabel('Check-in').inputValue()).toBe(dayFromToday(30));
        expect(await page.getByLabel('Check-out').inputValue()).toBe(dayFromToday(33));
        await page.getByRole('button', { name: 'Search hotels' }).click();
        await page.getByRole('heading', { level: 2, name: /^\d+ rates$/ }).waitFor();
        await page.getByText('Sandbox — not a real booking').first().waitFor();
        const rates = rateItems(page);
        expect(await rates.count()).toBeGreaterThan(3);
        await rates.first().getByText('In policy', { exact: true }).waitFor();
        // Dearer rates need approval, with the policy's reason behind a disclosure.
        await page.getByLabel('Sort by').selectOption('stars');
        const dearer = rates.filter({ hasText: 'Needs approval' }).first();
        await dearer.waitFor();
        await dearer.getByText('Why it needs approval').click();
        await dearer
          .getByText(/nightly/i)
          .first()
          .waitFor();
        await atEveryWidth(page, 'stay-booking-01-results', locale);
        await context.close();
      }

      const { context, page } = await newPage(browser, { width: 1440, height: 900 });
      await signIn(page, admin.email);
      await page.goto(`/trips/${trip.id}/stays`);
      await page.getByRole('heading', { level: 1, name: 'Book a hotel' }).waitFor();
      await page.getByRole('button', { name: 'Search hotels' }).click();
      await page.getByRole('heading', { level: 2, name: /^\d+ rates$/ }).waitFor();
      const first = rateItems(page).first();
      await first.getByText('In policy', { exact: true }).waitFor();
      const hotel = (await first.locator('p').first().textContent())!.replace(/★+.*$/, '').trim();
      await first.getByRole('button', { name: 'Book' }).click();
      const dialog = page.getByRole('dialog', { name: `Book ${hotel}` });
      await dialog.waitFor();
      await dialog.getByText('Hana (you)').waitFor();
      await checkpoint(page, 'stay-booking-02-dialog-1440');
      await dialog.getByRole('button', { name: 'Book stay' }).click();
      const booked = page.getByRole('dialog', { name: 'Stay booked' });
      await booked.getByText(/Confirmed: booking reference SBX-H[A-Z0-9]{6}/).waitFor();
      await checkpoint(page, 'stay-booking-03-confirmed-1440');
      const reference = (await booked.getByText(/booking reference/).textContent())!.match(/SBX-H[A-Z0-9]{6}/)![0];
      await booked.getByRole('button', { name: 'Close' }).click();
      const list = page.getByRole('region', { name: 'Bookings' });
      await list.getByText(reference).waitFor();
      await list.getByText(`${hotel}, Berlin`).waitFor();

      // The trip's timeline has the stay, as a lodging activity with the hotel's name.
      await page.getByRole('link', { name: '← Berlin partner summit' }).click();
      await page.getByRole('heading', { level: 1, name: 'Berlin partner summit' }).waitFor();
      await page.getByText(hotel).first().waitFor();
      await atEveryWidth(page, 'stay-booking-04-trip-timeline', 'en-GB');
      const stored = await must(api.GET('/api/trips/{id}/bookings', { params: { path: { id: trip.id } } }));
      expect(stored.items).toHaveLength(1);
      expect(stored.items[0]).toMatchObject({ kind: 'stay', status: 'confirmed', bookingReference: reference });
      const itinerary = await must(
        api.GET('/api/trips/{tripId}/activities', { params: { path: { tripId: trip.id } } }),
      );
      expect(itinerary.items).toEqual([
        expect.objectContaining({
          type: 'lodging',
          title: hotel,
          timezone: 'Europe/Berlin',
          bookingReference: reference,
        }),
      ]);
      await context.close();
    });
  });
});
