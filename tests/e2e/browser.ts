/**
 * The system Chromium for browser tests (`CHROME_PATH`, else /usr/bin/chromium). When no browser
 * exists, the tests are reported as SKIPPED (never passed) and the run says so loudly.
 */
import fs from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** The browser executable, or undefined when none is installed. */
export const chromePath = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (candidate): candidate is string => Boolean(candidate && fs.existsSync(candidate)),
);

if (!chromePath) {
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!! NO BROWSER FOUND: browser tests are SKIPPED, not passed.\n!! Install Debian's chromium (apt-get install chromium) or set CHROME_PATH.\n${line}\n`,
  );
}

/** Whether browser tests can run. */
export const hasBrowser = chromePath !== undefined;

/** The URL of the server started by the global setup. */
export const baseURL = (): string => inject('baseURL');

/** Launch the system Chromium (software WebGL so the map can render headless). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromePath,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-dev-shm-usage'],
  });
}

/** A new context + page, optionally without JavaScript. */
export async function newPage(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseURL(),
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: options.viewport ?? { width: 390, height: 844 },
    locale: 'ja-JP',
  });
  const page = await context.newPage();
  return { context, page };
}

/** The page paths listed in the site's sitemap. */
export async function sitemapPaths(): Promise<string[]> {
  const index = await (await fetch(`${baseURL()}/sitemap-index.xml`)).text();
  const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] ?? '').pathname);
  const paths: string[] = [];
  for (const sitemap of sitemaps) {
    const xml = await (await fetch(`${baseURL()}${sitemap}`)).text();
    for (const match of xml.matchAll(/<loc>([^<]+)<\/loc>/g)) paths.push(new URL(match[1] ?? '').pathname);
  }
  return paths;
}
