import type { Browser, Page } from 'playwright-core';
import {
  apiAs,
  capturingFailures,
  dayFromToday,
  launchBrowser,
  must,
  newPage,
  registerOrganization,
  signIn,
  urls,
  waitUntil,
} from './support/harness';
import { checkpoint } from './support/axe';

/** The trip page's itinerary: empty state, focus after deleting, two tabs, feeds, flights. */
describe('the itinerary on the trip page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const day = dayFromToday(20);

  async function tripWithOwner(name: string) {
    const owner = await registerOrganization(name);
    const api = apiAs(owner.token);
    const trip = await must(
      api.POST('/api/trips', {
        body: {
          title: 'Newark visit',
          destination: 'Berlin',
          startDate: day,
          endDate: dayFromToday(22),
          latitude: 52.52,
          longitude: 13.405,
        },
      }),
    );
    const add = (title: string, time: string, extra: Record<string, unknown> = {}) =>
      must(
        api.POST('/api/trips/{tripId}/activities', {
          params: { path: { tripId: trip.id } },
          body: { title, type: 'meeting', startsAt: `${day}T${time}:00+01:00`, timezone: 'Europe/Berlin', ...extra },
        }),
      );
    return { owner, api, trip, add };
  }

  const card = (page: Page, title: string) => page.getByTestId('timeline-activity').filter({ hasText: title });
  const focusedCardId = (page: Page) => page.evaluate(() => document.activeElement?.closest('li')?.id ?? null);

  it('shows one empty state for a new trip, and after a deletion focuses the next card', async () => {
    await capturingFailures(browser, 'itinerary-empty-focus', async () => {
      const { owner, trip, add } = await tripWithOwner('Ines');
      const { page } = await newPage(browser);
      await signIn(page, owner.email);
      await page.goto(`/trips/${trip.id}`);
      await page.getByRole('heading', { name: 'Newark visit' }).waitFor();
      await page.getByText('No activities yet').waitFor();
      expect(await page.getByText('Nothing planned yet.').count()).toBe(0);
      await checkpoint(page, 'itinerary-new-trip');

      const call = await add('Morning call', '09:00');
      await add('Team lunch', '12:30');
      const review = await add('Design review', '15:00');
      await page.reload();
      await card(page, 'Design review').waitFor();
      expect(await page.getByText('No activities yet').count()).toBe(0);

      // Deleting the lunch moves focus to the review after it, not to the page body.
      await card(page, 'Team lunch').getByRole('button', { name: 'Delete “Team lunch”' }).click();
      await page.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete' }).click();
      await card(page, 'Team lunch').waitFor({ state: 'detached' });
      await waitUntil(async () => (await focusedCardId(page)) === `activity-${review.id}`);
      // The last card has no next one: the previous takes the focus.
      await card(page, 'Design review').getByRole('button', { name: 'Delete “Design review”' }).click();
      await page.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete' }).click();
      await waitUntil(async () => (await focusedCardId(page)) === `activity-${call.id}`);
    });
  });

  it('tells a tab that its edit is stale, or that the activity was deleted, instead of overwriting', async () => {
    await capturingFailures(browser, 'itinerary-two-tabs', async () => {
      const { owner, api, trip, add } = await tripWithOwner('Jonas');
      const workshop = await add('Workshop', '10:00');
      const { context, page: tabA } = await newPage(browser);
      await signIn(tabA, owner.email);
      const tabB = await context.newPage();
      for (const tab of [tabA, tabB]) {
        await tab.goto(`/trips/${trip.id}`);
        await card(tab, 'Workshop').waitFor();
        await tab.getByRole('button', { name: 'Edit “Workshop”' }).click();
        await tab.getByRole('heading', { name: 'Edit “Workshop”' }).waitFor();
      }

      // B renames and saves; A, still on the first version, sets the end time.
      await tabB.getByLabel('Title').fill('Customer workshop');
      await tabB.getByRole('button', { name: 'Save activity' }).click();
      await card(tabB, 'Customer workshop').waitFor();
      await tabA.getByLabel(/^Ends \(optional\)/).fill('12:00');
      await tabA.getByRole('button', { name: 'Save activity' }).click();
      const alert = tabA
        .getByRole('alert')
        .filter({ hasText: 'Someone else changed this activity while you were editing' });
      await alert.waitFor();
      await alert.getByText('its title is now “Customer workshop”', { exact: false }).waitFor();
      await checkpoint(tabA, 'itinerary-stale-activity');
      await alert.getByRole('button', { name: 'Discard my changes and load theirs' }).click();
      expect(await tabA.getByLabel('Title').inputValue()).toBe('Customer workshop');
      await tabA.getByLabel(/^Ends \(optional\)/).fill('12:00');
      await tabA.getByRole('button', { name: 'Save activity' }).click();
      await card(tabA, 'Customer workshop').waitFor();
      const saved = (await must(api.GET('/api/trips/{tripId}/activities', { params: { path: { tripId: trip.id } } })))
        .items;
      expect(saved).toEqual([expect.objectContaining({ id: workshop.id, title: 'Customer workshop', version: 3 })]);
      expect(saved[0].endsAt).toMatch(/T12:00:00/);

      // Deleted elsewhere: the open tab hears of it (live updates, docs/realtime.md) and the card goes
      // before anyone can open its form.
      await must(api.DELETE('/api/activities/{id}', { params: { path: { id: workshop.id } } }));
      await card(tabB, 'Customer workshop').waitFor({ state: 'detached' });
      await checkpoint(tabB, 'itinerary-deleted-elsewhere');
    });
  });

  it('keeps the subscription address across reloads; only a confirmed reset replaces it', async () => {
    await capturingFailures(browser, 'itinerary-subscribe', async () => {
      const { owner, trip } = await tripWithOwner('Kira');
      const { page } = await newPage(browser);
      await signIn(page, owner.email);
      await page.goto(`/trips/${trip.id}`);
      const dialog = page.getByRole('dialog', { name: 'Subscribe to your trips' });
      const address = dialog.getByLabel('Calendar feed address');
      const open = async () => {
        await page.getByRole('button', { name: 'Subscribe' }).click();
        await waitUntil(async () => (await address.count()) > 0 && (await address.inputValue()).endsWith('.ics'));
        return address.inputValue();
      };
      const feedStatus = async (url: string) => (await fetch(`${urls().apiUrl}${new URL(url).pathname}`)).status;

      const first = await open();
      await dialog.getByRole('button', { name: 'Done' }).click();
      await page.reload();
      expect(await open()).toBe(first);
      expect(await feedStatus(first)).toBe(200);

      await dialog.getByRole('radio', { name: 'Only this trip' }).check();
      await waitUntil(async () => (await address.inputValue()) !== first);
      const tripFeed = await address.inputValue();
      expect(await feedStatus(tripFeed)).toBe(200);

      await dialog.getByRole('radio', { name: 'All my trips' }).check();
      await dialog.getByRole('button', { name: 'Reset address…' }).click();
      const warning = dialog.getByRole('alert').filter({ hasText: 'Reset the address?' });
      await warning.getByText(/stops updating/).waitFor();
      await checkpoint(page, 'itinerary-subscribe-reset-warning');
      await warning.getByRole('button', { name: 'Reset address' }).click();
      await waitUntil(async () => (await address.inputValue()) !== first);
      const second = await address.inputValue();
      expect(await feedStatus(first)).toBe(404);
      expect(await feedStatus(second)).toBe(200);
      expect(await feedStatus(tripFeed)).toBe(200);
      await dialog.getByRole('button', { name: 'Done' }).click();
      await page.reload();
      expect(await open()).toBe(second);
    });
  });

  it.each([
    ['en-US', 1440],
    ['en-GB', 1440],
    ['en-US', 390],
    ['en-GB', 390],
  ])('shows a flight that lands in another zone (%s, %i px)', async (locale, width) => {
    await capturingFailures(browser, `itinerary-flight-${locale}-${width}`, async () => {
      const { owner, trip, add } = await tripWithOwner('Lena');
      await add('LH 402 FRA→EWR', '20:00', {
        type: 'flight',
        endsAt: `${dayFromToday(20)}T23:30:00-05:00`,
        endTimezone: 'America/New_York',
      });
      const { page } = await newPage(browser, { width, height: 900 }, locale);
      await signIn(page, owner.email);
      await page.goto(`/trips/${trip.id}`);
      const flight = card(page, 'LH 402 FRA→EWR');
      await flight.waitFor();
      // Departure in Frankfurt's zone, arrival in New York's.
      expect(await flight.textContent()).toMatch(/(20:00|8:00\sPM) (CET|CEST|GMT\+1|GMT\+2) – .*(EST|EDT|GMT-4|GMT-5)/);
      await checkpoint(page, `itinerary-flight-${locale}-${width}`);
      await page.getByRole('button', { name: 'Edit “LH 402 FRA→EWR”' }).click();
      expect(await page.getByLabel(/^Ends in time zone/).inputValue()).toBe('America/New_York');
      await page.getByText(/it ends in New York time/).waitFor();
      await checkpoint(page, `itinerary-flight-form-${locale}-${width}`);
    });
  });
});
