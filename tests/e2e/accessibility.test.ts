/**
 * A1: axe (WCAG 2.0/2.1/2.2 A and AA) reports 0 violations on every page of the sitemap,
 * with JavaScript on; plus pages outside the sitemap (404).
 *
 * Speed (the sitemap has hundreds of pages): axe-core is loaded once per page as an init script
 * and only violations are computed (tests/e2e/axe.ts), and a few pages are checked in parallel.
 * Each page is still fully loaded and fully checked.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlaces } from '../../api/content/places.ts';
import { placePagePaths } from '../../api/content/place-search.ts';
import { axeViolations, preloadAxe } from './axe.ts';
import { hasBrowser, launchBrowser, newPage, sitemapPaths } from './browser.ts';

const PARALLEL_PAGES = 3;

describe.skipIf(!hasBrowser)('axe on every page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('has a checker that does report violations (a page with an unlabelled image and low contrast)', async () => {
    const { context, page } = await newPage(browser);
    await page.setContent(
      '<!doctype html><html lang="ja"><title>t</title><main><img src="x.png"><p style="color:#bbb">薄い文字</p></main></html>',
    );
    const found = await axeViolations(page, 'bad page');
    expect(found).toEqual(
      expect.arrayContaining([expect.stringContaining('image-alt'), expect.stringContaining('color-contrast')]),
    );
    await context.close();
  });

  // The place pages (one template, rendered on demand) are in the sitemap too; places.test.ts
  // checks every shape of them with axe and all of them with the Nu checker.
  const placePages = new Set(placePagePaths(loadPlaces().map((place) => place.id)));

  it('finds the pages to check in the sitemap, the place pages among them', async () => {
    const paths = await sitemapPaths();
    expect(paths).toEqual(expect.arrayContaining(['/', '/en/', '/easy/', '/accessibility/']));
    expect(paths).toEqual(expect.arrayContaining([...placePages]));
  });

  it('reports no violations on any sitemap page or the 404 page', async () => {
    const paths = [...(await sitemapPaths()).filter((path) => !placePages.has(path)), '/no-such-page'];
    const { context } = await newPage(browser);
    await preloadAxe(context);
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      const page = await context.newPage();
      for (let index = next++; index < paths.length; index = next++) {
        const path = paths[index]!;
        await page.goto(path);
        failures.push(...(await axeViolations(page, path)));
      }
      await page.close();
    };
    await Promise.all(Array.from({ length: PARALLEL_PAGES }, worker));
    await context.close();
    expect(failures).toEqual([]);
    // The sitemap grows with every feature (about 2 s per page on 2 shared cores).
  }, 900_000);
});
