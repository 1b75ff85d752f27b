import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { look } from './support/axe';
import {
  apiAs,
  capturingFailures,
  launchBrowser,
  must,
  newPage,
  PASSWORD,
  registerOrganization,
  screenshot,
  signIn,
  unique,
  urls,
} from './support/harness';
import { ARTIFACTS } from './support/servers';

/** A colleague invited into `adminToken`'s organization, signed up through the invitation. */
async function addColleague(adminToken: string, name: string): Promise<{ email: string; id: string }> {
  const email = unique(name.split(' ')[0].toLowerCase());
  const invitation = await must(
    apiAs(adminToken).POST('/api/organizations/current/invitations', { body: { email, role: 'traveller' } }),
  );
  const token = new URL(invitation.inviteUrl).pathname.split('/').pop()!;
  const accepted = await must(
    apiAs(null).POST('/api/auth/accept-invitation', { body: { token, name, password: PASSWORD } }),
  );
  return { email, id: accepted.user.id };
}

/** 1024 px as well as look()'s 1440 and 390. */
async function lookAt1024(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 1024, height: 800 });
  await screenshot(page, `${name}-1024`);
  await page.setViewportSize(viewport);
}

/**
 * The collaboration section alone at each width: below the full-height map, a page capture grown
 * to the page's height pushes it out of the picture.
 */
async function lookAtSection(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const section = page.getByRole('region', { name: 'Collaboration' });
  for (const width of [1440, 1024, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: join(ARTIFACTS, 'screenshots', `${name}-${width}.png`) });
  }
  await page.setViewportSize(viewport);
}

