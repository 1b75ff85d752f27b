import type { AxeResults, Result } from 'axe-core';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { screenshot } from './harness';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);

function describe(violation: Result): string {
  const nodes = violation.nodes
    .slice(0, 5)
    .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`)
    .join('\n');
  return `  ${violation.impact} ${violation.id} (${violation.help}), ${violation.nodes.length} node(s):\n${nodes}`;
}

/**
 * Runs axe-core (injected through the DevTools protocol, so the page's CSP does not apply) on what
 * the page shows now and fails on any serious or critical violation, naming each one.
 */
export async function expectNoSeriousA11yViolations(page: Page, state: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, {
      resultTypes: ['violations'],
    }),
  );
  const blocking = results.violations.filter((violation) => BLOCKING.has(violation.impact ?? ''));
  if (blocking.length)
    throw new Error(
      `axe-core: ${state} (${page.url()}) has serious or critical violations:\n${blocking.map(describe).join('\n')}`,
    );
}

/** A page state a flow reaches: checked with axe-core, then saved as `artifacts/screenshots/<name>.png`. */
export async function checkpoint(page: Page, name: string): Promise<void> {
  await expectNoSeriousA11yViolations(page, name);
  await screenshot(page, name);
}

/**
 * Looks at the page as people do: on a desktop (1440 px) and on a phone (390 px), with axe on both
 * unless `axe: false`, saved as `<name>-1440.png` and `<name>-390.png`.
 */
export async function look(page: Page, name: string, { axe = true } = {}): Promise<void> {
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 1440, height: 900 });
  if (axe) await expectNoSeriousA11yViolations(page, name);
  await screenshot(page, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  if (axe) await expectNoSeriousA11yViolations(page, `${name} (phone)`);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize(viewport);
}
