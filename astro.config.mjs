// @ts-check
/**
 * Astro: a mostly static site (prerendered pages from content/), with on-demand pages for
 * accounts and dashboards rendered through @astrojs/node in middleware mode behind the Hono
 * server (api/server.ts). See README › Architecture.
 */
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { apiDevServer } from './api/dev/integration.ts';
import { loadPlaces } from './api/content/places.ts';
import { placePagePaths } from './api/content/place-search.ts';

const port = Number(process.env.PORT ?? 4321);
// Astro trusts the Host header only for these hosts (any port); otherwise it treats every
// on-demand request as coming to "localhost" and its origin check refuses every form POST.
// The public origin's host is taken at build time (README: set PUBLIC_ORIGIN when building).
const allowedDomains = [
  { hostname: 'localhost' },
  { hostname: '127.0.0.1' },
  ...(process.env.PUBLIC_ORIGIN ? [{ hostname: new URL(process.env.PUBLIC_ORIGIN).hostname }] : []),
];

const site = process.env.PUBLIC_ORIGIN ?? `http://localhost:${port}`;
// Place pages are rendered on demand (current dates), so the sitemap would not see them.
const placePages = placePagePaths(loadPlaces().map((place) => place.id)).map((page) => new URL(page, site).href);

export default defineConfig({
  site,
  output: 'static',
  adapter: node({ mode: 'middleware' }),
  trailingSlash: 'ignore',
  build: {
    format: 'directory',
    // No inline <style> or <script>: the CSP allows only files from this origin.
    inlineStylesheets: 'never',
  },
  security: { checkOrigin: true, allowedDomains },
  server: { host: process.env.HOST ?? '127.0.0.1', port },
  devToolbar: { enabled: false },
  integrations: [sitemap({ filter: (page) => !/\/(404|500)\/?$/.test(page), customPages: placePages }), apiDevServer()],
  vite: {
    build: { assetsInlineLimit: 0 },
    ssr: { external: ['libsql', '@node-rs/argon2', 'kuromoji'] },
  },
});