describe('collaboration on a trip', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shares a trip with a colleague, mentions them (their bell counts it live), edits the comment, and shares a read-only link that stops on revocation', async () => {
    await capturingFailures(browser, 'collaboration', async () => {
      const admin = await registerOrganization('Rosa');
      const vic = await addColleague(admin.token, 'Vic Viewer');
      const trip = await must(
        apiAs(admin.token).POST('/api/trips', {
          body: {
            title: 'Partner summit Lisbon',
            destination: 'Lisbon',
            destinationCountry: 'Portugal',
            startDate: '2027-05-10',
            endDate: '2027-05-12',
            latitude: 38.7223,
            longitude: -9.1393,
            budget: { amount: '3000.00', currency: 'EUR' },
          },
        }),
      );
      await must(
        apiAs(admin.token).POST('/api/trips/{tripId}/activities', {
          params: { path: { tripId: trip.id } },
          body: {
            title: 'Summit dinner',
            type: 'meal',
            startsAt: '2027-05-10T20:00:00+01:00',
            timezone: 'Europe/Lisbon',
            locationName: 'Time Out Market',
            latitude: 38.7069,
            longitude: -9.1459,
            cost: { amount: '640.00', currency: 'EUR' },
            notes: 'Private: ask for Senhor Costa',
          },
        }),
      );

      // The admin shares the trip with Vic from the trip page.
      const { page: adminPage } = await newPage(browser, { width: 1440, height: 900 }, 'en-US');
      await signIn(adminPage, admin.email);
      await adminPage.goto(`/trips/${trip.id}`);
      await adminPage.getByRole('heading', { name: 'People' }).waitFor();
      await adminPage.getByLabel('Find a colleague').fill('Vic');
      await adminPage.getByRole('option', { name: /Vic Viewer/ }).waitFor({ state: 'attached' });
      await adminPage.getByLabel('Colleague', { exact: true }).selectOption({ label: `Vic Viewer (${vic.email})` });
      await adminPage.getByRole('button', { name: 'Share', exact: true }).click();
      await adminPage.getByRole('list', { name: 'Shared with' }).getByText('Vic Viewer').waitFor();

      // Vic sees the trip in their list and opens it.
      const { page: vicPage } = await newPage(browser, { width: 1440, height: 900 }, 'en-GB');
      await signIn(vicPage, vic.email);
      await vicPage.goto('/trips');
      await vicPage.getByRole('link', { name: 'Partner summit Lisbon' }).first().click();
      await vicPage.getByRole('heading', { name: 'Partner summit Lisbon' }).waitFor();
      await vicPage.getByRole('heading', { name: 'Comments' }).waitFor();

      // Vic's bell is live: the notice that the trip was shared with them, pushed over its socket.
      await vicPage.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor({ timeout: 10_000 });
      await vicPage.locator('[data-live="true"]').waitFor({ timeout: 10_000 });

      // The admin mentions Vic in a comment on the dinner; Vic's bell counts it within 2 s, no reload.
      await adminPage.getByLabel('Thread').selectOption({ label: 'Summit dinner' });
      await adminPage.getByLabel('Your comment').fill('Vic, can you confirm the table for twelve?');
      await adminPage.getByRole('checkbox', { name: 'Vic Viewer' }).check();
      await adminPage.getByRole('button', { name: 'Post comment' }).click();
      const comments = adminPage.getByRole('list', { name: 'Comments' });
      await comments.getByText('can you confirm the table').waitFor();
      const bell = vicPage.getByRole('button', { name: 'Notifications, 2 unread' });
      await bell.waitFor({ timeout: 2000 });

      // The admin edits their own comment in place.
      await comments.getByRole('button', { name: 'Edit' }).click();
      await adminPage.getByLabel('Edit your comment').fill('Vic, can you confirm the table for fourteen?');
      await adminPage.getByRole('button', { name: 'Save', exact: true }).click();
      await comments.getByText('Vic, can you confirm the table for fourteen?').waitFor();
      await comments.getByText(/· edited/).waitFor();
      await look(adminPage, 'collaboration-trip-page');
      await lookAt1024(adminPage, 'collaboration-trip-page');
      await lookAtSection(adminPage, 'collaboration-section');

      await bell.click();
      const mention = vicPage.getByRole('link', { name: /Rosa mentioned you on "Partner summit Lisbon"/ });
      await mention.waitFor();
      // The map's labels fill in as it settles; axe looks once none is empty.
      await vicPage.waitForFunction(() =>
        [...document.querySelectorAll('.leaflet-tooltip')].every((tooltip) => tooltip.textContent?.trim()),
      );
      await look(vicPage, 'collaboration-notification-centre');
      await mention.click();
      // The dinner's card links to its thread.
      await vicPage.getByRole('link', { name: /Comments \(1\) on “Summit dinner”/ }).click();
      await vicPage.getByText('Vic, can you confirm the table for fourteen?').waitFor();
      expect(await vicPage.getByLabel('Thread').inputValue()).not.toBe('');

      // A to-do is edited in place: title, assignee and due date.
      await adminPage.getByLabel('New to-do').fill('Book the table');
      await adminPage.getByRole('button', { name: 'Add to-do' }).click();
      await adminPage.getByRole('button', { name: 'Edit Book the table' }).click();
      await adminPage.getByLabel('To-do', { exact: true }).fill('Book the table for fourteen');
      await adminPage
        .getByLabel(/Assignee/)
        .first()
        .selectOption({ label: 'Vic Viewer' });
      await adminPage.getByRole('button', { name: 'Save', exact: true }).click();
      await adminPage.getByRole('list', { name: 'To-dos' }).getByText('Book the table for fourteen').waitFor();
      await adminPage.getByRole('list', { name: 'To-dos' }).getByText('Vic Viewer').waitFor();

      // A read-only link for someone outside the company: itinerary and map, no costs or notes.
      await adminPage.getByRole('button', { name: 'Create link' }).click();
      const url = (await adminPage.getByTestId('share-url').textContent())!.trim();
      expect(url).toMatch(/\/share\/[\w-]{43}$/);
      const shareUrl = `${urls().webUrl}${new URL(url).pathname}`;
      for (const locale of ['en-US', 'en-GB']) {
        const { page: guest, context } = await newPage(browser, { width: 1440, height: 900 }, locale);
        await guest.goto(shareUrl);
        await guest.getByRole('heading', { name: 'Partner summit Lisbon' }).waitFor();
        await guest.getByText('Summit dinner').waitFor();
        await guest.getByText('Time Out Market').waitFor();
        const text = await guest.locator('body').innerText();
        for (const secret of ['640', '3,000', '3000', 'Costa', 'Rosa', 'Vic']) expect(text).not.toContain(secret);
        expect(await guest.locator('meta[name="robots"]').getAttribute('content')).toContain('noindex');
        await look(guest, `collaboration-share-page-${locale}`);
        await lookAt1024(guest, `collaboration-share-page-${locale}`);
        await context.close();
      }

      // Revoked, the link answers 404 and the page says it no longer works.
      await adminPage.getByRole('button', { name: 'Revoke' }).click();
      await adminPage.getByText('No active link.').waitFor();
      const { page: guest } = await newPage(browser);
      await guest.goto(shareUrl);
      await guest.getByText('This link does not work').waitFor();
      const token = new URL(url).pathname.split('/').pop()!;
      expect((await fetch(`${urls().apiUrl}/api/shared-trips/${token}`)).status).toBe(404);
      await look(guest, 'collaboration-share-revoked');
    });
  });
});
