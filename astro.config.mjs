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

const port = Number(process.env.PORT ?? 4321);
// Astro trusts the Host header only for these hosts (any port); otherwise it treats every
// on-demand request as coming to "localhost" and its origin check refuses every form POST.
// The public origin's host is taken at build time (README: set PUBLIC_ORIGIN when building).
const allowedDomains = [
  { hostname: 'localhost' },
  { hostname: '127.0.0.1' },
  ...(process.env.PUBLIC_ORIGIN ? [{ hostname: new URL(process.env.PUBLIC_ORIGIN).hostname }] : []),
];

export default defineConfig({
  site: process.env.PUBLIC_ORIGIN ?? `http://localhost:${port}`,
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
  integrations: [sitemap({ filter: (page) => !/\/(404|500)\/?$/.test(page) }), apiDevServer()],
  vite: {
    build: { assetsInlineLimit: 0 },
    ssr: { external: ['libsql', '@node-rs/argon2'] },
  },
});
