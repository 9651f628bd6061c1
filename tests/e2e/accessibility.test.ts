/**
 * A1: axe (WCAG 2.0/2.1/2.2 A and AA) reports 0 violations on every page of the sitemap,
 * with JavaScript on; plus pages outside the sitemap (404).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, newPage, sitemapPaths } from './browser.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

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
    const { context, page } = await newPage(browser);
    const failures: string[] = [];
    for (const path of paths) {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      for (const violation of results.violations) {
        failures.push(
          `${path}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.nodes
            .slice(0, 3)
            .map((node) => node.target.join(' '))
            .join(', ')}`,
        );
      }
    }
    await context.close();
    expect(failures).toEqual([]);
    // The sitemap grows with every feature (about 2 s per page on 2 shared cores).
  }, 900_000);
});
