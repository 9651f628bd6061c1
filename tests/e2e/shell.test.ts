/**
 * A2/A3 for the site shell: the skip link is the first stop and moves focus to the content,
 * the language switch works from the keyboard and keeps the reader on the same page, pages read
 * without JavaScript, and pages carry the security headers.
 */
import zlib from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, hasBrowser, launchBrowser, newPage } from './browser.ts';

describe.skipIf(!hasBrowser)('keyboard use of the site shell', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('makes the skip link the first tab stop and moves focus to the main content', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({
      text: document.activeElement?.textContent?.trim(),
      visible: document.activeElement ? getComputedStyle(document.activeElement).top !== '-160px' : false,
    }));
    expect(focused.text).toBe('本文へスキップ');
    expect(focused.visible).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await context.close();
  });

  it('switches language with the keyboard and stays on the same page', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/accessibility/');
    // Tab through the header until the English link has focus, as a keyboard user would.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'English') break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('English');
    await Promise.all([page.waitForURL('**/en/accessibility'), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe('/en/accessibility');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toBe('Accessibility statement');
    await page.click('text=やさしい日本語');
    expect(new URL(page.url()).pathname).toBe('/easy/accessibility');
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    await context.close();
  });

  it('keeps the filters of a page rendered on demand when the language changes', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto('/places?kind=salon&district=oyama');
    await Promise.all([page.waitForURL('**/en/places?**'), page.click('.language-switch >> text=English')]);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/en/places');
    expect(url.searchParams.get('kind')).toBe('salon');
    expect(url.searchParams.get('district')).toBe('oyama');
    await context.close();
  });

  it('shows the city name inside the home page h1, in every locale, without JavaScript', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    for (const [path, city] of [
      ['/', '日田市'],
      ['/en/', 'Hita City'],
      ['/easy/', '日田市'],
    ] as const) {
      await page.goto(path);
      expect(await page.textContent('h1')).toContain(city);
    }
    await context.close();
  });
});

describe.skipIf(!hasBrowser)('the critical pages render from the first round trip (P1)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('inlines the styles of the home page and help finder, allowed by the CSP, in ≤ 14 KB gzip', async () => {
    const { context, page } = await newPage(browser);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') violations.push(message.text());
    });
    for (const pathname of ['/', '/en/', '/easy/', '/help', '/en/help', '/easy/help']) {
      const response = await fetch(`${baseURL()}${pathname}`);
      const html = await response.text();
      expect(html, pathname).not.toMatch(/<link rel="stylesheet"/);
      expect(html, pathname).toMatch(/<style>/);
      const gzipKB = zlib.gzipSync(html).length / 1024;
      expect(gzipKB, `${pathname} gzip KB`).toBeLessThanOrEqual(14);
      await page.goto(pathname);
      // The inline styles applied: the skip link sits off screen and the body text is ≥ 16px.
      const styled = await page.evaluate(() => ({
        skipLinkTop: getComputedStyle(document.querySelector('.skip-link') ?? document.body).top,
        fontSize: Number.parseFloat(getComputedStyle(document.body).fontSize),
      }));
      expect(styled.skipLinkTop, pathname).toBe('-160px');
      expect(styled.fontSize, pathname).toBeGreaterThanOrEqual(16);
    }
    expect(violations.filter((text) => /Content Security Policy|Refused/i.test(text))).toEqual([]);
    await context.close();
  });
});

describe('HTTP behaviour of the real server', () => {
  it('sends security headers with pages and the 404 page', async () => {
    for (const path of ['/', '/no-such-page']) {
      const response = await fetch(`${baseURL()}${path}`);
      expect(response.status).toBe(path === '/' ? 200 : 404);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves compressed pages to browsers that accept them, prerendered and on demand', async () => {
    for (const path of ['/', '/places', '/account/sign-in']) {
      const response = await fetch(`${baseURL()}${path}`, { headers: { 'accept-encoding': 'br' } });
      expect(response.headers.get('content-encoding'), path).toBe('br');
      expect(await response.text(), path).toContain('</html>');
    }
  });

  it('rejects a cross-site JSON POST to the API', async () => {
    const response = await fetch(`${baseURL()}/api/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });
});
