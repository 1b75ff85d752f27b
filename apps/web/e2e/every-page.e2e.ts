import type { Browser, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import {
  apiAs,
  capturingFailures,
  dayFromToday,
  launchBrowser,
  must,
  newPage,
  registerOrganization,
  PASSWORD,
  screenshot,
  signIn,
  unique,
} from './support/harness';

/** Every page, signed out and signed in as an admin with data on each, at desktop and phone width. */
const PUBLIC_PAGES = ['/sign-in', '/sign-up', '/forgot-password', '/reset-password', '/invite/not-a-real-invitation'];
const APP_PAGES = (tripId: string) => [
  '/dashboard',
  '/trips',
  '/trips/new',
  `/trips/${tripId}`,
  `/trips/${tripId}/edit`,
  `/trips/${tripId}/flights`,
  '/admin/approvals',
  '/admin/trips',
  '/admin/bookings',
  '/admin/reports',
  '/admin/statements',
  '/admin/people',
  '/admin/members',
  '/admin/invitations',
  '/admin/policy',
  '/admin/audit',
  '/admin/outbox',
  '/admin/ai-usage',
  '/admin/payment-method',
  '/account/passenger-profile',
  '/trips/not-a-trip-id',
  '/no-such-page',
];

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900, locale: 'en-US' },
  { name: 'phone', width: 390, height: 844, locale: 'de-DE' },
] as const;

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  // Lists and panels load after the heading: wait until no spinner is left.
  await page.locator('[role="status"][aria-live]').filter({ hasText: /…$/ }).first().waitFor({ state: 'detached' });
  await page.waitForTimeout(200);
}

async function visit(page: Page, path: string, name: string): Promise<void> {
  await page.goto(path);
  await settle(page);
  await expectNoSeriousA11yViolations(page, `${name} ${path}`);
  // Nothing wider than the window: a phone never scrolls a whole page sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  const file = path
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, 'trip')
    .replace(/\W+/g, '_')
    .replace(/^_|_$/g, '');
  await screenshot(page, `every-page-${name}-${file}`);
}

describe('every page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('has no serious or critical accessibility violations and no sideways scrolling at desktop and phone width, signed out and in', async () => {
    await capturingFailures(browser, 'every-page', async () => {
      const admin = await registerOrganization('Grace');
      const api = apiAs(admin.token);
      const trip = await must(
        api.POST('/api/trips', {
          body: {
            title: 'Berlin sales kick-off',
            destination: 'Berlin',
            destinationCountry: 'Germany',
            timezone: 'Europe/Berlin',
            latitude: 52.52,
            longitude: 13.405,
            startDate: dayFromToday(10),
            endDate: dayFromToday(12),
            budget: { amount: '2500.00', currency: 'EUR' },
            purpose: 'Kick-off with the sales team.',
          },
        }),
      );
      for (const [title, time, minutes] of [
        ['Customer workshop', '09:30', 142],
        ['Team dinner', '19:30', 150],
      ] as const) {
        const startsAt = new Date(`${dayFromToday(10)}T${time}:00+01:00`);
        await must(
          api.POST('/api/trips/{tripId}/activities', {
            params: { path: { tripId: trip.id } },
            body: {
              title,
              type: 'meeting',
              startsAt: startsAt.toISOString(),
              endsAt: new Date(startsAt.getTime() + minutes * 60_000).toISOString(),
              timezone: 'Europe/Berlin',
              latitude: 52.5163,
              longitude: 13.3777,
            },
          }),
        );
      }
      await must(
        api.POST('/api/organizations/current/invitations', {
          body: { email: 'new.colleague@example.com', role: 'traveller' },
        }),
      );

      // A trip waiting for the admin's approval: the navigation then carries its count badge.
      const invitation = await must(
        api.POST('/api/organizations/current/invitations', { body: { email: unique('tess'), role: 'traveller' } }),
      );
      const token = new URL(invitation.inviteUrl).pathname.split('/').pop()!;
      const traveller = await must(
        apiAs(null).POST('/api/auth/accept-invitation', {
          body: { token, name: 'Tess Traveller', password: PASSWORD },
        }),
      );
      const travellerApi = apiAs(traveller.accessToken);
      const waiting = await must(
        travellerApi.POST('/api/trips', {
          body: {
            title: 'Lisbon customer visit',
            destination: 'Lisbon',
            destinationCountry: 'Portugal',
            timezone: 'Europe/Lisbon',
            startDate: dayFromToday(20),
            endDate: dayFromToday(21),
          },
        }),
      );
      await must(travellerApi.POST('/api/trips/{id}/submit', { params: { path: { id: waiting.id } }, body: {} }));

      for (const viewport of VIEWPORTS) {
        const { context, page } = await newPage(browser, viewport, viewport.locale);
        for (const path of PUBLIC_PAGES) await visit(page, path, viewport.name);
        await signIn(page, admin.email);
        // Every main navigation link on screen: none hidden past the edge of a phone.
        for (const link of await page.getByRole('navigation', { name: 'Main' }).getByRole('link').all()) {
          const box = await link.boundingBox();
          expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
        }
        for (const path of APP_PAGES(trip.id)) await visit(page, path, viewport.name);

        // The trip page with the activity form open.
        await page.goto(`/trips/${trip.id}`);
        await settle(page);
        await page
          .getByRole('button', { name: /^Add an activity on / })
          .first()
          .click();
        await page.getByRole('form', { name: 'New activity' }).waitFor();
        await expectNoSeriousA11yViolations(page, `${viewport.name} activity form`);
        await screenshot(page, `every-page-${viewport.name}-activity-form`);
        await context.close();
      }
    });
  });
});
