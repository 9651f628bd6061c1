/**
 * The information feature in a real browser against the real server:
 * - keyboard: from the home page to the ひた生活支援相談センター phone link in ≤ 3 steps;
 * - the help finder with JavaScript off (one situation to a tel: link; several situations);
 * - search (pagefind under the real CSP) finds 「介護」「ひきこもり」 and "care";
 * - やさしい日本語 pages carry generated furigana;
 * - structured data, RSS and robots.txt are well formed.
 *
 * A "step" is one activation (Enter on a focused link or button) that takes the reader somewhere
 * new. Moving the focus with Tab is not a step, but Tab presses are counted and bounded too.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, hasBrowser, launchBrowser, newPage } from './browser.ts';

/** Press Tab until `matches` is true for the focused element; returns the number of presses. */
async function tabTo(page: Page, matches: () => boolean, limit = 60): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(matches)) return presses;
  }
  throw new Error('The element was not reached with Tab');
}

describe.skipIf(!hasBrowser)('information pages in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('takes a keyboard user from the home page to the ひた生活支援相談センター phone link in ≤ 3 steps', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/');
    let steps = 0;
    let tabs = 0;

    // Step 1: the 「生活に困った」 entry point on the home page.
    tabs += await tabTo(page, () => document.activeElement?.textContent?.includes('生活に困った') ?? false);
    await Promise.all([page.waitForURL('**/help/okane'), page.keyboard.press('Enter')]);
    steps++;

    // The windows for this situation are on the page: Tab to the centre's phone link.
    tabs += await tabTo(page, () => {
      const element = document.activeElement;
      const card = element?.closest('.window-card');
      return (
        element instanceof HTMLAnchorElement &&
        element.href.startsWith('tel:') &&
        (card?.querySelector('.window-name')?.textContent?.includes('ひた生活支援相談センター') ?? false)
      );
    });
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLAnchorElement;
      const box = element.getBoundingClientRect();
      return {
        href: element.getAttribute('href'),
        text: element.textContent,
        height: box.height,
        visible: box.width > 0,
      };
    });
    expect(focused.href).toBe('tel:0973-00-1201');
    expect(focused.text).toContain('0973-00-1201');
    expect(focused.visible).toBe(true);
    expect(focused.height).toBeGreaterThanOrEqual(44);
    expect(steps).toBeLessThanOrEqual(3);
    expect(tabs).toBeLessThanOrEqual(40);
    console.log(`Home → ひた生活支援相談センター phone link: ${steps} step(s), ${tabs} Tab presses.`);
    await context.close();
  });

  it('completes a help-finder path to a tel: link with JavaScript disabled', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto('/help');
    await page.click('a:has-text("ひきこもり")');
    await page.waitForURL('**/help/hikikomori');
    expect(await page.isVisible('#start h2')).toBe(true);

    await page.click('#start a:has-text("家族のこと")');
    expect(new URL(page.url()).hash).toBe('#a_family');
    expect(await page.isVisible('#start')).toBe(false);
    expect(await page.textContent('#a_family h2')).toContain('年齢');

    await page.click('#a_family a:has-text("40代以上")');
    expect(new URL(page.url()).hash).toBe('#a_family_older');
    const result = page.locator('#a_family_older');
    expect(await result.isVisible()).toBe(true);
    expect(await result.locator('h2').textContent()).toContain('相談先');
    const phone = result.locator('a[href^="tel:"]').first();
    expect(await phone.isVisible()).toBe(true);
    expect(await phone.getAttribute('href')).toMatch(/^tel:0\d/);
    expect(await result.textContent()).toContain('電話で話すこと');

    // "Change" goes back to the question.
    await result.locator('a:has-text("変える")').last().click();
    expect(new URL(page.url()).hash).toBe('#a_family');
    expect(await page.isVisible('#a_family')).toBe(true);
    await context.close();
  });

  it('sends several ticked situations to the 断らない相談 window, and asks again when none is ticked (no JavaScript)', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto('/help');
    await page.check('input[name="s"][value="kaigo"]');
    await page.check('input[name="s"][value="okane"]');
    await Promise.all([page.waitForURL('**/help/several'), page.click('button[type="submit"]')]);
    expect(await page.textContent('h1')).toContain('困りごとがいくつも');
    const first = page.locator('.window-card').first();
    expect(await first.locator('.window-name').textContent()).toContain('断らない相談');
    expect(await first.locator('a[href^="tel:"]').getAttribute('href')).toBe('tel:0973-00-1501');

    await page.goto('/help');
    await Promise.all([page.waitForURL('**/help/choose#several'), page.click('button[type="submit"]')]);
    expect(await page.isVisible('#several-error')).toBe(true);
    expect(await page.getAttribute('fieldset', 'aria-describedby')).toBe('several-error');

    await page.goto('/en/help');
    await page.check('input[name="s"][value="kaigo"]');
    await Promise.all([page.waitForURL('**/en/help/kaigo'), page.click('button[type="submit"]')]);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await context.close();
  });

  it('finds 「介護」 and 「ひきこもり」 in Japanese, "care" in English, and place pages (pagefind under the site CSP)', async () => {
    const { context, page } = await newPage(browser);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const search = async (path: string, query: string) => {
      await page.goto(`${path}?q=${encodeURIComponent(query)}`);
      await page.waitForSelector('[data-search-results] li a', { timeout: 15_000 });
      return page.$$eval('[data-search-results] li a', (links) => links.map((link) => link.getAttribute('href')));
    };
    expect(await page.goto('/search').then(() => page.isVisible('[data-search-nojs]'))).toBe(false);
    expect(await search('/search', '介護')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/topics\/kaigo\/?$/)]),
    );
    expect(await search('/search', 'ひきこもり')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/topics\/hikikomori\/?$/)]),
    );
    const english = await search('/en/search', 'care');
    expect(english).toEqual(expect.arrayContaining([expect.stringMatching(/^\/en\/topics\/kaigo\/?$/)]));
    expect(english.every((href) => href?.startsWith('/en/'))).toBe(true);
    const easy = await search('/easy/search', '介護');
    expect(easy.every((href) => href?.startsWith('/easy/'))).toBe(true);
    // Place pages are rendered on demand, and found all the same (indexed from their content).
    expect(await search('/search', '三芳公民館')).toEqual(expect.arrayContaining(['/places/miyoshi-kominkan']));
    expect(await search('/en/search', 'Miyoshi')).toEqual(expect.arrayContaining(['/en/places/miyoshi-kominkan']));
    expect(errors.filter((text) => /Content Security Policy|Refused/i.test(text))).toEqual([]);
    await context.close();
  });

  it('lists the sources of places and 地区 with their dates, and the map data credits, on the sources page', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto('/sources');
    const place = page.locator('li', { has: page.locator('a[href="http://hita-k.org/miyoshi/about"]') });
    expect(await place.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await place.locator('details a').allTextContents()).toContain('三芳公民館');
    expect(await page.textContent('#map-data + p')).toContain('国土数値情報');
    await context.close();
  });

  it('says what to do when search cannot run without JavaScript', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto('/search?q=介護');
    expect(await page.isVisible('[data-search-nojs]')).toBe(true);
    expect(await page.isVisible('a[href="/windows"]')).toBe(true);
    await context.close();
  });

  it('prints the phone list on one A4 page in every locale, in large type', async () => {
    const { context, page } = await newPage(browser);
    for (const path of ['/windows/print', '/en/windows/print', '/easy/windows/print']) {
      await page.goto(path);
      const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
      // The page tree's /Count is the number of printed pages.
      expect(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/.exec(pdf)?.[1] ?? /\/Count\s+(\d+)/.exec(pdf)?.[1], path).toBe(
        '1',
      );
      await page.emulateMedia({ media: 'print' });
      const sizes = await page.$$eval('.print-list .number', (numbers) =>
        numbers.map((number) => parseFloat(getComputedStyle(number).fontSize)),
      );
      expect(sizes.length).toBeGreaterThanOrEqual(12);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20); // 16pt
      expect(await page.isVisible('.site-header')).toBe(false);
      await page.emulateMedia({ media: null });
    }
    await context.close();
  });

  it('marks every sample phone number with the 「サンプル」 badge and says it does not connect', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    for (const path of ['/windows', '/windows/hita-seikatsu', '/help/okane', '/topics/kaigo', '/en/windows']) {
      await page.goto(path);
      const phones = await page.$$eval('a[href^="tel:0973-00"]', (links) =>
        links.map((link) => link.closest('.phone')?.querySelector('.badge-sample')?.textContent?.trim() ?? ''),
      );
      expect(phones.length, path).toBeGreaterThan(0);
      expect(new Set(phones), path).toEqual(new Set([path.startsWith('/en/') ? 'Sample' : 'サンプル']));
    }
    await context.close();
  });

  it('shows generated furigana on the やさしい日本語 pages', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    for (const path of [
      '/easy/',
      '/easy/help',
      '/easy/help/okane',
      '/easy/windows',
      '/easy/windows/hita-seikatsu',
      '/easy/topics/saigai',
      // Rendered on demand (src/middleware.ts adds their ruby per request):
      '/easy/places',
      '/easy/places/miyoshi-kominkan',
      '/easy/account/sign-in',
    ]) {
      await page.goto(path);
      const rubies = await page.$$eval('main ruby', (elements) =>
        elements.map((ruby) => [ruby.firstChild?.textContent ?? '', ruby.querySelector('rt')?.textContent ?? '']),
      );
      expect(rubies.length, path).toBeGreaterThan(5);
      expect(await page.getAttribute('html', 'lang')).toBe('ja');
      expect(await page.$$eval('title ruby, option ruby', (found) => found.length)).toBe(0);
    }
    await page.goto('/easy/');
    const readings = await page.$$eval('ruby', (elements) =>
      Object.fromEntries(
        elements.map((ruby) => [ruby.firstChild?.textContent ?? '', ruby.querySelector('rt')?.textContent ?? '']),
      ),
    );
    expect(readings['日田']).toBe('ひた');
    // Japanese and English pages have no ruby.
    await page.goto('/help/okane');
    expect(await page.$$eval('ruby', (found) => found.length)).toBe(0);
    await context.close();
  });
});

