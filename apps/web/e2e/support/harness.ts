import { createApiClient, type Schemas } from '@nestmap/api-client';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ARTIFACTS, readState } from './servers';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const PASSWORD = 'correct horse battery staple 42';

export function urls() {
  return readState();
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * Trip pages arrive rendered from the server: their buttons show before React listens for clicks,
 * and a click that early is lost (React replays only those made after hydration has begun). As a
 * person waits for a page to settle, each navigation here waits until React has taken the page.
 */
function untilHydrated(page: Page) {
  const taken = () => Object.keys(document).some((key) => key.startsWith('_reactListening'));
  for (const method of ['goto', 'reload'] as const) {
    const navigate = page[method].bind(page) as (...args: unknown[]) => ReturnType<Page['goto']>;
    page[method] = (async (...args: unknown[]) => {
      const response = await navigate(...args);
      await page.waitForFunction(taken);
      return response;
    }) as Page[typeof method];
  }
}

/** A fresh browser profile (its own cookies): one per person in a test. */
export async function newPage(
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1280, height: 860 },
  locale = 'en-GB',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: urls().webUrl,
    viewport: { width: viewport.width, height: viewport.height },
    locale,
    timezoneId: 'Europe/London',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  untilHydrated(page);
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  return { context, page };
}

/**
 * Saves `artifacts/screenshots/<name>.png`. The sticky header would be painted mid-page in a
 * full-page capture, so the window is grown to the page's height instead, then restored.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (viewport && height > viewport.height)
    await page.setViewportSize({ width: viewport.width, height: Math.min(height, 4000) });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(ARTIFACTS, 'screenshots', `${name}.png`) });
  if (viewport && height > viewport.height) await page.setViewportSize(viewport);
}

export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.com`;
}

/** YYYY-MM-DD, `days` from today (UTC). */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The API client of libs/api-client, straight to the API, for setting the scene. */
export function apiAs(token: string | null) {
  return createApiClient(urls().apiUrl, () => token);
}

export async function must<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${JSON.stringify(error)}`);
  return data as T;
}

export async function registerOrganization(
  name: string,
): Promise<{ email: string; token: string; user: Schemas['UserResponse'] }> {
  const email = unique(name.toLowerCase().replace(/\W+/g, '-'));
  const auth = await must(
    apiAs(null).POST('/api/auth/register', {
      body: { email, password: PASSWORD, name, organizationName: `${name}'s company` },
    }),
  );
  return { email, token: auth.accessToken, user: auth.user };
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/dashboard');
}

/** Runs a test body and, when it fails, saves what every open page showed (artifacts/screenshots/failed-*). */
export async function capturingFailures(browser: Browser, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    let index = 0;
    for (const context of browser.contexts()) {
      for (const page of context.pages()) await screenshot(page, `failed-${name}-${++index}`).catch(() => undefined);
    }
    throw error;
  }
}

/** Polls until `check` is true (for values without a DOM event to wait on). */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('waitUntil: condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
