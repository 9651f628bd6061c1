/**
 * Production entry: one Node process, one port.
 * Hono is in front: /api/* goes to the API, built files come from dist/client (hashed assets
 * cached for a year, pre-compressed copies preferred), everything else goes to Astro's
 * on-demand handler. Security headers are set on every response, static files included.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { type HttpBindings, serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import compression from 'compression';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { ConfigError, loadConfig, projectRoot } from './config.ts';
import { log } from './lib/log.ts';
import { requestHeader } from './lib/node-headers.ts';
import { isSameOriginRequest } from './middleware/csrf.ts';
import { isPublicOpenData, securityHeaders } from './middleware/security-headers.ts';
import { type Runtime, startRuntime } from './runtime.ts';

/** Astro's Node middleware handler (`@astrojs/node` in middleware mode). */
export type AstroHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
  locals?: object,
) => Promise<void>;

/** Where the built site lives. */
export const distDir = path.join(projectRoot, 'dist');

/**
 * The CSP hashes of the inline critical stylesheets that the build wrote next to `clientDir`
 * (scripts/postbuild-site.mjs), or none when the build has no such file.
 */
export function readInlineStyleHashes(clientDir: string): string[] {
  const file = path.join(clientDir, '..', 'inline-style-hashes.json');
  if (!fs.existsSync(file)) return [];
  const hashes: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(hashes) || !hashes.every((hash) => typeof hash === 'string' && /^'sha256-[\w+/=]+'$/.test(hash))) {
    throw new Error(`${file} is not a list of 'sha256-…' CSP hashes: rebuild the site with \`npm run build\`.`);
  }
  return hashes as string[];
}

/** Build the front Hono app of the whole site. */
export function createServerApp(runtime: Runtime, astro: { clientDir: string; handler: AstroHandler }) {
  const styleHashes = readInlineStyleHashes(astro.clientDir);
  const headers = Object.entries(securityHeaders(runtime.config, { styleHashes }));
  const app = new Hono<{ Bindings: HttpBindings }>();
  const compressResponse = compress();
  // On-demand pages are written by Astro straight to the Node response, so they are compressed at
  // that level (brotli at a quality fit for per-request work, else gzip; nothing under 1 KB).
  const compressPage = compression({ brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } } });
  const compressWhenAccepted: MiddlewareHandler = (c, next) =>
    requestHeader(c, 'accept-encoding') ? compressResponse(c, next) : next();

  // The API first: it sets its own security headers, so nothing else touches its responses.
  const api = (c: Context<{ Bindings: HttpBindings }>) => runtime.api.fetch(c.req.raw, c.env);
  app.use('/api/*', compressWhenAccepted);
  app.all('/api/*', api);
  app.all('/api', api);

  app.use(async (c, next) => {
    await next();
    if (c.res.headers.has('x-hono-already-sent')) return;
    for (const [name, value] of headers) {
      if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    }
    if (c.res.ok && isPublicOpenData(c.req.path)) {
      c.res.headers.set('Access-Control-Allow-Origin', '*');
      c.res.headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
      // The static server does not know .geojson (RFC 7946 media type).
      if (c.req.path.endsWith('.geojson')) c.res.headers.set('Content-Type', 'application/geo+json');
    }
    const fromStaticFiles = c.res.ok && c.res.headers.has('last-modified');
    if (fromStaticFiles) {
      // Hashed build assets never change; pages must be revalidated so edits show at once.
      const immutable = c.req.path.startsWith('/_astro/');
      c.res.headers.set(
        'Cache-Control',
        immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
      );
    }
  });
  app.use(serveStatic({ root: astro.clientDir, precompressed: true }));

  app.all('*', async (c) => {
    if (!isSameOriginRequest(c.req.method, c.req.raw.headers, runtime.config)) {
      return c.text(
        'This form did not come from this site, so it was refused. Go back, reload the page and try again.',
        403,
      );
    }
    const { incoming, outgoing } = c.env;
    for (const [name, value] of headers) outgoing.setHeader(name, value);
    await new Promise<void>((resolve, reject) => {
      // `compression` is Express middleware; Express's request/response extend Node's.
      compressPage(incoming as never, outgoing as never, (error?: unknown) =>
        error ? reject(error instanceof Error ? error : new Error('compression failed')) : resolve(),
      );
    });
    await astro.handler(incoming, outgoing, undefined, { runtime });
    return RESPONSE_ALREADY_SENT;
  });
  return app;
}

/** Start the server from the environment; exits with one clear line on a configuration error. */
export async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const entry = path.join(distDir, 'server', 'entry.mjs');
  if (!fs.existsSync(entry)) {
    console.error('The site is not built yet: run `npm run build` (or `npm start`, which builds when needed).');
    process.exit(1);
  }
  const runtime = startRuntime(config);
  const { handler } = (await import(pathToFileURL(entry).href)) as { handler: AstroHandler };
  const app = createServerApp(runtime, { clientDir: path.join(distDir, 'client'), handler });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const shownHost = ['127.0.0.1', '0.0.0.0', '::', '::1'].includes(config.host) ? 'localhost' : config.host;
    const url = `http://${shownHost}:${info.port}/`;
    log.info('listening', { url, host: config.host, port: info.port, database: runtime.db.kind });
    console.log(`\nささえあい日田 is running at ${url}\n`);
  });
  const stop = () => {
    server.close(() => {
      runtime.db.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
