import type { Browser } from 'playwright-core';
import { capturingFailures, launchBrowser, newPage, urls } from './support/harness';

/** Sum of the layout shifts (the CLS of a page load without input) in the first seconds. */
const LAYOUT_SHIFT_OBSERVER = () => {
  const win = window as unknown as { layoutShift: number };
  win.layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) win.layoutShift += (entry as unknown as { value: number }).value;
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
        expect(await page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift)).toBeLessThan(
          0.01,
        );
        await context.close();
      });
    },
  );
});
