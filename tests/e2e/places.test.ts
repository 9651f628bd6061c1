/**
 * Places in a real browser: the list and its filters with JavaScript off; maplibre-gl not fetched
 * before the map is opened; the offline map renders a non-blank canvas and a marker is selected
 * from the keyboard through the synced list; "near me" sorts in the browser without sending the
 * position; open data headers; axe + the Nu HTML checker on the on-demand pages (not in the sitemap).
 */
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlaces } from '../../api/content/places.ts';
import { CSV_HEADER } from '../../api/places/open-data.ts';
import { axeViolations, preloadAxe } from './axe.ts';
import { baseURL, hasBrowser, launchBrowser, newPage } from './browser.ts';
import { checkHtml } from './html-check.ts';

const places = loadPlaces();
/**
 * Place pages with different sections: official address without schedule; sample fields; sample
 * with a bus stop; two schedules; sample with a source; a district marked sample; two kinds.
 */
const AXE_PLACE_SHAPES = [
  'miyoshi-kominkan',
  'mihana-kominkan',
  'sogo-hoken-fukushi-center',
  'sample-itsuwa-genki-club',
  'big-kaachanchi',
  'rojin-fukushi-center',
  'ootsuru-kominkan',
];

async function cardIds(page: Page): Promise<string[]> {
  return page.$$eval('#place-list > [data-place]', (items) =>
    items.map((item) => (item as HTMLElement).dataset.place ?? ''),
  );
}

