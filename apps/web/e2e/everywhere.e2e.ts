import type { Browser, Locator, Page } from 'playwright-core';
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
  urls,
  waitUntil,
} from './support/harness';

/** What every page owes people: honest errors, named tabs, whole values in fields, a session that ends politely. */
describe('everywhere in the web app', () => {
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof registerOrganization>>;
  let tripId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await registerOrganization('Hedy');
    const trip = await must(
      apiAs(admin.token).POST('/api/trips', {
        body: {
          title: 'Berlin sales kick-off',
          destination: 'Berlin',
          timezone: 'Europe/Berlin',
          latitude: 52.52,
          longitude: 13.405,
          startDate: dayFromToday(10),
          endDate: dayFromToday(12),
        },
      }),
    );
    tripId = trip.id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the not-found page for a malformed trip id, names the tab after the trip and has a favicon', async () => {
    await capturingFailures(browser, 'everywhere-errors', async () => {
      const { context, page } = await newPage(browser);
      await signIn(page, admin.email);
      await page.goto('/trips/not-a-trip-id');
      await page.getByText('This page does not exist').waitFor();
      expect(await page.getByText(/Validation failed|uuid/i).count()).toBe(0);
      expect(await page.title()).toBe('Page not found · NestMap');

      await page.goto(`/trips/${tripId}`);
      await page.getByRole('heading', { name: 'Berlin sales kick-off' }).waitFor();
      await waitUntil(async () => (await page.title()) === 'Berlin sales kick-off · NestMap');

      const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
      const response = await page.request.get(icon!);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('image/svg+xml');
      await context.close();
    });
  });

  /** Ends the page's session the way signing out on another device does: its refresh token is revoked. */
  async function endSessionElsewhere(page: Page): Promise<void> {
    const cookie = (await page.context().cookies()).find((c) => c.name === 'nestmap_refresh')!;
    const logout = await fetch(`${urls().apiUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: cookie.value }),
    });
    expect(logout.status).toBe(204);
  }

  /**
   * Submits as the session ends elsewhere. The app may notice first — the API closes its live
   * connection at once (docs/realtime.md) — and go to sign-in before the click lands; either way
   * what was typed must come back.
   */
  async function submitAsSessionEnds(page: Page, button: Locator): Promise<void> {
    await Promise.race([page.waitForURL(/\/sign-in\?.*expired=1/), button.click().catch(() => undefined)]);
  }

  /** Types a destination and waits for its suggestions, so no search is still due when the session ends. */
  async function typeDestination(page: Page, text: string): Promise<void> {
    const answered = page.waitForResponse((response) => response.url().includes('/api/places'));
    await page.getByRole('combobox', { name: 'Destination' }).fill(text);
    await answered;
    await page.keyboard.press('Escape');
  }

  async function signInAfterExpiry(page: Page, back: string | RegExp): Promise<void> {
    await page.waitForURL(/\/sign-in\?.*expired=1/);
    await page.getByRole('alert').filter({ hasText: 'Your session ended, sign in again' }).waitFor();
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(back);
  }

  it('offers Try again where a page could not load, and it works', async () => {
    await capturingFailures(browser, 'everywhere-try-again', async () => {
      const { context, page } = await newPage(browser);
      await signIn(page, admin.email);
      const failing = async (pattern: string, path: string, loaded: () => Promise<void>) => {
        // The API stays down while the page loads (its retries included), then comes back.
        await page.route(pattern, (route) =>
          route.fulfill({
            status: 500,
            contentType: 'application/json',
            body: '{"statusCode":500,"message":"Internal server error","error":"Internal Server Error","code":"INTERNAL_ERROR"}',
          }),
        );
        await page.goto(path);
        const retry = page.getByRole('button', { name: 'Try again' });
        await retry.waitFor();
        await page.unroute(pattern);
        await retry.click();
        await loaded();
      };
      await failing('**/api/audit?**', '/admin/audit', () =>
        page.getByRole('table', { name: 'Audit log' }).or(page.getByText('Nothing recorded yet')).waitFor(),
      );
      // Without its access cookie the trip page reads the trip in the browser, as after the cookie's 14 minutes.
      await context.clearCookies({ name: 'nestmap_access' });
      await failing(`**/api/trips/${tripId}`, `/trips/${tripId}`, () =>
        page.getByRole('heading', { name: 'Berlin sales kick-off' }).waitFor(),
      );
      await context.close();
    });
  });

  it('says the session ended and gives the typed trip and activity back after signing in again', async () => {
    await capturingFailures(browser, 'everywhere-session', async () => {
      const { context, page } = await newPage(browser);
      await signIn(page, admin.email);
      await page.goto('/trips/new');
      await page.getByLabel('Title').fill('Lisbon partner visit');
      await typeDestination(page, 'Lisbon');
      await page.getByLabel('First day').fill(dayFromToday(20));
      await page.getByLabel('Last day').fill(dayFromToday(22));
      await page.getByLabel(/^Purpose/).fill('Contract review with the Lisbon partner.');
      await endSessionElsewhere(page);
      await submitAsSessionEnds(page, page.getByRole('button', { name: 'Create trip' }));
      await screenshot(page, 'everywhere-session-ended');
      await signInAfterExpiry(page, '**/trips/new');
      await page.getByText('Restored what you typed before your session ended').waitFor();
      expect(await page.getByLabel('Title').inputValue()).toBe('Lisbon partner visit');
      expect(await page.getByLabel(/^Purpose/).inputValue()).toBe('Contract review with the Lisbon partner.');
      expect(await page.getByLabel('First day').inputValue()).toBe(dayFromToday(20));
      // Given back once: nothing is left in the tab's storage.
      expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);

      // An activity being added when the session ends: the form opens again with its text.
      await page.goto(`/trips/${tripId}`);
      await page
        .getByRole('button', { name: /^Add an activity on / })
        .first()
        .click();
      const form = page.getByRole('form', { name: 'New activity' });
      await form.getByLabel('Title').fill('Dinner with the partner');
      await form.getByLabel('Starts').fill('19:30');
      await endSessionElsewhere(page);
      await submitAsSessionEnds(page, form.getByRole('button', { name: 'Add activity' }));
      await signInAfterExpiry(page, `**/trips/${tripId}`);
      const reopened = page.getByRole('form', { name: 'New activity' });
      await reopened.getByText('Restored what you typed before your session ended').waitFor();
      expect(await reopened.getByLabel('Title').inputValue()).toBe('Dinner with the partner');
      expect(await reopened.getByLabel('Starts').inputValue()).toBe('19:30');
      await context.close();
    });
  });

  it('gives a draft back to the same person only', async () => {
    await capturingFailures(browser, 'everywhere-session-other-user', async () => {
      const other = await registerOrganization('Ida');
      const { context, page } = await newPage(browser);
      await signIn(page, admin.email);
      await page.goto('/trips/new');
      await page.getByLabel('Title').fill('Confidential acquisition talks');
      await typeDestination(page, 'Zurich');
      await page.getByLabel('First day').fill(dayFromToday(5));
      await page.getByLabel('Last day').fill(dayFromToday(6));
      await endSessionElsewhere(page);
      await submitAsSessionEnds(page, page.getByRole('button', { name: 'Create trip' }));
      await page.waitForURL(/\/sign-in\?.*expired=1/);
      await page.getByLabel('E-mail').fill(other.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL('**/trips/new');
      await page.getByLabel('Title').waitFor();
      expect(await page.getByLabel('Title').inputValue()).toBe('');
      expect(await page.getByText('Restored what you typed').count()).toBe(0);
      await context.close();
    });
  });

  /** The field's inner width against the width of the value it must show, in the page's font. */
  async function clippedDateTimeFields(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      // Chromium writes the value in its own UI language, which may not be the page's: check both.
      const samples = (type: 'date' | 'time') =>
        [navigator.language, 'en-US'].map((locale) =>
          new Intl.DateTimeFormat(
            locale,
            type === 'date'
              ? { day: '2-digit', month: '2-digit', year: 'numeric' }
              : { hour: '2-digit', minute: '2-digit' },
          ).format(new Date(2026, 11, 22, 19, 30)),
        );
      const PICKER_BUTTON = 28;
      const problems: string[] = [];
      for (const input of document.querySelectorAll<HTMLInputElement>('input[type="date"], input[type="time"]')) {
        if (!input.offsetParent) continue;
        const style = getComputedStyle(input);
        const probe = document.createElement('span');
        probe.style.font = style.font;
        probe.style.letterSpacing = style.letterSpacing;
        probe.style.whiteSpace = 'pre';
        document.body.append(probe);
        let needed = 0;
        for (const text of samples(input.type as 'date' | 'time')) {
          probe.textContent = text;
          needed = Math.max(needed, probe.getBoundingClientRect().width + PICKER_BUTTON);
        }
        probe.remove();
        const available = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        if (available < needed)
          problems.push(
            `${input.labels?.[0]?.textContent ?? input.name}: ${Math.round(available)} < ${Math.round(needed)} px`,
          );
      }
      return problems;
    });
  }

  it('shows whole dates and times in every form at 1440, 1024 and 390 px in en-US, en-GB and de-DE', async () => {
    await capturingFailures(browser, 'everywhere-fields', async () => {
      const found: string[] = [];
      for (const locale of ['en-US', 'en-GB', 'de-DE']) {
        for (const width of [1440, 1024, 390]) {
          const { context, page } = await newPage(browser, { width, height: 900 }, locale);
          await signIn(page, admin.email);
          const where = `${locale} ${width}px`;

          await page.goto('/trips/new');
          await page.getByLabel('First day').waitFor();
          found.push(...(await clippedDateTimeFields(page)).map((p) => `${where} new trip: ${p}`));

          await page.goto('/trips');
          await page.getByRole('search', { name: 'Filter trips' }).waitFor();
          const more = page.getByRole('button', { name: /^More filters/ });
          if (await more.isVisible()) await more.click();
          found.push(...(await clippedDateTimeFields(page)).map((p) => `${where} trip filters: ${p}`));

          await page.goto(`/trips/${tripId}`);
          await page
            .getByRole('button', { name: /^Add an activity on / })
            .first()
            .click();
          const form = page.getByRole('form', { name: 'New activity' });
          await form.getByLabel('Starts').fill('19:30');
          found.push(...(await clippedDateTimeFields(page)).map((p) => `${where} activity form: ${p}`));
          await form.scrollIntoViewIfNeeded();
          await screenshot(page, `everywhere-activity-form-${locale}-${width}`);
          await context.close();
        }
      }
      expect(found).toEqual([]);
    });
  });

  it('on a phone: folded filters, a scroll hint on the admin sections and the user name in the header', async () => {
    await capturingFailures(browser, 'everywhere-phone', async () => {
      const { context, page } = await newPage(browser, { width: 390, height: 844 });
      await signIn(page, admin.email);
      await page.getByRole('banner').getByText('Hedy').waitFor();
      expect(await page.getByRole('banner').getByText('Hedy').isVisible()).toBe(true);

      await page.goto('/trips');
      const more = page.getByRole('button', { name: 'More filters' });
      await more.waitFor();
      expect(await page.getByLabel('Status').isVisible()).toBe(false);
      await more.click();
      expect(await page.getByLabel('Status').isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Fewer filters' }).getAttribute('aria-expanded')).toBe('true');

      await page.goto('/admin/approvals');
      const hint = page.locator('[data-more-after="true"]');
      await hint.waitFor();
      await page.getByRole('navigation', { name: 'Admin' }).evaluate((nav) => nav.scrollTo({ left: nav.scrollWidth }));
      await page.locator('[data-more-before="true"][data-more-after="false"]').waitFor();
      await screenshot(page, 'everywhere-admin-phone');
      await context.close();
    });
  });
});