describe('machine-readable information', () => {
  it('describes a window as a GovernmentService in JSON-LD without its sample phone number', async () => {
    const html = await (await fetch(`${baseURL()}/windows/hita-seikatsu`)).text();
    const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const data = JSON.parse(block) as { '@type': string; name: string };
    expect(data['@type']).toBe('GovernmentService');
    expect(data.name).toBe('ひた生活支援相談センター');
    expect(block).not.toContain('0973-00');
  });

  it('publishes RSS feeds for the news in Japanese and English', async () => {
    for (const path of ['/news/rss.xml', '/en/news/rss.xml']) {
      const response = await fetch(`${baseURL()}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('xml');
      const xml = await response.text();
      expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>/);
      expect(xml.match(/<item>/g)?.length).toBeGreaterThanOrEqual(5);
      expect(xml).toMatch(new RegExp(`<link>https?://[^<]+${path.replace('/rss.xml', '')}/[0-9]{4}-[^<]+</link>`));
    }
  });

  it('points robots.txt at the absolute sitemap address', async () => {
    const text = await (await fetch(`${baseURL()}/robots.txt`)).text();
    expect(text).toMatch(/^Sitemap: https?:\/\/[^/\s]+\/sitemap-index\.xml$/m);
  });

  it('lets the page CSP run WebAssembly for search but never inline scripts', async () => {
    const csp = (await fetch(`${baseURL()}/search`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain('unsafe-inline');
  });
});
