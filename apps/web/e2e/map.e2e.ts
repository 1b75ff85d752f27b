import type { Browser, Page } from 'playwright-core';
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

/** A 1×1 PNG: what a working tile server answers, as far as Leaflet can tell. */
const TILE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/** The web server's tile configuration as MAP_TILE_URL would give it, and the tile server's answer. */
async function tileServer(page: Page, host: string, answer: 'blocked' | 'tiles') {
  await page.route('**/map-tiles', (route) =>
    route.fulfill({ json: { tiles: { url: `https://${host}/{z}/{x}/{y}.png`, attribution: OSM_ATTRIBUTION } } }),
  );
  await page.route(`https://${host}/**`, (route) =>
    answer === 'blocked' ? route.abort('blockedbyclient') : route.fulfill({ body: TILE_PNG, contentType: 'image/png' }),
  );
}

/** Share of the basemap canvas painted in the land colour (#f8f8f5). */
function landShare(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.leaflet-basemap-pane canvas');
    const context = canvas?.getContext('2d');
    if (!canvas || !context || canvas.width === 0) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let land = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i] === 248 && data[i + 1] === 248 && data[i + 2] === 245 && data[i + 3] === 255) land++;
    return land / (data.length / 4);
  });
}

const pinLabels = (page: Page) =>
  page
    .locator('.leaflet-marker-pane [data-state] span')
    .allTextContents()
    .then((labels) => labels.sort());

describe('the trip map', () => {
  let browser: Browser;
  let email: string;
  let tripId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const owner = await registerOrganization('Marta');
    email = owner.email;
    const api = apiAs(owner.token);
    const trip = await must(
      api.POST('/api/trips', {
        body: {
          title: 'Barcelona partner visit',
          destination: 'Barcelona',
          startDate: dayFromToday(20),
          endDate: dayFromToday(22),
          latitude: 41.3874,
          longitude: 2.1686,
        },
      }),
    );
    tripId = trip.id;
    // Day 1: two stops; day 2: one. Each day numbers its own stops from 1.
    for (const [title, day, time, latitude, longitude] of [
      ['Partner workshop', 20, '10:00', 41.3851, 2.1734],
      ['Lunch at the port', 20, '13:00', 41.3755, 2.1837],
      ['Site visit', 21, '11:00', 41.4036, 2.1744],
    ] as const) {
      const startsAt = new Date(`${dayFromToday(day)}T${time}:00+01:00`);
      await must(
        api.POST('/api/trips/{tripId}/activities', {
          params: { path: { tripId } },
          body: {
            title,
            type: 'meeting',
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
            timezone: 'Europe/Madrid',
            latitude,
            longitude,
          },
        }),
      );
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('falls back to the bundled basemap, says "Offline map" and drops the tile attribution when tiles cannot load', async () => {
    await capturingFailures(browser, 'map-offline', async () => {
      for (const viewport of [
        { width: 1440, height: 900, name: 'desktop' },
        { width: 390, height: 844, name: 'mobile' },
      ]) {
        const { context, page } = await newPage(browser, viewport);
        await tileServer(page, 'tiles.blocked.test', 'blocked');
        await signIn(page, email);
        await page.goto(`/trips/${tripId}`);
        const map = page.getByRole('region', { name: 'Map of the itinerary' });
        await map.getByText('Offline map').waitFor();

        expect(await map.locator('.leaflet-tile').count()).toBe(0);
        const attribution = await map.locator('.leaflet-control-attribution').textContent();
        expect(attribution).not.toContain('OpenStreetMap');
        expect(attribution).toContain('Natural Earth');
        // City zoom: land and coast from the 1:10m layer, the city's name as a label.
        await waitUntil(async () => (await landShare(page)) > 0.2);
        await map.locator('.leaflet-basemapLabels-pane span', { hasText: 'Barcelona' }).waitFor();
        await map.scrollIntoViewIfNeeded();
        await screenshot(page, `map-offline-city-${viewport.name}`);

        // Zoomed out to the region: the 1:50m layer and only the large cities.
        // One level per click, once the previous zoom has ended (a click during the animation is ignored).
        for (let i = 0; i < 7; i++) {
          await map.getByRole('button', { name: 'Zoom out' }).click();
          await page.waitForTimeout(350);
        }
        await waitUntil(async () => (await landShare(page)) > 0.2);
        await page.waitForTimeout(400);
        await screenshot(page, `map-offline-region-${viewport.name}`);
        await context.close();
      }
    });
  });

  it('shows working tiles with their attribution and no offline note', async () => {
    await capturingFailures(browser, 'map-online', async () => {
      const { context, page } = await newPage(browser);
      await tileServer(page, 'tiles.ok.test', 'tiles');
      await signIn(page, email);
      await page.goto(`/trips/${tripId}`);
      const map = page.getByRole('region', { name: 'Map of the itinerary' });
      await map.locator('.leaflet-tile-loaded').first().waitFor();
      await expect(map.locator('.leaflet-control-attribution').textContent()).resolves.toContain('OpenStreetMap');
      await page.waitForTimeout(500);
      expect(await map.getByText('Offline map').count()).toBe(0);
      expect(await map.locator('.leaflet-basemap-pane canvas').count()).toBe(0);
      await context.close();
    });
  });

  it('labels the pins of other days with their day, so no two pins read the same, and explains it in a legend', async () => {
    await capturingFailures(browser, 'map-pins', async () => {
      const { context, page } = await newPage(browser, { width: 1440, height: 900 });
      await signIn(page, email);
      await page.goto(`/trips/${tripId}`);
      const map = page.getByRole('region', { name: 'Map of the itinerary' });
      await waitUntil(async () => (await pinLabels(page)).length === 3);
      // Day 1 is selected: its stops as numbered in its timeline, day 2's stop as "2·1".
      expect(await pinLabels(page)).toEqual(['1', '2', '2·1']);
      const legend = map.locator('details', { hasText: 'Map legend' });
      await expect(legend.textContent()).resolves.toMatch(/numbered as in the timeline.*Day 2/);
      await screenshot(page, 'map-pins-legend-desktop');

      // Choosing day 2's stop selects day 2: now day 1's stops carry their day.
      await map.locator('.leaflet-marker-icon[title$="Site visit"]').click();
      await waitUntil(async () => (await pinLabels(page)).join() === ['1', '1·1', '1·2'].join());
      await expect(legend.textContent()).resolves.toMatch(/Day 1/);
      await context.close();
    });
  });
});
