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
  screenshot,
  signIn,
  waitUntil,
} from './support/harness';

/**
 * The assistant in the browser, against the API's fake OpenAI server (started by the e2e harness,
 * `OPENAI_BASE_URL`): its default answer to "suggest activities" is two proposals on the trip's first
 * day near the destination, and its briefing is one streamed sentence.
 */
const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
];

/** axe-core and a screenshot at each width: `assistant-<name>-<locale>-<width>.png`. */
async function look(page: Page, name: string, locale: string): Promise<void> {
  const viewport = page.viewportSize()!;
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await expectNoSeriousA11yViolations(page, `${name} at ${size.width} px (${locale})`);
    await screenshot(page, `assistant-${name}-${locale}-${size.width}`);
  }
  await page.setViewportSize(viewport);
}

const NOT_CONFIGURED = {
  configured: false,
  model: null,
  features: {
    suggestions: false,
    tripPlans: false,
    briefings: false,
    verdictExplanations: false,
    dayOptimisation: true,
  },
  budget: { monthlyTokens: null, usedTokens: 0, exceeded: false },
};

describe('the assistant', () => {
  let browser: Browser;
  let owner: Awaited<ReturnType<typeof registerOrganization>>;
  const first = dayFromToday(20);
  const second = dayFromToday(21);

  async function lisbonTrip(title: string) {
    const api = apiAs(owner.token);
    const trip = await must(
      api.POST('/api/trips', {
        body: {
          title,
          destination: 'Lisbon',
          destinationCountry: 'Portugal',
          timezone: 'Europe/Lisbon',
          startDate: first,
          endDate: dayFromToday(22),
          latitude: 38.7223,
          longitude: -9.1393,
        },
      }),
    );
    const add = (title: string, date: string, time: string, latitude: number, longitude: number) =>
      must(
        api.POST('/api/trips/{tripId}/activities', {
          params: { path: { tripId: trip.id } },
          body: {
            title,
            type: 'meeting',
            startsAt: `${date}T${time}:00+00:00`,
            endsAt: `${date}T${time.replace(/^\d\d/, (h) => String(Number(h) + 1).padStart(2, '0'))}:00+00:00`,
            timezone: 'Europe/Lisbon',
            latitude,
            longitude,
            locationName: title,
          },
        }),
      );
    await add('Partner workshop', first, '09:00', 38.7169, -9.1399);
    return { trip, add };
  }

  async function openAssistant(page: Page, tripId: string) {
    await page.goto(`/trips/${tripId}`);
    await page.getByRole('button', { name: 'Assistant' }).click();
    return page.getByRole('complementary', { name: 'Assistant' });
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    owner = await registerOrganization('Aiko');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('suggests activities; the two accepted appear on the timeline and the map', async () => {
    await capturingFailures(browser, 'assistant-suggest', async () => {
      const { trip } = await lisbonTrip('Lisbon partner summit');
      const { context, page } = await newPage(browser, { width: 1440, height: 900 }, 'en-GB');
      await signIn(page, owner.email);
      const panel = await openAssistant(page, trip.id);
      await look(page, 'suggest-form', 'en-GB');

      await panel.getByLabel('What would help?').fill('Lunch with the partners and something to see');
      await panel.getByRole('button', { name: 'Suggest activities' }).click();
      const proposals = panel.getByRole('list', { name: 'Proposals' });
      await proposals.waitFor();
      const titles = await proposals.locator('> li').allTextContents();
      expect(titles).toHaveLength(2);
      expect(titles[0]).toContain('Team lunch near the venue');
      // en-GB: 24-hour times, day before month.
      expect(titles[0]).toContain('12:30 – 13:30');
      await look(page, 'suggest-preview', 'en-GB');

      await panel.getByRole('button', { name: 'Add selected (2)' }).click();
      await panel.getByText('2 activities added to the itinerary.').waitFor();
      await look(page, 'suggest-added', 'en-GB');
      await panel.getByRole('button', { name: 'Close the assistant' }).click();

      const timeline = page.getByTestId('timeline-activity');
      await timeline.filter({ hasText: 'Team lunch near the venue' }).waitFor();
      await timeline.filter({ hasText: 'Old town walk' }).waitFor();
      const map = page.getByRole('region', { name: 'Map of the itinerary' });
      await map.locator('.leaflet-marker-icon[title$="Team lunch near the venue"]').waitFor();
      await map.locator('.leaflet-marker-icon[title$="Old town walk"]').waitFor();
      // Saved through the normal route: the API has them, on the first day.
      const itinerary = await must(
        apiAs(owner.token).GET('/api/trips/{tripId}/activities', { params: { path: { tripId: trip.id } } }),
      );
      expect(itinerary.items.map((item) => item.title).sort()).toEqual(
        ['Old town walk', 'Partner workshop', 'Team lunch near the venue'].sort(),
      );
      await context.close();
    });
  });

  it('streams the daily briefing and previews proposals in en-US', async () => {
    await capturingFailures(browser, 'assistant-briefing', async () => {
      const { trip } = await lisbonTrip('Lisbon customer visit');
      const { context, page } = await newPage(browser, { width: 1440, height: 900 }, 'en-US');
      await signIn(page, owner.email);
      const panel = await openAssistant(page, trip.id);
      await panel.getByRole('button', { name: 'Suggest activities' }).click();
      const proposals = panel.getByRole('list', { name: 'Proposals' });
      await proposals.waitFor();
      expect(await proposals.locator('> li').first().textContent()).toContain('12:30 PM – 1:30 PM');
      await look(page, 'suggest-preview', 'en-US');

      await panel.getByRole('button', { name: 'Briefing' }).click();
      await panel.getByRole('button', { name: 'Write the briefing' }).click();
      const briefing = panel.getByLabel('Briefing', { exact: true });
      await briefing.filter({ hasText: 'Leave time to travel between places.' }).waitFor();
      expect(await briefing.getAttribute('aria-busy')).toBe('false');
      await look(page, 'briefing', 'en-US');
      await context.close();
    });
  });

  it('optimises a day: shows the new order and the distance, then applies it', async () => {
    await capturingFailures(browser, 'assistant-optimise', async () => {
      const { trip, add } = await lisbonTrip('Lisbon roadshow');
      // A block "from 14:00" out of order on purpose: from the Baixa in the morning to Belém, back, then to Belém again.
      await add('Baixa breakfast', second, '08:00', 38.7107, -9.1365);
      await add('Belém client', second, '14:00', 38.6979, -9.2066);
      await add('Baixa office', second, '14:00', 38.7115, -9.137);
      await add('Belém lunch', second, '14:00', 38.6975, -9.2049);
      const { context, page } = await newPage(browser, { width: 1440, height: 900 }, 'en-GB');
      await signIn(page, owner.email);
      const panel = await openAssistant(page, trip.id);
      await panel.getByRole('button', { name: 'Optimise' }).click();
      await panel.getByRole('combobox', { name: 'Day' }).selectOption(second);
      await panel.getByRole('button', { name: 'Optimise this day' }).click();
      const order = panel.getByRole('list', { name: 'Proposed order' });
      await order.waitFor();
      expect(await order.locator('li').allTextContents()).toEqual([
        'Baixa breakfast',
        'Baixa office moved',
        // Belém lunch is a little nearer the Baixa than the client: it comes first.
        'Belém lunch moved',
        'Belém client moved',
      ]);
      await look(page, 'optimise', 'en-GB');
      await panel.getByRole('button', { name: 'Apply this order' }).click();
      await panel.getByText('The new order is saved').waitFor();
      // Saved: the API's itinerary (the timeline's order) has the day in the new order.
      const dayTitles = async () =>
        (
          await must(
            apiAs(owner.token).GET('/api/trips/{tripId}/activities', { params: { path: { tripId: trip.id } } }),
          )
        ).items
          .filter((item) => item.startsAt.startsWith(second))
          .map((item) => item.title)
          .join();
      await waitUntil(async () => (await dayTitles()) === 'Baixa breakfast,Baixa office,Belém lunch,Belém client');
      await screenshot(page, 'assistant-optimise-applied-en-GB-1440');
      await context.close();
    });
  });

  it('explains how to enable the assistant when no model is configured, and still optimises', async () => {
    await capturingFailures(browser, 'assistant-not-configured', async () => {
      const { trip } = await lisbonTrip('Lisbon without a model');
      for (const locale of ['en-US', 'en-GB']) {
        const { context, page } = await newPage(browser, { width: 1440, height: 900 }, locale);
        // What an API without OPENAI_API_KEY / OPENAI_BASE_URL answers (its own e2e tests prove that).
        await page.route('**/api/assistant/status', (route) => route.fulfill({ json: NOT_CONFIGURED }));
        await signIn(page, owner.email);
        const panel = await openAssistant(page, trip.id);
        await panel.getByRole('status').filter({ hasText: 'The assistant needs a language model' }).waitFor();
        expect(await panel.getByRole('button', { name: 'Suggest activities' }).count()).toBe(0);
        await panel.getByRole('status').getByText('How to enable it').click();
        await panel.getByRole('status').getByText('OPENAI_BASE_URL').waitFor();
        await look(page, 'not-configured', locale);
        await panel.getByRole('button', { name: 'Optimise' }).click();
        await panel.getByRole('button', { name: 'Optimise this day' }).click();
        await panel
          .getByText(/already in the order|Travel /)
          .first()
          .waitFor();

        await page.goto('/dashboard');
        await page.getByRole('button', { name: 'Plan with the assistant' }).click();
        await page.getByText('The assistant needs a language model').waitFor();
        await look(page, 'plan-not-configured', locale);
        await context.close();
      }
    });
  });

  it('plans a trip from a sentence and creates it with its activities', async () => {
    await capturingFailures(browser, 'assistant-plan', async () => {
      const { context, page } = await newPage(browser, { width: 1440, height: 900 }, 'en-US');
      await signIn(page, owner.email);
      await page.getByRole('button', { name: 'Plan with the assistant' }).click();
      await page.getByLabel('Describe the trip').fill('3 days in Porto for the partner summit');
      await page.getByRole('button', { name: 'Draft the trip' }).click();
      const draft = page.getByRole('definition').filter({ hasText: 'Porto' }).first();
      await draft.waitFor();
      await look(page, 'plan-preview', 'en-US');
      await page.getByRole('button', { name: /^Create the trip/ }).click();
      await page.waitForURL(/\/trips\/[0-9a-f-]{36}/);
      await page.getByTestId('timeline-activity').first().waitFor();
      await context.close();
    });
  });

  it('shows the admin the month’s usage and sets the budget; over it, the panel says so', async () => {
    await capturingFailures(browser, 'assistant-usage', async () => {
      const { trip } = await lisbonTrip('Lisbon over budget');
      for (const locale of ['en-GB', 'en-US']) {
        const { context, page } = await newPage(browser, { width: 1440, height: 900 }, locale);
        await signIn(page, owner.email);
        await page.goto('/admin/ai-usage');
        await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'AI usage' }).waitFor();
        await page
          .getByRole('table', { name: /AI usage by person/ })
          .getByText('Aiko')
          .waitFor();
        await look(page, 'usage', locale);
        await context.close();
      }
      const { context, page } = await newPage(browser, { width: 1440, height: 900 }, 'en-GB');
      await signIn(page, owner.email);
      await page.goto('/admin/ai-usage');
      await page.getByLabel('Tokens per month').fill('1');
      await page.getByRole('button', { name: 'Save limits' }).click();
      await page.getByText('Limits saved.').waitFor();
      const panel = await openAssistant(page, trip.id);
      await panel.getByRole('alert').filter({ hasText: 'This month’s AI budget is used up' }).first().waitFor();
      await look(page, 'budget-exceeded', 'en-GB');
      await context.close();
    });
  });
});
