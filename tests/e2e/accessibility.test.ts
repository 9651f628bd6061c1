/**
 * A1: axe (WCAG 2.0/2.1/2.2 A and AA) reports 0 violations on every page of the sitemap,
 * with JavaScript on; plus pages outside the sitemap (404).
 *
 * Speed (the sitemap has hundreds of pages): axe-core is loaded once per page as an init script
 * instead of being injected per check, only violations are computed (`resultTypes`), and a few
 * pages are checked in parallel. Each page is still fully loaded and fully checked.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, newPage, sitemapPaths } from './browser.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PARALLEL_PAGES = 3;
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
  nodes: { target: string[] }[];
}

/** Run axe on the page that is loaded, with the project's tags. */
async function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(options: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact: impact ?? null,
      help,
      nodes: nodes.map((node) => ({ target: node.target.map(String) })),
    }));
  }, TAGS);
}

describe.skipIf(!hasBrowser)('axe on every page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('finds the pages to check in the sitemap', async () => {
    const paths = await sitemapPaths();
    expect(paths).toEqual(expect.arrayContaining(['/', '/en/', '/easy/', '/accessibility/']));
  });

  it('reports no violations on any sitemap page or the 404 page', async () => {
    const paths = [...(await sitemapPaths()), '/no-such-page'];
    const { context } = await newPage(browser);
    await context.addInitScript(axeSource);
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      const page = await context.newPage();
      for (let index = next++; index < paths.length; index = next++) {
        const path = paths[index]!;
        await page.goto(path);
        for (const violation of await violations(page)) {
          failures.push(
            `${path}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.nodes
              .slice(0, 3)
              .map((node) => node.target.join(' '))
              .join(', ')}`,
          );
        }
      }
      await page.close();
    };
    await Promise.all(Array.from({ length: PARALLEL_PAGES }, worker));
    await context.close();
    expect(failures).toEqual([]);
    // The sitemap grows with every feature (about 2 s per page on 2 shared cores).
  }, 900_000);
});
