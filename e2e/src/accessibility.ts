import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { snap } from './browser.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What axe reports of one rule, as much as a failure message needs. */
interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (WCAG 2.0–2.2 A and AA rules and best practices) on the page as it is now, and
 * fails on every serious or critical violation, naming the rule, the elements and what to fix.
 * axe is injected into the page itself (no extension, no CDN).
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.slice(0, 5).map(({ target, failureSummary }) => ({ target, failureSummary })),
    }));
  });
  const grave = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const report = grave.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} — ${n.failureSummary ?? ''}`).join('\n')}`,
  );
  expect(report).withContext(`axe on ${where}`).toEqual([]);
}

/**
 * The page checked by axe in the light theme and, with `prefers-color-scheme: dark` emulated, in the
 * dark one (contrast changes with it), with a screenshot of each (`<name>.png`, `<name>-dark.png`);
 * the page is left in the light theme.
 */
export async function expectAccessibleInBothThemes(page: Page, name: string): Promise<void> {
  await inScheme(page, 'light');
  await expectAccessible(page, `${name} (light)`);
  await snap(page, name);
  await inScheme(page, 'dark');
  await expectAccessible(page, `${name} (dark)`);
  await snap(page, `${name}-dark`);
  await inScheme(page, 'light');
}

/**
 * Switches the colour scheme and lets the colours settle: the buttons' colour transitions would
 * otherwise be measured halfway (reduced motion turns them off, the short wait covers the rest).
 */
async function inScheme(page: Page, colorScheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
  await page.waitForTimeout(300);
}
