/**
 * Offline: after one visit (with JavaScript, so the service worker registers), the windows page,
 * a window never opened before, a help-finder situation and the several-situations form work
 * with the network off, and each page says it is showing a saved copy.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, newPage } from './browser.ts';

/** Wait until the service worker controls the page and has saved the given pages. */
async function waitForOfflineCopies(page: Page, paths: string[]): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const ready = await page.evaluate(async (wanted) => {
      if (!navigator.serviceWorker.controller) return false;
      for (const path of wanted) if (!(await caches.match(path))) return false;
      return true;
    }, paths);
    if (ready) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`The service worker did not save ${paths.join(', ')} in time`);
}

describe.skipIf(!hasBrowser)('offline after one visit', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens the windows page, a window, the help finder and the several-situations form offline', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/windows');
    expect(await page.isVisible('[data-offline-notice]')).toBe(false);
    await waitForOfflineCopies(page, ['/windows', '/windows/hita-seikatsu', '/help/okane', '/help/several']);

    await context.setOffline(true);
    await page.reload();
    expect(await page.textContent('h1')).toBe('相談窓口');
    expect(await page.isVisible('[data-offline-notice]')).toBe(true);
    expect(await page.textContent('[data-offline-notice]')).toContain('保存した情報');
    expect(await page.getAttribute('[data-saved-at]', 'datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Styles still apply offline (the stylesheet was saved): the phone link is a 44px target.
    const height = await page.$eval('a[href^="tel:"]', (link) => link.getBoundingClientRect().height);
    expect(height).toBeGreaterThanOrEqual(44);

    // A window page that was never opened, with its phone number.
    await page.goto('/windows/hita-seikatsu');
    expect(await page.textContent('h1')).toBe('ひた生活支援相談センター');
    expect(await page.getAttribute('a[href^="tel:"]', 'href')).toBe('tel:0973-00-1201');
    expect(await page.isVisible('[data-offline-notice]')).toBe(true);

    // The help finder: a situation and an answer (in-page, no network needed).
    await page.goto('/help/okane#a_yes_yes');
    expect(await page.isVisible('#a_yes_yes a[href^="tel:"]')).toBe(true);

    // The several-situations form is answered by the service worker.
    await page.goto('/help/find?s=kaigo&s=okane');
    expect(new URL(page.url()).pathname).toBe('/help/several');
    expect(await page.textContent('h1')).toContain('困りごとがいくつも');

    await context.setOffline(false);
    await page.goto('/windows');
    expect(await page.isVisible('[data-offline-notice]')).toBe(false);
    await context.close();
  });
});
