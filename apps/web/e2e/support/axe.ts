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
