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
  security: { checkOrigin: true },
  server: { host: process.env.HOST ?? '127.0.0.1', port },
  devToolbar: { enabled: false },
  integrations: [sitemap({ filter: (page) => !/\/(404|500)\/?$/.test(page) }), apiDevServer()],
  vite: {
    build: { assetsInlineLimit: 0 },
    ssr: { external: ['libsql', '@node-rs/argon2'] },
  },
});
