import type { Browser } from 'playwright-core';
import { look } from './support/axe';
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
} from './support/harness';

/**
 * The layout shifts of a page load without input (their sum is the CLS), each with the elements that
 * moved, so that a failure names what shifted.
 */
const LAYOUT_SHIFT_OBSERVER = () => {
  const win = window as unknown as { layoutShifts: { value: number; moved: string[] }[] };
  win.layoutShifts = [];
  const describe = (node: Node | null) =>
    node instanceof Element ? `${node.tagName.toLowerCase()}.${[...node.classList].join('.')}` : String(node);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as { value: number; sources?: { node: Node | null }[] }[])
      win.layoutShifts.push({
        value: entry.value,
        moved: (entry.sources ?? []).map((source) => describe(source.node)),
      });
  }).observe({ type: 'layout-shift', buffered: true });
};

describe('web performance: the public pages paint their content from the server HTML', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(['/sign-in', '/sign-up'])(
    '%s sends its form in the HTML and does not shift when it hydrates',
    async (path) => {
      const html = await (await fetch(urls().webUrl + path)).text();
      // A client-rendering bail-out leaves the form out (a `<template data-dgst>` in its place).
      expect(/<input[^>]+type="email"/.test(html)).toBe(true);
      expect(/<input[^>]+type="password"/.test(html)).toBe(true);

      await capturingFailures(browser, `layout-shift${path.replace(/\//g, '-')}`, async () => {
        const { context, page } = await newPage(browser, { width: 412, height: 823 });
        await page.addInitScript(LAYOUT_SHIFT_OBSERVER);
        await page.goto(path);
        await page.getByLabel('E-mail').waitFor();
        await page.waitForTimeout(1500);
        const shifts = await page.evaluate(
          () => (window as unknown as { layoutShifts: { value: number; moved: string[] }[] }).layoutShifts,
        );
        const total = shifts.reduce((sum, shift) => sum + shift.value, 0);
        expect({ total: total < 0.01 ? 'under 0.01' : total, shifts }).toEqual({ total: 'under 0.01', shifts });
        await context.close();
      });
    },
  );
});

describe('web performance: the trip page arrives in the server HTML', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the trip and its itinerary on the server for the signed-in user, with no token in the page', async () => {
    await capturingFailures(browser, 'trip-server-render', async () => {
      const owner = await registerOrganization('Sofia');
      const api = apiAs(owner.token);
      const day = dayFromToday(30);
      const trip = await must(
        api.POST('/api/trips', {
          body: { title: 'Lisbon partner summit', destination: 'Lisbon', startDate: day, endDate: dayFromToday(31) },
        }),
      );
      await must(
        api.POST('/api/trips/{tripId}/activities', {
          params: { path: { tripId: trip.id } },
          body: {
            title: 'Dinner at Belcanto',
            type: 'meal',
            startsAt: `${day}T19:30:00+01:00`,
            timezone: 'Europe/Lisbon',
          },
        }),
      );

      // en-US: the server formats in the language the browser asks for, as the browser then does.
      const { context, page } = await newPage(browser, { width: 1440, height: 900 }, 'en-US');
      const hydrationErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && /hydrat/i.test(message.text())) hydrationErrors.push(message.text());
      });
      await signIn(page, owner.email);

      const answer = await context.request.get(`/trips/${trip.id}`, {
        headers: { 'Accept-Language': 'en-US,en;q=0.9' },
      });
      expect(answer.headers()['cache-control']).toMatch(/no-store/);
      const html = await answer.text();
      expect(html).toContain('<title>Lisbon partner summit · NestMap</title>');
      expect(html).toMatch(/<h1[^>]*>Lisbon partner summit<\/h1>/);
      expect(html).toContain('Dinner at Belcanto');
      expect(html).toContain('6:30 PM'); // 19:30 in Paris is 18:30 in Lisbon, written as en-US writes it
      const cookies = await context.cookies();
      expect(cookies.map((cookie) => [cookie.name, cookie.path, cookie.httpOnly, cookie.sameSite])).toEqual(
        expect.arrayContaining([
          ['nestmap_refresh', '/session', true, 'Strict'],
          ['nestmap_access', '/trips', true, 'Strict'],
        ]),
      );
      for (const cookie of cookies) expect(html).not.toContain(cookie.value);

      // Without the session the server sends no trip: the browser loads it, as before.
      const anonymous = await (await fetch(`${urls().webUrl}/trips/${trip.id}`)).text();
      expect(anonymous).not.toContain('Lisbon partner summit');

      // The page works from that HTML: it hydrates without a mismatch and its token arrives for edits.
      await page.goto(`/trips/${trip.id}`);
      await page.getByRole('heading', { name: 'Lisbon partner summit' }).waitFor();
      await page.getByTestId('timeline-activity').filter({ hasText: 'Dinner at Belcanto' }).waitFor();
      await page.getByRole('link', { name: 'Edit details' }).waitFor();
      await page.waitForTimeout(1000);
      expect(hydrationErrors).toEqual([]);
      await look(page, 'trip-server-rendered');
      await context.close();
    });
  });
});

describe('web performance: the trip page leaves what is far below the fold for later', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('asks for comments, checklist and notes only as the reader nears them, or follows a link into them', async () => {
    await capturingFailures(browser, 'trip-deferred-collaboration', async () => {
      const owner = await registerOrganization('Nadia');
      const api = apiAs(owner.token);
      const day = dayFromToday(30);
      const trip = await must(
        api.POST('/api/trips', {
          body: { title: 'Oslo roadshow', destination: 'Oslo', startDate: day, endDate: dayFromToday(33) },
        }),
      );
      // A long itinerary: on a phone the collaboration section is screens below the first one.
      let first = '';
      for (let index = 0; index < 12; index++) {
        const activity = await must(
          api.POST('/api/trips/{tripId}/activities', {
            params: { path: { tripId: trip.id } },
            body: {
              title: `Customer meeting ${index + 1}`,
              type: 'meeting',
              startsAt: `${dayFromToday(30 + (index % 4))}T${String(8 + index).padStart(2, '0')}:00:00+01:00`,
              timezone: 'Europe/Oslo',
            },
          }),
        );
        first ||= activity.id;
      }

      const { context, page } = await newPage(browser, { width: 390, height: 844 });
      await signIn(page, owner.email);
      const collaborationRequests: string[] = [];
      page.on('request', (request) => {
        if (/\/api\/trips\/[^/]+\/(comments|checklist|notes|collaborators|share-links)/.test(request.url()))
          collaborationRequests.push(request.url());
      });
      await page.goto(`/trips/${trip.id}`);
      await page.getByTestId('timeline-activity').first().waitFor();
      await page.waitForTimeout(1500);
      expect(collaborationRequests).toEqual([]);
      const stand = page.getByRole('button', { name: 'Show comments, checklist and notes' });
      expect(await stand.count()).toBe(1);

      // Scrolling towards it brings it in before it is reached.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.getByRole('heading', { name: 'Comments' }).waitFor();
      expect(collaborationRequests.length).toBeGreaterThan(0);

      // A link to an activity's comments opens them at once, on a fresh load at the top of the page,
      // and they stay when the address moves on.
      await page.goto('/dashboard');
      await page.goto(`/trips/${trip.id}#comments-${first}`);
      await page.getByRole('heading', { name: 'Comments' }).waitFor();
      await page.evaluate(() => {
        window.location.hash = 'top';
      });
      await page.waitForTimeout(500);
      expect(await page.getByRole('heading', { name: 'Comments' }).count()).toBe(1);
      await context.close();
    });
  });
});