describe.skipIf(!hasBrowser)('places in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists and filters places with JavaScript off (plain GET form)', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto('/places');
    expect(await page.textContent('h1')).toBe('地域の集いの場');
    expect(await cardIds(page)).toHaveLength(places.length);
    expect(await page.textContent('#places-results')).toContain(`${places.length}件`);
    // Samples carry the badge.
    expect(await page.locator('[data-place="sample-keirin-salon"] .badge-sample').textContent()).toBe('サンプル');

    await page.selectOption('#filter-kind', 'kodomo-shokudo');
    await page.check('#filter-access-wheelchair');
    await Promise.all([page.waitForURL(/kind=kodomo-shokudo/), page.click('button[type=submit]')]);
    const expected = places
      .filter((p) => p.kinds.includes('kodomo-shokudo') && p.accessibility.wheelchair === true)
      .map((p) => p.id);
    expect((await cardIds(page)).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
    // The form shows what was chosen.
    expect(await page.inputValue('#filter-kind')).toBe('kodomo-shokudo');
    expect(await page.isChecked('#filter-access-wheelchair')).toBe(true);

    await page.goto('/en/places?weekday=tu&district=higashiarita');
    const tuesday = places
      .filter((p) => p.district === 'higashiarita' && p.schedule.some((s) => s.rrule.includes('TU')))
      .map((p) => p.id);
    expect(await cardIds(page)).toEqual(tuesday);
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.goto('/places?district=kamitsue&kind=kodomo-shokudo');
    expect(await page.textContent('#places-results')).toContain('0件');
    await context.close();
  });

  it('shows a place page with the schedule in words, next dates, approximate location and no map script', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto('/places/sample-keirin-salon');
    const text = await page.textContent('main');
    expect(text).toContain('毎月第2火曜 10:00〜12:00（祝日は休み）');
    expect(await page.locator('.next-dates li').count()).toBe(3);
    expect(text).toContain('おおよその位置');
    expect(text).toContain('サンプル');
    expect(await page.getAttribute('a[href="/places/map?place=sample-keirin-salon"]', 'href')).toBeTruthy();
    await page.goto('/places/miyoshi-kominkan');
    expect(await page.textContent('main')).toContain('大分県日田市下井手町989番地');
    expect(await page.textContent('main')).toContain('最終確認：2026年11月28日');
    await context.close();
  });

  it('does not fetch maplibre before the map is opened, then renders the offline map and selects a marker by keyboard', async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 1024, height: 900 } });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto('/places');
    await page.waitForLoadState('networkidle');
    await page.mouse.wheel(0, 3000); // scrolling past the map button does not load it either
    await page.waitForTimeout(300);
    const beforeOpen = [...requested];
    expect(beforeOpen.some((url) => /place-map-engine|maplibre|map-style|map-config/.test(url))).toBe(false);
    const scripts = beforeOpen.filter((url) => url.endsWith('.js'));
    for (const url of scripts) {
      const code = await (await fetch(url)).text();
      expect(code, url).not.toMatch(/maplibregl|MapLibre GL JS/);
    }

    await page.click('text=地図を表示する');
    await page.waitForSelector('place-map[data-state=ready]', { timeout: 60_000 });
    expect(await page.getAttribute('place-map', 'data-fallback')).toBeNull();
    const opened = requested.slice(beforeOpen.length);
    expect(opened.some((url) => /place-map-engine.*\.js$/.test(url))).toBe(true);
    expect(opened.some((url) => /maplibre-gl-worker.*\.mjs/.test(url))).toBe(true);
    expect(opened.some((url) => url.endsWith('/places/map-style.json'))).toBe(true);
    // Nothing from outside this server (offline style: no glyphs, sprites or tiles).
    expect(
      requested.every((url) => url.startsWith(baseURL()) || url.startsWith('data:') || url.startsWith('blob:')),
    ).toBe(true);

    // The canvas shows a drawn map: several colours, not one blank fill.
    const png = (await page.locator('.maplibregl-canvas').screenshot()).toString('base64');
    const colours = await page.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context2d = canvas.getContext('2d')!;
      context2d.drawImage(image, 0, 0);
      const pixels = context2d.getImageData(0, 0, canvas.width, canvas.height).data;
      const counts = new Map<string, number>();
      for (let i = 0; i < pixels.length; i += 16) {
        const key = `${pixels[i]! >> 4},${pixels[i + 1]! >> 4},${pixels[i + 2]! >> 4}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const total = pixels.length / 16;
      const top = Math.max(...counts.values());
      return { distinct: counts.size, dominantShare: top / total };
    }, png);
    expect(colours.distinct).toBeGreaterThanOrEqual(4);
    expect(colours.dominantShare).toBeLessThan(0.95);

    // Keyboard: Tab to the "show on map" button of a place in the synced list and press Enter.
    const target = page.locator('[data-show-on-map="sample-keirin-salon"]');
    await page.locator('[data-place="sample-keirin-salon"] .place-name a').focus();
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if (await target.evaluate((el) => el === document.activeElement)) break;
    }
    expect(await target.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    const popup = page.locator('.maplibregl-popup');
    await popup.waitFor();
    expect(await popup.textContent()).toContain('いきいきサロン田島');
    expect(await popup.textContent()).toContain('サロン');
    // A sample place says so on the map too.
    expect(await popup.locator('.badge-sample').textContent()).toBe('サンプル');
    expect(await popup.locator('a').getAttribute('href')).toBe('/places/sample-keirin-salon');
    expect(await page.getAttribute('[data-place="sample-keirin-salon"]', 'class')).toContain('is-selected');
    expect(await page.textContent('[data-map-status]')).toContain('いきいきサロン田島');

    // axe with the map open (canvas, controls, popup).
    expect(await axeViolations(page, 'map with a popup')).toEqual([]);
    await context.close();
  });

  it('shows a static overview of the places on the map page without JavaScript', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto('/places/map');
    const overview = page.locator('svg.overview-map[role=img]');
    expect(await overview.isVisible()).toBe(true);
    const items = await page.locator('#map-place-list [data-place]').count();
    expect(await overview.locator('circle').count()).toBe(items);
    expect(await overview.getAttribute('aria-label')).toContain(`${items}か所`);
    expect(await page.textContent('place-map')).toContain('JavaScript');
    await context.close();
  });

  it('opens the map page on the overview without maplibre, then loads the map on request without moving the page (CLS < 0.1)', async () => {
    const { context, page } = await newPage(browser);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto('/places/map');
    await page.waitForLoadState('networkidle');
    expect(requested.some((url) => /place-map-engine|maplibre|map-style|map-config/.test(url))).toBe(false);
    expect(await page.locator('svg.overview-map').isVisible()).toBe(true);
    const open = page.locator('[data-map-open]');
    await open.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('place-map[data-state=ready]', { timeout: 60_000 });
    expect(requested.some((url) => /maplibre-gl-worker.*\.mjs/.test(url))).toBe(true);
    expect(await page.locator('svg.overview-map').isVisible()).toBe(false);
    const shift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[];
            resolve(entries.filter((entry) => !entry.hadRecentInput).reduce((sum, entry) => sum + entry.value, 0));
          }).observe({ type: 'layout-shift', buffered: true });
          // No entry at all means no shift: the observer is not called then.
          setTimeout(() => resolve(0), 500);
        }),
    );
    expect(shift).toBeLessThan(0.1);
    await context.close();
  });

  it('opens the map page with a place selected from ?place=', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/places/map?place=miyoshi-kominkan');
    await page.waitForSelector('place-map[data-state=ready]', { timeout: 60_000 });
    await page.locator('.maplibregl-popup').waitFor();
    expect(await page.textContent('.maplibregl-popup')).toContain('三芳公民館');
    await context.close();
  });

  it('falls back to the offline style when the configured basemap cannot be loaded', async () => {
    const { context, page } = await newPage(browser);
    // Pretend production configuration: a basemap on another origin, which is unreachable here.
    await page.route('**/api/places/map-config', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          styleUrl: 'https://tiles.invalid/style.json',
          offlineStyleUrl: '/places/map-style.json',
        }),
      }),
    );
    await page.route('https://tiles.invalid/**', (route) => route.abort());
    await page.goto('/places/map');
    await page.click('[data-map-open]');
    await page.waitForSelector('place-map[data-state=ready]', { timeout: 60_000 });
    expect(await page.getAttribute('place-map', 'data-fallback')).toBe('true');
    expect(await page.textContent('[data-map-status]')).toContain(
      '背景の地図を読み込めないため、簡易地図を表示しています。',
    );
    await page.locator('[data-show-on-map="ootsuru-kominkan"]').click();
    await page.locator('.maplibregl-popup').waitFor();
    expect(await page.textContent('.maplibregl-popup')).toContain('大鶴公民館');
    expect(await page.locator('.maplibregl-ctrl-attrib').textContent()).toContain('国土数値情報');
    await context.close();
  });

  it('sorts by distance from the user in the browser and never sends the position', async () => {
    const here = { longitude: 130.9645, latitude: 33.2247 }; // 大山町西大山
    const context = await browser.newContext({
      baseURL: baseURL(),
      geolocation: here,
      permissions: ['geolocation'],
      viewport: { width: 390, height: 844 },
      locale: 'ja-JP',
    });
    const page = await context.newPage();
    await page.goto('/places');
    await page.waitForLoadState('networkidle');
    const after: string[] = [];
    page.on('request', (request) => after.push(`${request.url()} ${request.postData() ?? ''}`));
    await page.click('text=現在地から近い順に並べる');
    await page.waitForSelector('text=現在地から近い順に並べました。');
    const ids = await cardIds(page);
    expect(places.find((p) => p.id === ids[0])?.district).toBe('oyama');
    expect(ids).toHaveLength(places.length);
    expect(await page.textContent(`[data-place="${ids[0]}"] [data-distance]`)).toMatch(/約0\.\dkm/);
    expect(after.filter((line) => line.includes('33.22') || line.includes('130.96'))).toEqual([]);
    await context.close();
  });

  it('prints a 地区 month on A4: every day, holidays marked, large type, a QR code to each place page', async () => {
    const { context, page } = await newPage(browser);
    for (const [path, locale] of [
      ['/places/print/nishiarita?month=2027-01', 'ja'],
      ['/en/places/print/nishiarita?month=2027-01', 'en'],
    ] as const) {
      await page.goto(path);
      const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
      // Calendar and the list of places with their codes: at most two A4 sheets.
      const sheets = Number(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/.exec(pdf)?.[1] ?? 0);
      expect(sheets, path).toBeGreaterThanOrEqual(1);
      expect(sheets, path).toBeLessThanOrEqual(2);
      const mediaBox = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)/.exec(pdf);
      // A4 is 595 × 842 points.
      expect([Math.round(Number(mediaBox?.[1])), Math.round(Number(mediaBox?.[2]))], path).toEqual([595, 842]);
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => ({
        days: [...document.querySelectorAll('.calendar time')].map((time) => time.getAttribute('datetime')),
        holidays: [...document.querySelectorAll('.calendar td.holiday time')].map((time) =>
          time.getAttribute('datetime'),
        ),
        bodyPx: parseFloat(getComputedStyle(document.querySelector('.print-page')!).fontSize),
        entryPx: Math.min(
          ...[...document.querySelectorAll('.calendar .entry')].map((entry) =>
            parseFloat(getComputedStyle(entry).fontSize),
          ),
        ),
        entries: document.querySelectorAll('.calendar .entry').length,
        headerShown: getComputedStyle(document.querySelector('.site-header')!).display !== 'none',
        codes: [...document.querySelectorAll('.print-places .qr')].map((qr) => qr.innerHTML),
      }));
      await page.emulateMedia({ media: null });
      expect(printed.days).toHaveLength(31);
      expect(printed.holidays).toEqual(expect.arrayContaining(['2027-01-01', '2027-01-11'])); // 元日, 成人の日
      expect(printed.bodyPx).toBeGreaterThanOrEqual(18.6); // 14pt
      expect(printed.entryPx).toBeGreaterThanOrEqual(14.6); // 11pt inside a day cell
      expect(printed.entries).toBeGreaterThan(0);
      expect(printed.headerShown).toBe(false);
      // Each code is the QR of that place's page on this site, in the page's language.
      const inDistrict = places.filter((place) => place.district === 'nishiarita');
      expect(printed.codes).toHaveLength(inDistrict.length);
      for (const place of inDistrict) {
        const url = `${baseURL()}${locale === 'en' ? '/en' : ''}/places/${place.id}`;
        const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
        const modules = /<path[^>]*stroke[^>]*d="([^"]+)"/.exec(svg)?.[1];
        expect(modules, place.id).toBeTruthy();
        expect(
          printed.codes.some((code) => code.includes(modules!)),
          `${path}: QR of ${url}`,
        ).toBe(true);
      }
    }
    await context.close();
  });

  it('reports no axe violations and no Nu HTML errors on the on-demand pages', async () => {
    const scheduled = places.filter((p) => p.schedule.length > 0).slice(0, 3);
    const paths = [
      '/places',
      '/en/places',
      '/easy/places',
      '/places?kind=salon&weekday=tu&access=toilet',
      '/places?district=kamitsue&kind=kodomo-shokudo',
      ...places.map((p) => `/places/${p.id}`),
      ...scheduled.flatMap((p) => [`/en/places/${p.id}`, `/easy/places/${p.id}`]),
      '/places/print/mihana',
      '/en/places/print/nishiarita?month=2027-01',
      '/easy/places/print/oyama?month=2026-12',
    ];
    const { context, page } = await newPage(browser);
    await preloadAxe(context);
    const failures: string[] = [];
    const documents: Record<string, string> = {};
    for (const pagePath of paths) {
      const response = await fetch(`${baseURL()}${pagePath}`);
      expect(response.status, pagePath).toBe(200);
      documents[pagePath] = await response.text();
      // axe on every kind of on-demand page: the lists, each shape of place page (one template; the
      // shapes differ in which sections have data), every locale and the prints. Nu on all of them.
      if (!/^\/places\/[a-z-]+$/.test(pagePath) || AXE_PLACE_SHAPES.some((id) => pagePath === `/places/${id}`)) {
        await page.goto(pagePath);
        failures.push(...(await axeViolations(page, pagePath)));
      }
    }
    await context.close();
    expect(failures).toEqual([]);
    expect(checkHtml(documents)).toEqual([]);
  }, 600_000);
});

describe('open data over HTTP', () => {
  it('serves the CSV with a BOM and the documented header, readable from any origin', async () => {
    const response = await fetch(`${baseURL()}/places.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines).toHaveLength(places.length + 1);
  });

  it('serves GeoJSON, HSDS JSON, iCal feeds and the offline style', async () => {
    const geo = await fetch(`${baseURL()}/places.geojson`);
    expect(geo.headers.get('content-type')).toContain('application/geo+json');
    expect(((await geo.json()) as { features: unknown[] }).features).toHaveLength(places.length);
    const hsds = (await (await fetch(`${baseURL()}/places.hsds.json`)).json()) as { locations: unknown[] };
    expect(hsds.locations).toHaveLength(places.length);
    const ics = await fetch(`${baseURL()}/places/sample-keirin-salon.ics`);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(await ics.text()).toContain('RRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2');
    const style = (await (await fetch(`${baseURL()}/places/map-style.json`)).json()) as Record<string, unknown>;
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
  });

  it('answers the places API from the real server', async () => {
    const response = await fetch(`${baseURL()}/api/places?kind=kominkan&limit=100`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { total: number };
    expect(body.total).toBe(places.filter((p) => p.kinds.includes('kominkan')).length);
    expect((await fetch(`${baseURL()}/api/places?limit=0`)).status).toBe(400);
  });
});
