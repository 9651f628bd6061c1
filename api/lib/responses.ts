/**
 * Responses shared by features: OpenAPI entries of the personal (signed-in) endpoints, and
 * sending JSON text that SQLite built.
 */
import type { Context } from 'hono';
import { setResponseHeader } from './node-headers.ts';
import { ErrorSchema } from './openapi.ts';

/**
 * Send JSON text built by SQLite (shaped like the route's response schema; the API tests check
 * it) as a public, cacheable 200. `openData` adds `Access-Control-Allow-Origin: *`. Typed `never`
 * because the text is not a typed `c.json` value.
 */
export function publicJsonText(c: Context, body: string, options: { maxAge: number; openData?: boolean }): never {
  setResponseHeader(c, 'Cache-Control', `public, max-age=${options.maxAge}`);
  if (options.openData) setResponseHeader(c, 'Access-Control-Allow-Origin', '*');
  return c.body(body, 200, { 'Content-Type': 'application/json; charset=UTF-8' }) as never;
}

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

/** 400 / 401 / 403 / 404 / 429 error responses. */
export const personalErrorResponses = {
  400: error('Invalid request (details name the fields)'),
  401: error('Not signed in'),
  403: error('Signed in without the role or relation needed'),
  404: error('Not found (or not yours)'),
  429: error('Too many attempts; see Retry-After'),
} as const;

/** The cookie security scheme name used in `security`. */
export const SESSION_SECURITY = [{ sessionCookie: [] }];
