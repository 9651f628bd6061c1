/**
 * axe-core for the browser tests (A1): WCAG 2.0/2.1/2.2 A and AA, violations only.
 *
 * Faster than `AxeBuilder.analyze()` on the hundreds of pages the suite checks, with the same
 * rules: axe is evaluated once per loaded document (through the DevTools protocol, so the page
 * CSP does not apply) and only violations are computed (`resultTypes`). Each page is still fully
 * loaded and fully checked.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';

/** The WCAG tags every page is checked against. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const require = createRequire(import.meta.url);
/** The axe-core build that @axe-core/playwright itself uses. */
const axeSource = fs.readFileSync(
  createRequire(require.resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Load axe into every document of a context before its own scripts (saves one evaluation per page). */
export async function preloadAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript(axeSource);
}

/**
 * Run axe on the document loaded in `page`; returns one line per violation
 * (`label: rule (impact) help — first targets`), so an empty list means none.
 */
export async function axeViolations(page: Page, label: string = new URL(page.url()).pathname): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags): Promise<Violation[]> => {
    const axe = (
      window as unknown as {
        axe: {
          run(options: unknown): Promise<{
            violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact: impact ?? null,
      help,
      targets: nodes.slice(0, 3).map((node) => node.target.map(String).join(' ')),
    }));
  }, AXE_TAGS);
  return violations.map(
    (violation) =>
      `${label}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.targets.join(', ')}`,
  );
}
