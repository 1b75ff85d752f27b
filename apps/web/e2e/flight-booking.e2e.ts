import type { Browser, Page } from 'playwright-core';
import { checkpoint, look } from './support/axe';
import { bookerWithPolicy } from './support/booker';
import { capturingFailures, dayFromToday, launchBrowser, must, newPage, signIn } from './support/harness';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The offers on the page, each a list item of the results. */
const offerItems = (page: Page) => page.locator('section[aria-labelledby="flight-results"] > ul > li');

async function searchLondonParis(page: Page): Promise<void> {
  const form = page.getByRole('form', { name: 'Flight search' });
  // The places autocomplete finds airports by a word of their name and fills in the code.
  await form.getByRole('combobox', { name: 'From' }).fill('Heathrow');
  await page
    .getByRole('option', { name: /Heathrow/ })
    .first()
    .click();
  expect(await form.getByRole('combobox', { name: 'From' }).inputValue()).toBe('LHR');
  await form.getByRole('combobox', { name: 'To' }).fill('CDG');
  await form.getByRole('combobox', { name: 'To' }).press('Escape');
  await form.getByRole('button', { name: 'Search flights' }).click();
  await page.getByRole('heading', { level: 2, name: /^\d+ offers$/ }).waitFor();
}

/** docs/booking.md in the browser: from the trip page to a confirmed sandbox flight on its timeline. */
describe('booking a flight from a trip', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('searches the sandbox, shows each offer’s verdict, books an in-policy one and puts it on the timeline', async () => {
    await capturingFailures(browser, 'flight-booking', async () => {
      // A return London–Paris costs 57–242 EUR in the sandbox: the cheap ones are in policy, the rest need approval.
      const { admin, api } = await bookerWithPolicy('Farah', { maxFlightFare: '60.00', outOfPolicy: 'needs_approval' });
      const trip = await must(
        api.POST('/api/trips', {
          body: {
            title: 'Paris partner review',
            destination: 'Paris',
            destinationCountry: 'France',
            timezone: 'Europe/Paris',
            startDate: dayFromToday(30),
            endDate: dayFromToday(33),
          },
        }),
      );

      const { context, page } = await newPage(browser, DESKTOP);
      await signIn(page, admin.email);
      await page.goto(`/trips/${trip.id}`);
      await page.getByRole('heading', { level: 1, name: 'Paris partner review' }).waitFor();
      await page.getByRole('link', { name: 'Book a flight' }).click();
      await page.getByRole('heading', { level: 1, name: 'Book a flight' }).waitFor();
      // The dates come from the trip.
      expect(await page.getByLabel('Departure').inputValue()).toBe(dayFromToday(30));
      expect(await page.getByLabel('Return', { exact: false }).inputValue()).toBe(dayFromToday(33));

      await searchLondonParis(page);
      await page.getByText('Sandbox — not a real booking').first().waitFor();
      const offers = offerItems(page);
      expect(await offers.count()).toBeGreaterThan(1);
      // Cheapest first: in policy; further down, over the fare cap, with the reason behind a disclosure.
      await offers.first().getByText('In policy', { exact: true }).waitFor();
      const dearer = offers.filter({ hasText: 'Needs approval' }).first();
      for (let pages = 0; (await dearer.count()) === 0 && pages < 10; pages++) {
        const shown = await offers.first().getAttribute('aria-label');
        await page.getByRole('navigation', { name: 'Pagination' }).getByRole('button', { name: 'Next' }).click();
        await page.waitForFunction(
          (before) =>
            document
              .querySelector('section[aria-labelledby="flight-results"] > ul > li')
              ?.getAttribute('aria-label') !== before,
          shown,
        );
      }
      await dearer.getByText('Why it needs approval').click();
      await dearer.getByText(/fare/i).first().waitFor();
      await checkpoint(page, 'flight-booking-01-results-1440');

      // Filters: in policy only leaves no offer that needs approval.
      await page.getByLabel('In policy only').check();
      await page.waitForFunction(
        () =>
          !document.querySelector('section[aria-labelledby="flight-results"] > ul[aria-busy="true"]') &&
          document.querySelectorAll('section[aria-labelledby="flight-results"] > ul > li').length > 0,
      );
      await offers.first().getByText('In policy', { exact: true }).waitFor();
      expect(await offers.filter({ has: page.getByText('Needs approval', { exact: true }) }).count()).toBe(0);

      // The dialog: labelled, closed by Escape, focus back on its opener.
      const first = offers.first();
      await first.getByRole('button', { name: 'Book' }).click();
      const dialog = page.getByRole('dialog', { name: /^Book / });
      await dialog.waitFor();
      await dialog.getByText('Farah (you)').waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Book');

      const price = (await first.locator('p').last().textContent())!;
      await first.getByRole('button', { name: 'Book' }).click();
      await dialog.waitFor();
      await dialog.getByText('Sandbox — not a real booking').waitFor();
      await checkpoint(page, 'flight-booking-02-dialog-1440');
      await dialog.getByRole('button', { name: 'Book flight' }).click();
      const booked = page.getByRole('dialog', { name: 'Flight booked' });
      await booked.getByText(/Confirmed: booking reference SBX-[A-Z0-9]{6}/).waitFor();
      await checkpoint(page, 'flight-booking-03-confirmed-1440');
      const reference = (await booked.getByText(/booking reference/).textContent())!.match(/SBX-[A-Z0-9]{6}/)![0];

      // The booking is listed on the flights page, and the trip's timeline has the flight.
      await booked.getByRole('button', { name: 'Close' }).click();
      const list = page.getByRole('region', { name: 'Bookings' });
      await list.getByText(reference).waitFor();
      await list.getByText('LHR → CDG → LHR').waitFor();
      await list.getByText('Confirmed').waitFor();

      await page.getByRole('link', { name: '← Paris partner review' }).click();
      await page.getByRole('heading', { level: 1, name: 'Paris partner review' }).waitFor();
      await page
        .getByText(/^Flight \w+ LHR → CDG$/)
        .first()
        .waitFor();
      await checkpoint(page, 'flight-booking-06-trip-timeline-1440');
      const stored = await must(api.GET('/api/trips/{id}/bookings', { params: { path: { id: trip.id } } }));
      expect(stored.items).toHaveLength(1);
      expect(stored.items[0]).toMatchObject({ status: 'confirmed', supplier: 'sandbox', bookingReference: reference });
      expect(price).toContain(String(Math.round(Number(stored.items[0].price.amount))));

      // Cancelling it: a quote first (a Classic fare refunds nothing, a Flex one all but its penalty),
      // in a labelled dialog that Escape closes; then confirmed, and the flight leaves the timeline.
      await page.getByRole('link', { name: 'Book a flight' }).click();
      await page.getByRole('heading', { level: 1, name: 'Book a flight' }).waitFor();
      await list.getByRole('button', { name: 'Cancel booking…' }).click();
      const cancel = page.getByRole('dialog', { name: 'Cancel this booking?' });
      await cancel
        .getByText(/^Refund: .+ \(to the organization’s balance\), this quote is valid until \d\d:\d\d\./)
        .waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep it');
      await page.keyboard.press('Escape');
      await cancel.waitFor({ state: 'hidden' });
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Confirm the cancellation…');
      // Quoted now (as another tab would find it): the stored quote is shown without asking again.
      await list.getByText('Cancellation quoted').waitFor();
      const quoted = await must(api.GET('/api/trips/{id}/bookings', { params: { path: { id: trip.id } } }));
      expect(quoted.items[0]).toMatchObject({
        status: 'cancellation_quoted',
        allowedActions: expect.arrayContaining(['quote_cancellation', 'cancel']),
      });
      await list.getByRole('button', { name: 'Confirm the cancellation…' }).click();
      await cancel.getByText(/^Refund: /).waitFor();
      await look(page, 'flight-booking-08-cancellation-quote');
      await cancel.getByRole('button', { name: 'Cancel the booking' }).click();
      const done = page.getByRole('dialog', { name: 'Booking cancelled' });
      await done.getByText('The flights are off the trip’s itinerary.', { exact: false }).waitFor();
      await done.getByRole('button', { name: 'Close' }).click();
      await list.getByText('Cancelled', { exact: true }).waitFor();
      expect(await list.getByRole('button', { name: /Cancel booking|Confirm the cancellation/ }).count()).toBe(0);
      await look(page, 'flight-booking-09-cancelled');
      await page.getByRole('link', { name: '← Paris partner review' }).click();
      await page.getByRole('heading', { level: 1, name: 'Paris partner review' }).waitFor();
      // The flight was the trip's only activity: the timeline's empty state, and no flight left.
      await page.getByText('No activities yet').waitFor();
      expect(await page.getByText(/^Flight \w+ LHR → CDG$/).count()).toBe(0);
      await checkpoint(page, 'flight-booking-10-trip-after-cancellation-1440');
      const cancelledBooking = await must(api.GET('/api/trips/{id}/bookings', { params: { path: { id: trip.id } } }));
      expect(cancelledBooking.items[0]).toMatchObject({ status: 'cancelled', allowedActions: [] });
      await context.close();

      // On a phone: the same page, one column, nothing wider than the window.
      const phone = await newPage(browser, PHONE);
      await signIn(phone.page, admin.email);
      await phone.page.goto(`/trips/${trip.id}/flights`);
      await phone.page.getByRole('heading', { level: 1, name: 'Book a flight' }).waitFor();
      await searchLondonParis(phone.page);
      await offerItems(phone.page).first().getByText('In policy', { exact: true }).waitFor();
      expect(
        await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await checkpoint(phone.page, 'flight-booking-04-results-390');

      // Business class is not allowed on this policy: every offer needs approval, and booking one waits for it.
      await phone.page.getByLabel('Cabin').selectOption('business');
      await phone.page.getByRole('button', { name: 'Search flights' }).click();
      await offerItems(phone.page).first().getByText('Business', { exact: true }).waitFor();
      expect(
        await offerItems(phone.page)
          .filter({ has: phone.page.getByText('In policy', { exact: true }) })
          .count(),
      ).toBe(0);
      await offerItems(phone.page).first().getByRole('button', { name: 'Book' }).click();
      const approval = phone.page.getByRole('dialog', { name: /^Book / });
      await approval.getByText('the booking waits for an approver', { exact: false }).waitFor();
      await checkpoint(phone.page, 'flight-booking-05-needs-approval-390');
      await approval.getByRole('button', { name: 'Ask for approval' }).click();
      await phone.page.getByRole('dialog', { name: 'Waiting for approval' }).getByText('Sent for approval').waitFor();
      const afterwards = await must(api.GET('/api/trips/{id}/bookings', { params: { path: { id: trip.id } } }));
      expect(afterwards.items.map((booking) => booking.status)).toEqual(['cancelled', 'pending_approval']);
      await phone.context.close();
    });
  });

  it('asks for one of the policy’s reason codes when the policy allows an out-of-policy flight with a reason', async () => {
    await capturingFailures(browser, 'flight-booking-reason', async () => {
      const { admin, api } = await bookerWithPolicy('Ravi', {
        outOfPolicy: 'allowed_with_reason',
        reasonCodes: [
          { code: 'client_meeting', label: 'Client meeting' },
          { code: 'medical', label: 'Medical need' },
        ],
      });
      const trip = await must(
        api.POST('/api/trips', {
          body: {
            title: 'Paris client pitch',
            destination: 'Paris',
            timezone: 'Europe/Paris',
            startDate: dayFromToday(40),
            endDate: dayFromToday(41),
          },
        }),
      );

      const { context, page } = await newPage(browser, DESKTOP);
      await signIn(page, admin.email);
      await page.goto(`/trips/${trip.id}/flights`);
      await page.getByRole('heading', { level: 1, name: 'Book a flight' }).waitFor();
      await page.getByLabel('Return', { exact: false }).fill('');
      await page.getByLabel('Cabin').selectOption('business');
      await searchLondonParis(page);
      const offer = offerItems(page).first();
      await offer.getByText('Needs a reason', { exact: true }).waitFor();
      await offer.getByRole('button', { name: 'Book' }).click();

      const dialog = page.getByRole('dialog', { name: /^Book / });
      const reason = dialog.getByLabel('Reason for booking out of policy');
      await reason.waitFor();
      // The picker is the dialog's first question, and nothing is sent before it is answered.
      expect(await reason.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await dialog.getByRole('button', { name: 'Book flight' }).isDisabled()).toBe(true);
      await reason.selectOption('client_meeting');
      await checkpoint(page, 'flight-booking-07-reason-code-1440');
      await dialog.getByRole('button', { name: 'Book flight' }).click();
      await page
        .getByRole('dialog', { name: 'Flight booked' })
        .getByText(/Confirmed: booking reference SBX-/)
        .waitFor();

      const stored = await must(api.GET('/api/trips/{id}/bookings', { params: { path: { id: trip.id } } }));
      expect(stored.items[0]).toMatchObject({
        status: 'confirmed',
        policy: { verdict: 'in_policy', reasonCode: 'client_meeting' },
      });
      expect(stored.items[0].offer!.slices).toHaveLength(1);
      await context.close();
    });
  });
});
