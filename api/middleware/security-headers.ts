/**
 * Security headers for every response the server sends: API, static files and pages (quality.md S8).
 */
import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config.ts';
import { setResponseHeader } from '../lib/node-headers.ts';

/**
 * Origins the map may fetch from (tiles, style, glyphs, sprites), added to connect-src and img-src.
 * Defaults to the configured basemap's origins (`config.map.origins`, from MAP_STYLE_URL and
 * MAP_ORIGINS): maplibre fetches style, tiles and glyphs, and decodes sprites from blobs.
 */
export interface CspOptions {
  mapOrigins?: readonly string[];
  /**
   * CSP source expressions (`'sha256-…'`) of the inline stylesheets the build put into the
   * critical pages (dist/inline-style-hashes.json); each allows that exact `<style>` only.
   */
  styleHashes?: readonly string[];
}

/**
 * The Content-Security-Policy: no inline scripts at all and no inline styles except the build's
 * critical stylesheets, allowed by hash (the site otherwise ships external, hashed files), no plugins, no framing, no `<base>` hijacking. `'wasm-unsafe-eval'` lets the
 * static site search (pagefind, /pagefind/*.js from this origin) compile its WebAssembly; it
 * allows WebAssembly compilation only, not `eval()` of JavaScript and not inline scripts.
 */
export function contentSecurityPolicy(config: Config, options: CspOptions = {}): string {
  const map = (options.mapOrigins ?? config.map.origins).join(' ');
  const directives = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    ["style-src 'self'", ...(options.styleHashes ?? [])].join(' '),
    `img-src 'self' data: blob:${map ? ` ${map}` : ''}`,
    "font-src 'self'",
    `connect-src 'self'${map ? ` ${map}` : ''}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (config.publicOrigin.startsWith('https:')) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** All security headers as name → value. */
export function securityHeaders(config: Config, options: CspOptions = {}): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(config, options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
  if (config.publicOrigin.startsWith('https:')) headers['Strict-Transport-Security'] = HSTS;
  return headers;
}

/** HSTS (ASVS 3.4.1): two years, subdomains included; sent whenever the public origin is https. */
export const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Headers for API (JSON) responses, per the OWASP REST guidance: a JSON document loads nothing
 * and may not be framed, so its CSP is simply `default-src 'none'`. Smaller than the page
 * headers, which matters on small, frequent responses.
 */
export function apiSecurityHeaders(config?: Pick<Config, 'publicOrigin'>): Record<string, string> {
  return {
    'Content-Security-Policy': "default-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...(config?.publicOrigin.startsWith('https:') ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}

/**
 * Hono middleware setting the API security headers before the handler runs (a handler may override
 * one with `c.header`). They are set up front, and on the Node response when there is one,
 * because touching `c.res.headers` afterwards makes the Node adapter build a full Response.
 */
export function apiSecurityHeadersMiddleware(config?: Pick<Config, 'publicOrigin'>): MiddlewareHandler {
  const headers = Object.entries(apiSecurityHeaders(config));
  return async (c, next) => {
    for (const [name, value] of headers) setResponseHeader(c, name, value);
    await next();
  };
}

/** Public open-data files (places CSV, GeoJSON, HSDS JSON, iCal feeds) that any site may read. */
export function isPublicOpenData(path: string): boolean {
  return /^\/places(?:\.(?:csv|geojson|hsds\.json|ics)|\/[a-z0-9-]+\.ics)$/.test(path);
}
