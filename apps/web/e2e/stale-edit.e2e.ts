import type { Browser } from 'playwright-core';
import {
  capturingFailures,
  apiAs,
  dayFromToday,
  launchBrowser,
  must,
  newPage,
  registerOrganization,
  signIn,
} from './support/harness';
import { checkpoint } from './support/axe';

describe('editing a trip someone else just changed', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('explains the 409 instead of overwriting, and lets the user load the newer version', async () => {
    await capturingFailures(browser, 'stale-edit', async () => {
      const owner = await registerOrganization('Katherine');
      const api = apiAs(owner.token);
      const trip = await must(
        api.POST('/api/trips', {
          body: {
            title: 'Paris offsite',
            destination: 'Paris',
            startDate: dayFromToday(20),
            endDate: dayFromToday(22),
            latitude: 48.86,
            longitude: 2.35,
          },
        }),
      );

      const { page } = await newPage(browser);
      await signIn(page, owner.email);
      await page.goto(`/trips/${trip.id}/edit`);
      await page.getByLabel('Title').fill('Paris offsite (mine)');

      // Meanwhile, someone else saves a change.
      await must(
        api.PATCH('/api/trips/{id}', {
          params: { path: { id: trip.id }, header: { 'if-match': `"${trip.version}"` } },
          body: { title: 'Paris offsite (theirs)', version: trip.version },
        }),
      );

      await page.getByRole('button', { name: 'Save changes' }).click();
      const alert = page
        .getByRole('alert')
        .filter({ hasText: 'Someone else changed this trip while you were editing' });
      await alert.waitFor();
      await alert.getByText(/you started from version 1, and the trip is now at version 2/).waitFor();
      await alert.getByText('not saved').waitFor();
      await checkpoint(page, '19-stale-edit-conflict');

      await alert.getByRole('button', { name: 'Discard my changes and load theirs' }).click();
      expect(await page.getByLabel('Title').inputValue()).toBe('Paris offsite (theirs)');
      await page.getByLabel('Title').fill('Paris offsite (agreed)');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.waitForURL((url) => url.pathname === `/trips/${trip.id}`);
      await page.getByRole('heading', { name: 'Paris offsite (agreed)' }).waitFor();
      await page.getByText('Changes saved.').waitFor();
    });
  });
});
