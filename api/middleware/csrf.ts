/**
 * CSRF protection for every state-changing request, forms and JSON alike (quality.md S3).
 *
 * A request that is not GET/HEAD/OPTIONS passes only when the browser says it came from this site:
 * `Sec-Fetch-Site: same-origin`, or an `Origin` header equal to the public origin. Requests with
 * neither header are refused too: every current browser sends at least one of them on a POST, so
 * only non-browser clients omit both, and those can add an `Origin` header.
 */
import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config.ts';
import { errorResponse } from '../lib/errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a request with these headers may change state. */
export function isSameOriginRequest(
  method: string,
  headers: { get(name: string): string | null },
  config: Pick<Config, 'publicOrigin' | 'trustedOrigins'>,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const fetchSite = headers.get('sec-fetch-site');
  const origin = headers.get('origin');
  if (fetchSite !== null && fetchSite !== 'same-origin') return false;
  if (origin !== null) return origin === config.publicOrigin || config.trustedOrigins.includes(origin);
  return fetchSite === 'same-origin';
}

/** Hono middleware answering 403 `csrf_rejected` to cross-site state-changing requests. */
export function csrfMiddleware(config: Config): MiddlewareHandler {
  return async (c, next) => {
    // Safe methods skip the check without reading headers (reading them costs on every GET).
    if (!SAFE_METHODS.has(c.req.method) && !isSameOriginRequest(c.req.method, c.req.raw.headers, config)) {
      return errorResponse(
        c,
        403,
        'csrf_rejected',
        'This request did not come from this site, so it was refused. Reload the page and try again.',
      );
    }
    await next();
  };
}
