import type { Browser } from 'playwright-core';
import {
  capturingFailures,
  waitUntil,
  dayFromToday,
  launchBrowser,
  newPage,
  PASSWORD,
  unique,
} from './support/harness';
import { checkpoint } from './support/axe';

/**
 * The first hour of a new customer: sign up, plan a trip to a destination found by autocomplete,
 * build the itinerary, see it on the timeline and the map, submit it.
 */
describe('a new organization plans and submits its first trip', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs up, creates a trip with two activities on the timeline and the map, and submits it', async () => {
    await capturingFailures(browser, 'traveller-journey', async () => {
      const { page } = await newPage(browser);
      const start = dayFromToday(14);
      const end = dayFromToday(16);

      await page.goto('/');
      await page.waitForURL('**/sign-in**');
      await page.getByRole('link', { name: 'Create an organization' }).click();
      await page.getByLabel('Your name').fill('Ada Lovelace');
      await page.getByLabel('Work e-mail').fill(unique('ada'));
      await page.getByLabel('Organization').fill('Analytical Engines');
      await page.getByLabel('Password').fill('short');
      await page.getByRole('button', { name: 'Create organization' }).click();
      await page.getByText('Use at least 12 characters').waitFor();
      await checkpoint(page, '01-sign-up-validation');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create organization' }).click();
      await page.waitForURL('**/dashboard**');
      await page.getByRole('heading', { name: 'Hello, Ada' }).waitFor();
      // The sign-up's own redirect wins: the welcome banner shows.
      await page.getByText('Welcome to NestMap').waitFor();
      await page.getByText('Nothing coming up').waitFor();
      await checkpoint(page, '02-dashboard-new-organization');

      // Tokens live in memory and an httpOnly cookie: nothing readable by scripts.
      const storage = await page.evaluate(() => ({
        local: JSON.stringify(localStorage),
        session: JSON.stringify(sessionStorage),
        cookies: document.cookie,
      }));
      expect(storage).toEqual({ local: '{}', session: '{}', cookies: '' });

      await page.getByRole('link', { name: 'My trips', exact: true }).click();
      await page.getByText('No trips yet').waitFor();
      await page.getByRole('main').getByRole('link', { name: 'Plan a trip' }).last().click();
      await page.waitForURL('**/trips/new');
      await page.getByLabel('Title').fill('Sales kick-off Berlin');
      await page.getByRole('combobox', { name: 'Destination' }).pressSequentially('Berl', { delay: 40 });
      const berlin = page.getByRole('option', { name: /Berlin\s*Germany/ });
      await berlin.waitFor();
      await checkpoint(page, '03-destination-autocomplete');
      await berlin.click();
      await page.getByText('✓ On the map').waitFor();
      await page.getByLabel('First day').fill(start);
      await page.getByLabel('Last day').fill(end);
      await page.getByLabel(/^Purpose/).fill('Kick-off with the Berlin sales team and two customer workshops.');
      await page.getByLabel(/^Budget/).fill('2500');
      await page.getByRole('button', { name: 'Create trip' }).click();
      await page.waitForURL(/\/trips\/[0-9a-f-]{36}/);
      await page.getByRole('heading', { name: 'Sales kick-off Berlin' }).waitFor();
      await page.getByText('Trip created').waitFor();

      // First activity: coordinates typed in.
      await page.getByRole('button', { name: 'Add the first activity' }).click();
      const form = page.getByRole('form', { name: 'New activity' });
      await form.getByLabel('Title').fill('Customer workshop');
      await form.getByLabel('Starts').fill('09:30');
      await form.getByLabel(/^Ends \(optional\)/).fill('12:00');
      await form.getByLabel(/^Latitude/).fill('52.5163');
      await form.getByLabel(/^Longitude/).fill('13.3777');
      await form.getByRole('button', { name: 'Add activity' }).click();
      await page.getByTestId('timeline-activity').filter({ hasText: 'Customer workshop' }).waitFor();

      // Second activity the same day: an impossible end time is refused by the form first.
      await page
        .getByRole('button', { name: /^Add an activity on / })
        .first()
        .click();
      const second = page.getByRole('form', { name: 'New activity' });
      await second.getByLabel('Title').fill('Team dinner');
      await second.getByLabel('Type').selectOption('meal');
      await second.getByLabel('Starts').fill('19:00');
      await second.getByLabel(/^Ends \(optional\)/).fill('18:00');
      await second.getByRole('button', { name: 'Add activity' }).click();
      await second.getByText('It must end after it starts').waitFor();
      await second.getByLabel(/^Ends \(optional\)/).fill('21:30');
      await second.getByRole('combobox', { name: /^Place/ }).pressSequentially('Potsd', { delay: 40 });
      await page.getByRole('option', { name: /Potsdam/ }).click();
      await second.getByRole('button', { name: 'Add activity' }).click();

      const cards = page.getByTestId('timeline-activity');
      await cards.nth(1).waitFor();
      expect(await cards.count()).toBe(2);
      expect(await cards.allInnerTexts()).toEqual([
        expect.stringContaining('09:30 – 12:00'),
        expect.stringContaining('19:00 – 21:30'),
      ]);

      // Both on the map, joined by the day's route.
      const markers = page.locator('.leaflet-marker-icon:has([data-state])');
      await markers.nth(1).waitFor();
      expect(await markers.count()).toBe(2);
      expect(await page.locator('.leaflet-overlay-pane path.leaflet-interactive').count()).toBe(1);
      // The bundled basemap is drawn even with no tiles.
      await page.locator('.leaflet-basemap-pane canvas').first().waitFor();

      // Map → timeline.
      await page.locator('.leaflet-marker-icon[title$="Team dinner"]').click();
      await page
        .locator('[data-testid="timeline-activity"][aria-current="true"]', { hasText: 'Team dinner' })
        .waitFor();
      // Timeline → map.
      await page.getByRole('button', { name: /^09:30 – 12:00\s*Customer workshop/ }).click();
      await page.locator('.leaflet-marker-icon[title$="Customer workshop"] [data-state="active"]').waitFor();
      await checkpoint(page, '04-trip-nestmap-view');

      // A third activity 500 km away ten minutes later: the conflict shows on both cards and above.
      await page
        .getByRole('button', { name: /^Add an activity on / })
        .first()
        .click();
      const third = page.getByRole('form', { name: 'New activity' });
      await third.getByLabel('Title').fill('Call at the Munich office');
      await third.getByLabel('Starts').fill('12:10');
      await third.getByLabel(/^Latitude/).fill('48.137');
      await third.getByLabel(/^Longitude/).fill('11.575');
      await third.getByRole('button', { name: 'Add activity' }).click();
      await page.getByRole('alert').filter({ hasText: '1 conflict in this itinerary' }).waitFor();
      const munich = page
        .getByTestId('timeline-activity')
        .filter({ has: page.getByRole('button', { name: /^12:10\s*Call at the Munich office/ }) });
      await munich.getByRole('note').filter({ hasText: 'Travel time' }).waitFor();
      await checkpoint(page, '04b-trip-conflict');
      await munich.getByRole('button', { name: 'Delete “Call at the Munich office”' }).click();
      await munich.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete' }).click();
      await munich.waitFor({ state: 'detached' });
      expect(await page.getByText('1 conflict in this itinerary').count()).toBe(0);

      // Place the dinner by clicking the map.
      const dinner = page
        .getByTestId('timeline-activity')
        .filter({ has: page.getByRole('button', { name: /^19:00 – 21:30\s*Team dinner/ }) });
      await dinner.getByRole('button', { name: 'Edit “Team dinner”' }).click();
      const edit = page.getByRole('form', { name: 'Edit “Team dinner”' });
      const latitudeBefore = await edit.getByLabel(/^Latitude/).inputValue();
      await edit.getByRole('button', { name: 'Pick on the map' }).click();
      await page.getByText('Click the map to place the activity').waitFor();
      const map = page.getByRole('region', { name: 'Map of the itinerary' });
      const box = (await map.boundingBox())!;
      await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.6);
      await waitUntil(async () => (await edit.getByLabel(/^Latitude/).inputValue()) !== latitudeBefore);
      expect(await edit.getByLabel(/^Latitude/).inputValue()).not.toBe(latitudeBefore);
      await edit.getByRole('button', { name: 'Save activity' }).click();
      await edit.waitFor({ state: 'detached' });

      // "Add to calendar" downloads the trip's .ics; "Subscribe" shows the private feed address.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Add to calendar' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('Sales kick-off Berlin.ics');
      const ics = await new Promise<string>((resolve, reject) => {
        download.createReadStream().then((stream) => {
          let text = '';
          stream.on('data', (chunk) => (text += chunk));
          stream.on('end', () => resolve(text));
          stream.on('error', reject);
        }, reject);
      });
      expect(ics).toContain('BEGIN:VCALENDAR');
      expect(ics).toContain('Team dinner');
      await page.getByRole('button', { name: 'Subscribe' }).click();
      const feed = page.getByRole('dialog', { name: 'Subscribe to your trips' }).getByLabel('Calendar feed address');
      await waitUntil(async () => (await feed.count()) > 0 && (await feed.inputValue()).endsWith('.ics'));
      expect(await feed.inputValue()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/calendar\/[\w-]{43}\.ics$/);
      await page.getByRole('button', { name: 'Done' }).click();

      // A reload keeps the session: the httpOnly cookie is refreshed into a new in-memory token.
      await page.reload();
      await page.getByRole('heading', { name: 'Sales kick-off Berlin' }).waitFor();

      await page.getByRole('button', { name: 'Submit for approval' }).click();
      await page.getByText('Submitted: an approver has been notified.').waitFor();
      await page.getByText('Waiting for approval').first().waitFor();
      expect(await page.getByRole('button', { name: 'Submit for approval' }).count()).toBe(0);
      await checkpoint(page, '05-trip-submitted');

      // The same page on a phone (same browser profile, so the same session).
      const phonePage = await page.context().newPage();
      await phonePage.setViewportSize({ width: 390, height: 844 });
      await phonePage.goto(page.url());
      await phonePage.getByRole('heading', { name: 'Sales kick-off Berlin' }).waitFor();
      await phonePage.locator('.leaflet-marker-icon:has([data-state])').nth(1).waitFor();
      await checkpoint(phonePage, '06-trip-phone');
      await phonePage.goto('/trips');
      await phonePage.getByRole('link', { name: 'Sales kick-off Berlin' }).waitFor();
      await checkpoint(phonePage, '07-trips-list-phone');
    });
  });
});
