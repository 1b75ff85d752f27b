import type { Browser } from 'playwright-core';
import { capturingFailures, launchBrowser, newPage, urls } from './support/harness';

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
