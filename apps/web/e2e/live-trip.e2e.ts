import type { Browser, Page } from 'playwright-core';
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
  screenshot,
  signIn,
  unique,
} from './support/harness';

/** Issue 13 § Real time: two people on one trip page, one edits, the other sees it without a reload. */
/** The itinerary's cards (a title also stands in the comments' links and thread picker). */
const timeline = (page: Page) => page.getByTestId('timeline-activity');

describe('the trip page is live', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows another person's edit within 2 s, highlighted, and who else is looking", async () => {
    await capturingFailures(browser, 'live-trip', async () => {
      const owner = await registerOrganization('Katherine Owner');
      const api = apiAs(owner.token);
      const trip = await must(
        api.POST('/api/trips', {
          body: {
            title: 'Lisbon roadshow',
            destination: 'Lisbon',
            startDate: dayFromToday(20),
            endDate: dayFromToday(22),
          },
        }),
      );
      const activity = await must(
        api.POST('/api/trips/{tripId}/activities', {
          params: { path: { tripId: trip.id } },
          body: { title: 'Client breakfast', type: 'meeting', startsAt: `${dayFromToday(21)}T09:00:00+00:00` },
        }),
      );
      const email = unique('mary');
      const invitation = await must(
        api.POST('/api/organizations/current/invitations', { body: { email, role: 'manager' } }),
      );
      const manager = await must(
        apiAs(null).POST('/api/auth/accept-invitation', {
          body: {
            token: new URL(invitation.inviteUrl).pathname.split('/').pop()!,
            name: 'Mary Manager',
            password: PASSWORD,
          },
        }),
      );

      const { page: watching } = await newPage(browser, { width: 1440, height: 900 });
      await signIn(watching, owner.email);
      await watching.goto(`/trips/${trip.id}`);
      await timeline(watching).getByText('Client breakfast', { exact: true }).waitFor();

      const { page: editing } = await newPage(browser);
      await signIn(editing, email);
      await editing.goto(`/trips/${trip.id}`);
      await timeline(editing).getByText('Client breakfast', { exact: true }).waitFor();

      // Presence: each sees the other.
      await watching.getByRole('list', { name: 'Also looking at this trip: Mary Manager' }).waitFor();
      await editing.getByRole('list', { name: 'Also looking at this trip: Katherine Owner' }).waitFor();

      // Mary moves the breakfast (through the API, as her browser would); Katherine's page follows.
      await must(
        apiAs(manager.accessToken).PATCH('/api/activities/{id}', {
          params: { path: { id: activity.id }, header: { 'if-match': `"${activity.version}"` } },
          body: { title: 'Client breakfast, moved to 8:30', version: activity.version },
        }),
      );
      const changed = Date.now();
      const card = watching.locator(`#activity-${activity.id}`);
      await card.getByText('Client breakfast, moved to 8:30', { exact: true }).waitFor({ timeout: 2000 });
      expect(Date.now() - changed).toBeLessThan(2000);
      expect(await card.getAttribute('data-live-changed')).toBe('true');
      await watching
        .getByRole('status')
        .filter({ hasText: 'Mary Manager changed this trip' })
        .waitFor({ state: 'attached' });
      await screenshot(watching, '40-live-trip-highlighted-1440');

      // An activity Mary adds appears too, and the trip's own fields follow an edit.
      await must(
        apiAs(manager.accessToken).POST('/api/trips/{tripId}/activities', {
          params: { path: { tripId: trip.id } },
          body: { title: 'Harbour walk', type: 'other', startsAt: `${dayFromToday(21)}T17:00:00+00:00` },
        }),
      );
      await timeline(watching).getByText('Harbour walk', { exact: true }).waitFor({ timeout: 2000 });
      await must(
        apiAs(manager.accessToken).PATCH('/api/trips/{id}', {
          params: { path: { id: trip.id }, header: { 'if-match': `"${trip.version}"` } },
          body: { title: 'Lisbon roadshow (confirmed)', version: trip.version },
        }),
      );
      await watching.getByRole('heading', { name: 'Lisbon roadshow (confirmed)' }).waitFor({ timeout: 2000 });

      // Mary leaves: her avatar goes.
      await editing.close();
      await watching.getByRole('list', { name: /Also looking at this trip/ }).waitFor({ state: 'detached' });
      await look(watching, '41-live-trip');
    });
  });
});
